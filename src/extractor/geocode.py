"""Geocoders: our offline gazetteer behind geopy's interface, and opt-in online ones.

`GazetteerGeocoder` answers `geocode()` and `reverse()` from gazetteers/ with no network call,
returning `geopy.location.Location` objects, so a user can swap in any geopy geocoder.
`online_geocoder()` builds a geopy geocoder by service name ("nominatim", ...), rate limited and
cached on disk; nothing online is built or called unless a user asks for it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from .gazetteer import PlaceEntry, PlaceIndex, load_place_index

__all__ = ["CachedGeocoder", "GazetteerGeocoder", "online_geocoder", "to_location"]


def to_location(entry: PlaceEntry, **extra: Any) -> Location:
    """A geopy Location for a gazetteer entry; `raw` holds every field of the entry."""
    parts = [entry.name]
    if entry.admin2 and entry.kind == "city":
        parts.append(entry.admin2)
    if entry.admin1 and entry.kind not in ("country", "admin1"):
        parts.append(entry.admin1)
    if entry.country and entry.kind != "country":
        parts.append(entry.country)
    raw = dataclasses.asdict(entry) | extra
    raw["alternate_names"] = list(entry.alternate_names)
    point = Point(entry.lat, entry.lon) if entry.lat is not None and entry.lon is not None else None
    return Location(", ".join(dict.fromkeys(parts)), point, raw)


class GazetteerGeocoder(Geocoder):
    """geopy's Geocoder interface over our gazetteer: offline, deterministic, no network.

    `geocode("Izra', Syria")` reads text after a comma as containers (country or admin1) that
    narrow the candidates; candidates come in the gazetteer's prior order (kind, population).
    """

    def __init__(self, *, index: PlaceIndex | None = None, user_agent: str | None = None) -> None:
        super().__init__(user_agent=user_agent or "extractor-gazetteer")
        self._index = index

    @property
    def index(self) -> PlaceIndex:
        """The place index, loaded on first use (never at import or construction)."""
        if self._index is None:
            self._index = load_place_index()
        return self._index

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        timeout: float | None = None,
        country_codes: str | Iterable[str] | None = None,
        kinds: Iterable[str] | None = None,
        limit: int | None = None,
    ) -> Location | list[Location] | None:
        """Locations named `query` ("Deir ez-Zor", "Achin, Nangarhar", "Izra', SY"), best first;
        one Location (or None) when exactly_one, else a list (`limit` long at most)."""
        del timeout  # offline: accepted for geopy compatibility
        name, *qualifiers = [part.strip() for part in str(query).split(",")]
        codes = _codes(country_codes)
        found = list(self.index.lookup(name, kinds=kinds))
        if codes:
            found = [entry for entry in found if entry.country_code in codes]
        for qualifier in filter(None, qualifiers):
            found = self._narrowed(found, qualifier)
        found = [entry for entry in found if entry.lat is not None]
        if exactly_one:
            return to_location(found[0]) if found else None
        return [to_location(entry) for entry in found[:limit]]

    def reverse(
        self,
        query: Any,
        *,
        exactly_one: bool = True,
        timeout: float | None = None,
        kinds: Iterable[str] = ("city",),
        limit: int = 5,
    ) -> Location | list[Location] | None:
        """The populated place nearest a point ("35.3, 40.1", (lat, lon) or a geopy Point), with
        its distance in raw["distance_km"]; a list of the `limit` nearest unless exactly_one."""
        del timeout
        point = Point(query)
        found = self.index.nearest(
            point.latitude, point.longitude, kinds=kinds, limit=1 if exactly_one else limit
        )
        locations = [to_location(entry, distance_km=round(km, 3)) for entry, km in found]
        if exactly_one:
            return locations[0] if locations else None
        return locations

    def _narrowed(self, found: list[PlaceEntry], qualifier: str) -> list[PlaceEntry]:
        """Keep the candidates inside what a qualifier names; keep all if it names nothing."""
        country = self.index.country(qualifier) if len(qualifier) == 2 else None
        containers = [country] if country is not None else []
        containers += [
            e for e in self.index.lookup(qualifier) if e.kind in ("country", "admin1", "admin2")
        ]
        if not containers:
            return found
        return [e for e in found if any(self.index.within(e, c) for c in containers)]


def _codes(country_codes: str | Iterable[str] | None) -> set[str]:
    if country_codes is None:
        return set()
    if isinstance(country_codes, str):
        country_codes = [country_codes]
    return {code.upper() for code in country_codes}


class CachedGeocoder:
    """A geopy geocoder behind geopy's RateLimiter and an on-disk JSON cache (one file per
    query), so a re-run asks the service nothing it has answered before."""

    def __init__(
        self, geocoder: Any, *, cache_dir: str | os.PathLike[str], min_delay_seconds: float = 1.0
    ) -> None:
        from geopy.extra.rate_limiter import RateLimiter

        self.geocoder = geocoder
        self.cache_dir = Path(cache_dir) / type(geocoder).__name__.lower()
        self._geocode = RateLimiter(geocoder.geocode, min_delay_seconds=min_delay_seconds)
        self._reverse = RateLimiter(geocoder.reverse, min_delay_seconds=min_delay_seconds)

    def geocode(self, query: Any, **options: Any) -> Location | list[Location] | None:
        """geopy's geocode(), answered from the cache when asked before."""
        return self._cached("geocode", self._geocode, query, options)

    def reverse(self, query: Any, **options: Any) -> Location | list[Location] | None:
        """geopy's reverse(), answered from the cache when asked before."""
        return self._cached("reverse", self._reverse, query, options)

    def _cached(
        self, method: str, call: Callable[..., Any], query: Any, options: dict[str, Any]
    ) -> Location | list[Location] | None:
        exactly_one = options.get("exactly_one", True)
        key = json.dumps([method, query, options], sort_keys=True, default=str)
        file = self.cache_dir / f"{hashlib.sha256(key.encode()).hexdigest()}.json"
        try:
            stored = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stored = None
        if not isinstance(stored, dict) or stored.get("key") != key:
            answer = call(query, **options)
            results = answer if isinstance(answer, list) else ([] if answer is None else [answer])
            stored = {"key": key, "results": [_dump(location) for location in results]}
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            partial = file.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps(stored, ensure_ascii=False, default=str), "utf-8")
            os.replace(partial, file)
        locations = [_load(item) for item in stored["results"]]
        if exactly_one:
            return locations[0] if locations else None
        return locations


def _dump(location: Location) -> dict[str, Any]:
    return {
        "address": location.address,
        "point": [location.latitude, location.longitude, location.altitude],
        "raw": location.raw,
    }


def _load(item: dict[str, Any]) -> Location:
    return Location(item["address"], Point(*item["point"]), item["raw"])


def online_geocoder(
    name: str,
    *,
    user_agent: str,
    cache_dir: str | os.PathLike[str],
    min_delay_seconds: float = 1.0,
    **options: Any,
) -> CachedGeocoder:
    """A geopy geocoder by service name ("nominatim", "photon", "geonames", ...), rate limited
    to one call per `min_delay_seconds` and cached under `cache_dir`. It goes online when called,
    so build it only when a user asks for online geocoding; `options` go to its constructor."""
    from geopy.geocoders import get_geocoder_for_service

    service = get_geocoder_for_service(name)
    return CachedGeocoder(
        service(user_agent=user_agent, **options),
        cache_dir=cache_dir,
        min_delay_seconds=min_delay_seconds,
    )
