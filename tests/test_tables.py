"""`extractor export --format csv|geojson` (tables.py): the events of output records as one row
or map feature each, ACLED-like columns, valid files also when no article has an event."""

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


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """JSONL records of `extractor run`: a (route), b (no event), c (no place), and a, b as
    one pretty JSON file each."""
    folder = tmp_path_factory.mktemp("records")
    inputs = folder / "in"
    inputs.mkdir()
    for name, text in (("a.txt", ROUTE), ("b.txt", NO_EVENT), ("c.txt", NOWHERE)):
        (inputs / name).write_text(text, encoding="utf-8")
    made = {}
    for name in ("a", "b", "c"):
        out = folder / f"{name}.jsonl"
        result = CliRunner().invoke(
            app, ["run", str(inputs / f"{name}.txt"), "--published", "2021-11-22", "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
        made[name] = out
    pretty = folder / "pretty"
    for name in ("a", "b"):
        args = ["run", str(inputs / f"{name}.txt"), "--published", "2021-11-22"]
        result = CliRunner().invoke(app, [*args, "-f", "json", "-o", str(pretty)])
        assert result.exit_code == 0, result.output
    made["pretty"] = pretty
    return made


def export(tmp_path: Path, paths: list[Path], fmt: str) -> Path:
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(app, ["export", *map(str, paths), "-f", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_csv_has_the_columns_and_one_row_per_event(
    records: dict[str, Path], tmp_path: Path
) -> None:
    out = export(tmp_path, [records["a"], records["b"], records["c"]], "csv")
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


def test_geojson_points_are_longitude_first(records: dict[str, Path], tmp_path: Path) -> None:
    out = export(tmp_path, [records["a"], records["b"]], "geojson")
    (feature,) = _collection(out)["features"]
    assert feature["type"] == "Feature" and feature["id"] == "a#e1"
    lon, lat = feature["geometry"]["coordinates"]
    props = feature["properties"]
    assert (lon, lat) == (props["longitude"], props["latitude"])
    assert 10 < lat < 14 and 12 < lon < 15  # Borno, north-east Nigeria
    assert props["event_date"] == "2021-11-22" and props["precision"] == "route"


def test_geojson_event_without_coordinates_has_null_geometry(
    records: dict[str, Path], tmp_path: Path
) -> None:
    out = export(tmp_path, [records["c"]], "geojson")
    (feature,) = _collection(out)["features"]  # no place named: no location at all
    assert feature["geometry"] is None and feature["properties"]["latitude"] is None


def test_json_folders_are_read_too(records: dict[str, Path], tmp_path: Path) -> None:
    out = export(tmp_path, [records["pretty"]], "geojson")
    assert [f["id"] for f in _collection(out)["features"]] == ["a#e1"]


def test_geojson_with_no_event_is_an_empty_collection(
    records: dict[str, Path], tmp_path: Path
) -> None:
    out = export(tmp_path, [records["b"]], "geojson")
    assert _collection(out)["features"] == []


def test_csv_with_no_event_is_the_header_alone(records: dict[str, Path], tmp_path: Path) -> None:
    out = export(tmp_path, [records["b"]], "csv")
    assert out.read_text(encoding="utf-8").splitlines() == [",".join(COLUMNS)]


def test_a_file_that_is_no_record_is_refused_and_nothing_written(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "an input article, not an output record"}\n')
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["export", str(bad), "-o", str(out)])
    assert result.exit_code == 2 and "not an extractor output record" in result.output
    assert not out.exists()
