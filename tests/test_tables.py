"""CSV and GeoJSON outputs (`extractor run --format csv|geojson`, tables.py, write.py): one row
or map feature per event, ACLED-like columns, valid files also when no article has an event."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.tables import COLUMNS

ROUTE = (
    "Gunmen ambushed a police patrol on the road between Maiduguri and Damboa on Monday, "
    "killing four officers."
)
NOWHERE = "Gunmen shot dead three people on Sunday, police said."
NO_EVENT = "The minister opened a new school on Tuesday."


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in (("a.txt", ROUTE), ("b.txt", NO_EVENT), ("c.txt", NOWHERE)):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def run(tmp_path: Path, paths: list[Path], fmt: str) -> Path:
    out = tmp_path / f"out.{fmt}"
    args = ["run", *map(str, paths), "--published", "2021-11-22", "-f", fmt, "-o", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return out


def test_csv_has_the_columns_and_one_row_per_event(inputs: Path, tmp_path: Path) -> None:
    out = run(tmp_path, [inputs / "a.txt", inputs / "b.txt", inputs / "c.txt"], "csv")
    with out.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        assert tuple(reader.fieldnames or ()) == COLUMNS
        rows = list(reader)
    assert [row["article_id"] for row in rows] == ["a", "c"]
    route = rows[0]
    assert route["event_id"] == "a#e1"
    assert (route["country_code"], route["admin1"], route["precision"]) == ("NG", "Borno", "route")
    assert route["geo_precision"] == "2"  # ACLED: near a place
    assert route["location_text"] == "between Maiduguri and Damboa"
    assert (route["event_date"], route["time_precision"]) == ("2021-11-22", "1")
    assert route["fatalities"] == "4"
    assert -90 <= float(route["latitude"]) <= 90 and -180 <= float(route["longitude"]) <= 180
    assert "Maiduguri" in route["notes"]


def _collection(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    return data


def test_geojson_points_are_longitude_first(inputs: Path, tmp_path: Path) -> None:
    out = run(tmp_path, [inputs / "a.txt", inputs / "b.txt"], "geojson")
    (feature,) = _collection(out)["features"]
    assert feature["type"] == "Feature" and feature["id"] == "a#e1"
    lon, lat = feature["geometry"]["coordinates"]
    props = feature["properties"]
    assert (lon, lat) == (props["longitude"], props["latitude"])
    assert 10 < lat < 14 and 12 < lon < 15  # Borno, north-east Nigeria
    assert props["event_date"] == "2021-11-22" and props["precision"] == "route"


def test_geojson_event_without_coordinates_has_null_geometry(inputs: Path, tmp_path: Path) -> None:
    out = run(tmp_path, [inputs / "c.txt"], "geojson")
    (feature,) = _collection(out)["features"]  # no place named: no location at all
    assert feature["geometry"] is None and feature["properties"]["latitude"] is None


def test_geojson_with_no_event_is_an_empty_collection(inputs: Path, tmp_path: Path) -> None:
    out = run(tmp_path, [inputs / "b.txt"], "geojson")
    assert _collection(out)["features"] == []


def test_csv_with_no_event_is_the_header_alone(inputs: Path, tmp_path: Path) -> None:
    out = run(tmp_path, [inputs / "b.txt"], "csv")
    assert out.read_text(encoding="utf-8").splitlines() == [",".join(COLUMNS)]
