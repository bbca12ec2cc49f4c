"""schema.py, the contract: its validators, and the committed JSON Schema that tools read.

When schema.py changes, regenerate the committed copy with
    .venv/bin/extractor schema > schema/extraction.schema.json
and review the diff: field names fixed by schema_version "1" must not change.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from extractor import SCHEMA_VERSION, Casualties, Event, EventDate, Extraction, Location, Span
from extractor.schema import EVENT_TYPES, Actor, ArticleInfo, Claim
from extractor.write import schema_json

COMMITTED = Path(__file__).resolve().parent.parent / "schema" / "extraction.schema.json"


@pytest.mark.parametrize(
    ("model", "data"),
    [
        pytest.param(Casualties, {"min": 5, "max": 3}, id="count-max-below-min"),
        pytest.param(Casualties, {"min": -1}, id="negative-count"),
        pytest.param(Casualties, {"min": 1, "qualifier": "roughly"}, id="unknown-qualifier"),
        pytest.param(Span, {"start": 10, "end": 4, "text": "x"}, id="span-reversed"),
        pytest.param(EventDate, {"start": "2021-11-22", "end": "2021-11-20"}, id="date-reversed"),
        pytest.param(EventDate, {"precision": "fortnight"}, id="unknown-precision"),
        pytest.param(Location, {"lat": 91.0, "lon": 0.0}, id="latitude-above-90"),
        pytest.param(Location, {"lat": -90.5, "lon": 0.0}, id="latitude-below-minus-90"),
        pytest.param(Location, {"lat": 0.0, "lon": 180.5}, id="longitude-above-180"),
        pytest.param(Location, {"lat": 10.0}, id="latitude-without-longitude"),
        pytest.param(Location, {"country_code": "Syria"}, id="country-code-not-alpha-2"),
        pytest.param(Location, {"country_code": "sy"}, id="country-code-lower-case"),
        pytest.param(Location, {"name": "Aden", "province": "Aden"}, id="extra-key"),
        pytest.param(Event, {"id": "e1", "type": "shooting"}, id="type-not-gtd"),
        pytest.param(Event, {"id": "e1", "type": "bombing", "killd": {"min": 1}}, id="typo-key"),
        pytest.param(Claim, {"status": "admitted"}, id="unknown-claim-status"),
        pytest.param(Actor, {"name": "x", "text": "x", "confidence": 1.5}, id="confidence-above-1"),
    ],
)
def test_invalid(model: Any, data: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        model.model_validate(data)


@pytest.mark.parametrize(
    ("model", "data"),
    [
        pytest.param(Casualties, {"min": 5, "max": 5}, id="exact"),
        pytest.param(
            Casualties, {"min": 12, "max": None, "qualifier": "at_least"}, id="open-ended"
        ),
        pytest.param(Casualties, {"min": 0, "max": 0}, id="zero"),
        pytest.param(
            EventDate,
            {"start": "2021-11-20", "end": "2021-11-21", "precision": "week"},
            id="interval",
        ),
        pytest.param(
            Location, {"lat": 90.0, "lon": -180.0, "country_code": "SY"}, id="bounds-inclusive"
        ),
        pytest.param(Location, {}, id="all-unknown"),
    ],
)
def test_valid(model: Any, data: dict[str, Any]) -> None:
    model.model_validate(data)


def test_event_types_are_the_gtd_list() -> None:
    assert set(EVENT_TYPES) == {
        "armed_assault",
        "bombing",
        "assassination",
        "kidnapping",
        "hostage_taking",
        "arson",
        "facility_attack",
        "hijacking",
        "unarmed_assault",
        "other",
    }


def record() -> Extraction:
    return Extraction(
        extractor_version="0.0.0",
        model="en_core_web_sm==3.8.0",
        article=ArticleInfo(id="a1", published="2021-11-22"),
        events=[
            Event(
                id="e1",
                type="bombing",
                killed=Casualties(min=5, max=5),
                date=EventDate(start="2021-11-21", end="2021-11-21", precision="day"),
            )
        ],
    )


def test_json_round_trip() -> None:
    original = record()
    assert Extraction.model_validate_json(original.model_dump_json()) == original


def test_fixed_field_names_of_schema_version_1() -> None:
    data = json.loads(record().model_dump_json())
    assert data["schema_version"] == SCHEMA_VERSION == "1"
    assert data["article"]["published"] == "2021-11-22"
    event = data["events"][0]
    assert {
        "type",
        "date",
        "location",
        "perpetrators",
        "targets",
        "killed",
        "wounded",
        "claim",
    } <= set(event)
    assert (event["date"]["start"], event["date"]["end"]) == ("2021-11-21", "2021-11-21")
    assert (event["killed"]["min"], event["killed"]["max"]) == (5, 5)


def test_json_schema_forbids_extra_keys() -> None:
    schema = json.loads(schema_json())
    assert schema["additionalProperties"] is False
    assert all(
        d.get("additionalProperties") is False
        for d in schema["$defs"].values()
        if "properties" in d
    )


def test_committed_json_schema_is_current() -> None:
    assert COMMITTED.exists(), "run: extractor schema > schema/extraction.schema.json"
    assert json.loads(COMMITTED.read_text(encoding="utf-8")) == json.loads(schema_json()), (
        "schema.py changed: run `extractor schema > schema/extraction.schema.json` and "
        "review the diff"
    )
