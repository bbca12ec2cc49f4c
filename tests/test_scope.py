"""scope.py and models/scopes/: every scope file loads and validates, and the muc4 rules drop
exactly what they say (nine Latin American countries, at most 62 days old, no attacks on forces
alone, no clashes), while the default scope keeps every specific attack."""

from __future__ import annotations

import datetime as dt
import tomllib
from typing import Any

import pytest

from extractor import Event, extract, resources
from extractor.errors import ScopeError
from extractor.schema import Location
from extractor.scope import Scope, admits, apply, load_scope, rejection, scope_names

PUBLISHED = dt.date(1990, 3, 22)


def test_shipped_scopes() -> None:
    assert {"default", "muc4"} <= set(scope_names())


@pytest.mark.parametrize("name", scope_names())
def test_scope_file_validates_and_is_named_for_its_file(name: str) -> None:
    raw = tomllib.loads(
        (resources.data_root() / "models" / "scopes" / f"{name}.toml").read_text("utf-8")
    )
    assert Scope.model_validate(raw).name == name
    assert load_scope(name).name == name


def test_unknown_scope() -> None:
    with pytest.raises(ScopeError, match="unknown scope 'acled'"):
        load_scope("acled")


def test_scope_rejects_unknown_keys() -> None:
    with pytest.raises(ValueError, match="countrys"):
        Scope.model_validate({"name": "x", "countrys": ["PE"]})


def event(
    *,
    country: str | None = "PE",
    end: dt.date = PUBLISHED,
    targets: tuple[str, ...] = ("civilians",),
    perpetrators: tuple[str, ...] = ("armed_group",),
    methods: tuple[str, ...] = (),
) -> Event:
    location = Location(name="x", country_code=country) if country else None
    data: dict[str, Any] = {
        "id": "e1",
        "type": "armed_assault",
        "location": location,
        "methods": list(methods),
        "date": {"start": end - dt.timedelta(days=1), "end": end, "precision": "day"},
        "targets": [{"name": k, "text": k, "kind": k} for k in targets],
        "perpetrators": [{"name": k, "text": k, "kind": k} for k in perpetrators],
    }
    return Event.model_validate(data)


MUC4 = [
    pytest.param(event(), True, id="peru-civilians"),
    pytest.param(event(country="SV"), True, id="el-salvador"),
    pytest.param(event(country="CO"), True, id="colombia"),
    pytest.param(event(country=None), True, id="unknown-country-kept"),
    pytest.param(event(country="MX"), False, id="mexico"),
    pytest.param(event(country="SY"), False, id="syria"),
    pytest.param(event(end=PUBLISHED - dt.timedelta(days=62)), True, id="62-days-old"),
    pytest.param(event(end=PUBLISHED - dt.timedelta(days=63)), False, id="63-days-old"),
    pytest.param(event(targets=("state_forces",)), False, id="army-only"),
    pytest.param(event(targets=("police",)), False, id="police-only"),
    pytest.param(event(targets=("police", "civilians")), True, id="police-and-civilians"),
    pytest.param(event(targets=()), True, id="no-target-named"),
    pytest.param(
        event(perpetrators=("state_forces",), targets=("armed_group",)),
        False,
        id="army-vs-guerrillas",
    ),
    pytest.param(
        event(perpetrators=("state_forces",), targets=("civilians",)), True, id="army-vs-civilians"
    ),
    pytest.param(event(methods=("clash",), targets=()), False, id="clash-only"),
    pytest.param(
        event(methods=("clash",), targets=("civilians",)), True, id="clash-hitting-civilians"
    ),
]


@pytest.mark.parametrize(("item", "kept"), MUC4)
def test_muc4_rules(item: Event, kept: bool) -> None:
    scope = load_scope("muc4")
    assert admits(scope, item, PUBLISHED) is kept, rejection(scope, item, PUBLISHED)


@pytest.mark.parametrize(("item", "kept"), MUC4)
def test_default_keeps_every_attack(item: Event, kept: bool) -> None:
    assert admits(load_scope("default"), item, PUBLISHED)


def test_apply_renumbers_what_it_keeps() -> None:
    events = [event(country="MX"), event(), event(country="SV")]
    kept = apply(load_scope("muc4"), events, PUBLISHED)
    assert [(e.id, e.location.country_code if e.location else None) for e in kept] == [
        ("e1", "PE"),
        ("e2", "SV"),
    ]


def test_records_name_their_scope() -> None:
    text = "Gunmen killed three people in Kabul on Sunday."
    assert extract(text, published="2021-11-22", scope="muc4").scope == "muc4"
    assert extract(text, published="2021-11-22").scope == "default"


def test_muc4_drops_what_default_keeps() -> None:
    text = (
        "A car bomb exploded near a market in Kabul, Afghanistan, on Sunday, killing five people."
    )
    assert len(extract(text, published="2021-11-22").events) == 1
    assert extract(text, published="2021-11-22", scope="muc4").events == []
