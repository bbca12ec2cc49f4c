"""The offline geopy geocoder over our gazetteer, and the opt-in cached online geocoders.

Every test runs with sockets disabled: nothing here may touch the network.
"""

from __future__ import annotations

import math
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from geopy.exc import GeocoderNotFound
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from extractor.gazetteer import load_place_index
from extractor.geocode import CachedGeocoder, GazetteerGeocoder, online_geocoder

ROOT = Path(__file__).resolve().parent.parent


def _refuse(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("a network call was attempted")


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", _refuse)
    monkeypatch.setattr(socket, "create_connection", _refuse)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse)


@pytest.fixture(scope="module")
def geocoder() -> GazetteerGeocoder:
    return GazetteerGeocoder()


def test_is_a_geopy_geocoder(geocoder: GazetteerGeocoder) -> None:
    assert isinstance(geocoder, Geocoder)


@pytest.mark.parametrize(
    ("query", "options", "place_id", "lat", "lon"),
    [
        ("Deir ez-Zor", {}, "170794", 35.336, 40.141),
        ("Deïrezzore", {}, "170794", 35.336, 40.141),
        ("Izra'", {"country_codes": "SY"}, "169341", 32.867, 36.251),
        ("Izra', Syria", {}, "169341", 32.867, 36.251),
        ("Izra, Daraa", {}, "169341", 32.867, 36.251),
        ("Izra', Jordan", {}, "248923", 31.159, 35.693),
        ("Izra", {"country_codes": ["JO"]}, "248923", 31.159, 35.693),
        ("Achin, Nangarhar", {}, "1469706", 34.126, 70.708),
        ("SAN SALVADOR", {}, "3583361", 13.689, -89.187),
        ("Iraq", {}, "99237", None, None),
        ("Badiya", {}, "sup:badiya", 34.3, 38.6),
    ],
)
def test_geocode_returns_a_location(
    geocoder: GazetteerGeocoder,
    query: str,
    options: dict[str, Any],
    place_id: str,
    lat: float | None,
    lon: float | None,
) -> None:
    location = geocoder.geocode(query, **options)
    assert isinstance(location, Location)
    assert location.raw["id"] == place_id
    if lat is not None:
        assert (location.latitude, location.longitude) == pytest.approx((lat, lon), abs=1e-3)


def test_geocode_address_and_raw(geocoder: GazetteerGeocoder) -> None:
    location = geocoder.geocode("Izra', Syria")
    assert isinstance(location, Location)
    assert location.address == "Izra‘, Daraa, Syria"
    assert location.raw["kind"] == "city" and location.raw["country_code"] == "SY"
    assert location.raw["admin1"] == "Daraa" and "Ezraa" in location.raw["alternate_names"]


def test_geocode_many(geocoder: GazetteerGeocoder) -> None:
    found = geocoder.geocode("San Salvador", exactly_one=False, limit=3)
    assert isinstance(found, list) and len(found) == 3
    assert all(isinstance(location, Location) for location in found)
    assert [location.raw["id"] for location in found[:2]] == ["3583361", "iso:SV-SS"]
    everything = geocoder.geocode("San Salvador", exactly_one=False)
    assert isinstance(everything, list) and len(everything) > 3


@pytest.mark.parametrize("query", ["Qwzxv Nowhere", "Izra, Peru"])
def test_geocode_nothing(geocoder: GazetteerGeocoder, query: str) -> None:
    assert geocoder.geocode(query) is None
    assert geocoder.geocode(query, exactly_one=False) == []


@pytest.mark.parametrize(
    ("query", "place_id"),
    [
        ((35.336, 40.141), "170794"),
        ("32.867, 36.251", "169341"),
        (Point(32.826, 36.16), "164328"),
        ("13.69, -89.19", "3583361"),
    ],
)
def test_reverse_nearest_populated_place(
    geocoder: GazetteerGeocoder, query: Any, place_id: str
) -> None:
    location = geocoder.reverse(query)
    assert isinstance(location, Location)
    assert location.raw["id"] == place_id and location.raw["kind"] == "city"
    assert location.raw["distance_km"] < 2


