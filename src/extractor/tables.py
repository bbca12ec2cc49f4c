"""Events as flat rows and map features: `extractor export --format csv|geojson`.

A conflict analyst puts events on a map or in a spreadsheet next to ACLED, GTD or UCDP data.
The export reads output records (the JSONL that `extractor run` writes, or the JSON files of
`--format json`) and writes one row, or one GeoJSON Feature, per event, with ACLED-like column
names where ACLED has the concept (event_date, actor1, actor2, admin1, latitude, geo_precision,
fatalities, notes) and our own where it has not (methods, attribution, claim_status). Articles
with no event give no row; evidence spans and aggregates stay in the JSON records.

Precision codes follow ACLED's conventions: time_precision 1 a day, 2 a week, 3 a month or
more; geo_precision 1 the place itself, 2 near a place, on a route, or a district, 3 a
province, region or country. `precision` keeps our own code beside it.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from .errors import ExtractorError
from .write import atomic_write

__all__ = [
    "COLUMNS",
    "event_rows",
    "export",
    "features",
    "read_records",
    "write_csv",
    "write_geojson",
]

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


def event_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    """One flat row per event of an output record (its JSON form), keyed by COLUMNS; None where
    the record has no value."""
    article = record.get("article") or {}
    return [_row(article, event) for event in record.get("events") or []]


def _row(article: dict[str, Any], event: dict[str, Any]) -> dict[str, Any]:
    loc = event.get("location") or {}
    date = event.get("date") or {}
    claim = event.get("claim") or {}
    perpetrators = event.get("perpetrators") or []
    return {
        "event_id": f"{article.get('id')}#{event.get('id')}",
        "article_id": article.get("id"),
        "event_date": date.get("start"),
        "date_end": date.get("end"),
        "time_precision": _TIME_PRECISION.get(date.get("precision", "")),
        "event_type": event.get("type"),
        "methods": _joined(event.get("methods") or []),
        "status": event.get("status"),
        "actor1": _joined(p.get("name") for p in perpetrators),
        "attribution": _joined(p.get("attribution") for p in perpetrators),
        "actor2": _joined(t.get("name") for t in event.get("targets") or []),
        "location": loc.get("name"),
        "location_text": loc.get("text"),
        "admin2": loc.get("admin2"),
        "admin1": loc.get("admin1"),
        "country": loc.get("country"),
        "country_code": loc.get("country_code"),
        "latitude": loc.get("lat"),
        "longitude": loc.get("lon"),
        "geo_precision": _GEO_PRECISION.get(loc.get("precision", "")),
        "precision": loc.get("precision"),
        "geonames_id": loc.get("geonames_id"),
        "location_source": loc.get("source"),
        "fatalities": _least(event.get("killed")),
        "fatalities_max": _most(event.get("killed")),
        "wounded": _least(event.get("wounded")),
        "kidnapped": _least(event.get("kidnapped")),
        "claim_status": claim.get("status"),
        "claimed_by": _joined(claim.get("by") or []),
        "source": article.get("source"),
        "source_url": article.get("url"),
        "notes": " ".join(span.get("text", "") for span in event.get("evidence") or []) or None,
    }


def _joined(values: Iterable[Any]) -> str | None:
    return SEPARATOR.join(str(v) for v in values if v) or None


def _least(count: dict[str, Any] | None) -> int | None:
    return count.get("min") if count else None


def _most(count: dict[str, Any] | None) -> int | None:
    if not count:
        return None
    return count.get("max") if count.get("max") is not None else count.get("min")


def features(record: dict[str, Any]) -> list[dict[str, Any]]:
    """One GeoJSON Feature per event: a Point at the location's coordinates (longitude first,
    as RFC 7946 orders them), or a null geometry when the event has none; the row as
    properties."""
    result = []
    for row in event_rows(record):
        lat, lon = row["latitude"], row["longitude"]
        geometry = (
            {"type": "Point", "coordinates": [lon, lat]}
            if lat is not None and lon is not None
            else None
        )
        result.append(
            {"type": "Feature", "id": row["event_id"], "geometry": geometry, "properties": row}
        )
    return result


def read_records(paths: Iterable[Path]) -> Iterator[dict[str, Any]]:
    """Output records from JSONL files (one per line) and JSON files or folders of them."""
    for path in paths:
        if path.is_dir():
            yield from read_records(sorted(p for p in path.rglob("*.json") if p.is_file()))
            continue
        text = path.read_text(encoding="utf-8")
        lines = [text] if path.suffix == ".json" else text.splitlines()
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise ExtractorError(f"{path}:{number}: not a JSON record: {e}") from e
            if not isinstance(record, dict) or "events" not in record:
                raise ExtractorError(f"{path}:{number}: not an extractor output record")
            yield record


def write_csv(records: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    """A header line and one row per event; returns the number of rows."""
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    rows = 0
    for record in records:
        for row in event_rows(record):
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
            rows += 1
    return rows


def write_geojson(records: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    """One FeatureCollection with a Feature per event, written record by record; returns the
    number of features."""
    stream.write('{"type": "FeatureCollection", "features": [')
    count = 0
    for record in records:
        for feature in features(record):
            stream.write(("\n" if count == 0 else ",\n") + json.dumps(feature, ensure_ascii=False))
            count += 1
    stream.write("\n]}\n")
    return count


def export(records: Iterable[dict[str, Any]], fmt: str, out: Path | None) -> int:
    """Write the records' events as CSV or GeoJSON to `out` (stdout when None or '-')."""
    write = write_csv if fmt == "csv" else write_geojson
    if out is None or str(out) == "-":
        return write(records, sys.stdout)
    out.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    count = write(records, buffer)
    # written whole or not at all (no half file after a bad input line)
    atomic_write(out, buffer.getvalue())
    return count
