"""Events as flat rows and map features: the CSV and GeoJSON outputs (`--format csv|geojson`).

A conflict analyst puts events on a map or in a spreadsheet next to ACLED, GTD or UCDP data.
One row (one GeoJSON feature) per event, with ACLED-like column names where ACLED has the
concept (event_date, actor1, actor2, admin1, latitude, geo_precision, fatalities, notes) and
our own where it has not (methods, attribution, claim_status). Articles with no event give no
row; everything else of the record (evidence spans, aggregates) stays in the JSON outputs.

Precision codes follow ACLED's conventions: time_precision 1 a day, 2 a week, 3 a month or
more; geo_precision 1 the place itself, 2 near a place, on a route, or a district, 3 a
province, region or country. `precision` keeps our own code beside it.
"""

from __future__ import annotations

from typing import Any

from .schema import Casualties, Event, Extraction

COLUMNS = (
    "event_id",
    "article_id",
    "event_date",
    "date_end",
    "time_precision",
    "event_type",
    "methods",
    "status",
    "actor1",
    "attribution",
    "actor2",
    "location",
    "location_text",
    "admin2",
    "admin1",
    "country",
    "country_code",
    "latitude",
    "longitude",
    "geo_precision",
    "precision",
    "geonames_id",
    "location_source",
    "fatalities",
    "fatalities_max",
    "wounded",
    "kidnapped",
    "claim_status",
    "claimed_by",
    "source",
    "source_url",
    "notes",
)

_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
_GEO_PRECISION = {
    "exact": 1,
    "near": 2,
    "route": 2,
    "admin2": 2,
    "admin1": 3,
    "region": 3,
    "country": 3,
}
# Joins several actors or methods in one cell.
SEPARATOR = "; "


def event_rows(extraction: Extraction) -> list[dict[str, Any]]:
    """One flat row per event, keyed by COLUMNS; None where the record has no value."""
    return [_row(extraction, event) for event in extraction.events]


def _row(extraction: Extraction, event: Event) -> dict[str, Any]:
    article, loc, claim = extraction.article, event.location, event.claim
    return {
        "event_id": f"{article.id}#{event.id}",
        "article_id": article.id,
        "event_date": event.date.start,
        "date_end": event.date.end,
        "time_precision": _TIME_PRECISION.get(event.date.precision),
        "event_type": event.type,
        "methods": SEPARATOR.join(event.methods) or None,
        "status": event.status,
        "actor1": SEPARATOR.join(p.name for p in event.perpetrators) or None,
        "attribution": SEPARATOR.join(p.attribution for p in event.perpetrators) or None,
        "actor2": SEPARATOR.join(t.name for t in event.targets) or None,
        "location": loc.name if loc else None,
        "location_text": loc.text if loc else None,
        "admin2": loc.admin2 if loc else None,
        "admin1": loc.admin1 if loc else None,
        "country": loc.country if loc else None,
        "country_code": loc.country_code if loc else None,
        "latitude": loc.lat if loc else None,
        "longitude": loc.lon if loc else None,
        "geo_precision": _GEO_PRECISION.get(loc.precision) if loc else None,
        "precision": loc.precision if loc else None,
        "geonames_id": loc.geonames_id if loc else None,
        "location_source": loc.source if loc else None,
        "fatalities": _least(event.killed),
        "fatalities_max": _most(event.killed),
        "wounded": _least(event.wounded),
        "kidnapped": _least(event.kidnapped),
        "claim_status": claim.status if claim else None,
        "claimed_by": SEPARATOR.join(claim.by) if claim and claim.by else None,
        "source": article.source,
        "source_url": article.url,
        "notes": " ".join(span.text for span in event.evidence) or None,
    }


def _least(count: Casualties | None) -> int | None:
    return count.min if count is not None else None


def _most(count: Casualties | None) -> int | None:
    if count is None:
        return None
    return count.max if count.max is not None else count.min


def features(extraction: Extraction) -> list[dict[str, Any]]:
    """One GeoJSON Feature per event: a Point at the location's coordinates (longitude first,
    as RFC 7946 orders them), or a null geometry when the event has none; the row as
    properties, dates as YYYY-MM-DD."""
    result = []
    for row in event_rows(extraction):
        lat, lon = row["latitude"], row["longitude"]
        geometry = (
            {"type": "Point", "coordinates": [lon, lat]}
            if lat is not None and lon is not None
            else None
        )
        properties = {
            key: value.isoformat() if hasattr(value, "isoformat") else value
            for key, value in row.items()
        }
        result.append(
            {
                "type": "Feature",
                "id": row["event_id"],
                "geometry": geometry,
                "properties": properties,
            }
        )
    return result