def _brute_force(lat: float, lon: float, limit: int) -> list[tuple[float, str]]:
    found = []
    for entry in load_place_index():
        if entry.kind != "city" or entry.lat is None or entry.lon is None:
            continue
        p1, p2 = math.radians(lat), math.radians(entry.lat)
        dp, dl = p2 - p1, math.radians(entry.lon - lon)
        a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
        found.append((2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a))), entry.id))
    return sorted(found)[:limit]


@pytest.mark.parametrize(
    ("lat", "lon"),
    [(0.0, -140.0), (-17.7, 179.9), (78.2, 15.6), (34.5, 38.0), (-77.8, 166.7)],
)
def test_reverse_agrees_with_brute_force(
    geocoder: GazetteerGeocoder, lat: float, lon: float
) -> None:
    found = geocoder.reverse((lat, lon), exactly_one=False, limit=3)
    assert isinstance(found, list)
    expected = _brute_force(lat, lon, 3)
    assert [location.raw["id"] for location in found] == [place_id for _, place_id in expected]
    distances = [location.raw["distance_km"] for location in found]
    assert distances == sorted(distances)
    assert distances[0] == pytest.approx(expected[0][0], abs=1e-3)


class _FakeService:
    """Stands in for a geopy service: counts calls, answers from a table."""

    def __init__(self) -> None:
        self.calls = 0

    def geocode(self, query: str, exactly_one: bool = True) -> Location | list[Location] | None:
        self.calls += 1
        if query != "Mosul":
            return None if exactly_one else []
        location = Location("Mosul, Nineveh, Iraq", Point(36.335, 43.119), {"osm_id": 1})
        return location if exactly_one else [location]

    def reverse(self, query: str, exactly_one: bool = True) -> Location | None:
        self.calls += 1
        return Location("Somewhere", Point(query), {"reverse": True})


def test_cached_geocoder_asks_each_question_once(tmp_path: Path) -> None:
    service = _FakeService()
    cached = CachedGeocoder(service, cache_dir=tmp_path, min_delay_seconds=0)
    first = cached.geocode("Mosul")
    again = CachedGeocoder(service, cache_dir=tmp_path, min_delay_seconds=0).geocode("Mosul")
    assert service.calls == 1
    assert isinstance(first, Location) and isinstance(again, Location)
    assert (again.address, again.point, again.raw) == (first.address, first.point, first.raw)
    assert cached.geocode("Atlantis") is None and cached.geocode("Atlantis") is None
    assert service.calls == 2
    many = cached.geocode("Mosul", exactly_one=False)
    assert isinstance(many, list) and many[0].address == "Mosul, Nineveh, Iraq"
    assert isinstance(cached.reverse("36.3, 43.1"), Location)
    assert service.calls == 4
    assert len(list((tmp_path / "_fakeservice").glob("*.json"))) == 4


def test_online_geocoder_is_built_without_a_call(tmp_path: Path) -> None:
    cached = online_geocoder("nominatim", user_agent="extractor-tests", cache_dir=tmp_path)
    assert isinstance(cached, CachedGeocoder)
    assert type(cached.geocoder).__name__ == "Nominatim"
    assert not tmp_path.joinpath("nominatim").exists()


def test_online_geocoder_unknown_service(tmp_path: Path) -> None:
    with pytest.raises(GeocoderNotFound):
        online_geocoder("no-such-service", user_agent="x", cache_dir=tmp_path)


def test_import_loads_nothing_and_calls_nothing() -> None:
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise SystemExit('network')\n"
        "socket.socket.connect = refuse; socket.getaddrinfo = refuse\n"
        "import extractor.geocode as g, extractor.gazetteer as z\n"
        "g.GazetteerGeocoder()\n"
        "assert z.load_place_index.cache_info().currsize == 0\n"
    )
    path = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
    subprocess.run([sys.executable, "-c", code], check=True, env=dict(os.environ, PYTHONPATH=path))
