"""The samples: every hand-written fact of tests/expected/<id>.json is its own test case.

The pipeline runs once over samples/ (as `extractor run samples/` does), then each expected event
is paired with the extracted event that matches it best (evidence, type, date, place, tolls), not
by position, and each of its facts is checked: type, date, country, admin1, place, perpetrators,
attribution, targets, the four counts and the claim. Article-level facts: the publication date,
the number of events, the aggregates, and the numbers that must never be a toll.

Facts the pipeline does not read correctly yet are listed, with the reason, in
tests/known_gaps.toml; they run as strict xfail. Matching rules follow samples/README.md: places
fuzzy and accent-insensitive, perpetrators by canonical name or alias, targets by content words.

An optional second layer compares each record whole with tests/snapshots/<id>.json: skipped
unless `--snapshots` is given, rewritten only with `--update-snapshots` (see the README).
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from extractor import Event, Extraction, Extractor
from extractor.actor_index import canonical, load_actor_index
from extractor.read import read_paths

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
EXPECTED = {
    path.stem: json.loads(path.read_text(encoding="utf-8"))
    for path in sorted((ROOT / "tests" / "expected").glob("*.json"))
}
SNAPSHOTS = ROOT / "tests" / "snapshots"
# Fields that change with every release or data rebuild, not with what was extracted.
VOLATILE = ("extractor_version", "data_versions", "model")
COUNTS = ("killed", "wounded", "kidnapped", "perpetrators_killed")


# --- running the pipeline once --------------------------------------------------------------


@pytest.fixture(scope="module")
def results(extractor: Extractor) -> dict[str, Extraction]:
    found: dict[str, Extraction] = {}
    for result in extractor.run(read_paths([SAMPLES])):
        assert isinstance(result, Extraction), f"a sample failed: {result}"
        found[result.article.id] = result
    return found


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    found = {}
    for article in read_paths([SAMPLES]):
        assert not isinstance(article, Exception), article
        found[article.id] = article.text
    return found


@pytest.fixture(scope="module")
def aligned(results: dict[str, Extraction], texts: dict[str, str]) -> dict[str, list[Event | None]]:
    """sample id -> the extracted event paired with each expected event (None: no match)."""
    return {
        sample: align(exp["events"], results[sample].events, texts[sample])
        for sample, exp in EXPECTED.items()
        if sample in results
    }


def test_every_sample_is_read_and_expected(results: dict[str, Extraction]) -> None:
    assert set(results) == set(EXPECTED)


# --- normalisation and lenient matching -------------------------------------------------------


def fold(text: str) -> str:
    """Lower case, accents dropped, punctuation as spaces: 'Tibú' -> 'tibu', 'al-Shabaab' ->
    'al shabaab'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"['\u2019]", "", text)
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


_GENERIC_PLACE = frozenset(
    [
        "province",
        "state",
        "region",
        "district",
        "city",
        "town",
        "village",
        "county",
        "department",
        "governorate",
        "division",
        "of",
        "the",
    ]
)
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "and",
        "in",
        "on",
        "at",
        "by",
        "for",
        "to",
        "from",
        "with",
        "its",
        "his",
        "her",
        "their",
        "some",
        "several",
        "who",
        "were",
        "was",
        "people",
    ]
)


def place_key(name: str) -> str:
    words = fold(name).split()
    return " ".join([w for w in words if w not in _GENERIC_PLACE] or words)


def same_place(predicted: str | None, expected: str) -> bool:
    """Equal after folding and without generic words, the expected name's words in the predicted
    one ("Mayorality of Baghdad" for Baghdad), or a spelling variant (ratio >= 0.85, the scorer's
    PLACE_RATIO)."""
    if not predicted:
        return False
    a, b = place_key(predicted), place_key(expected)
    return a == b or f" {b} " in f" {a} " or difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def content_words(text: str) -> set[str]:
    """Content words, crudely singular ('traders' -> 'trader')."""
    return {
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
        for w in fold(text).split()
        if w not in _STOP
    }


def group_ids(name: str) -> set[str]:
    """Ids a name may stand for in the actor gazetteer: the group and its parents."""
    entry = canonical(name)
    if entry is None:
        return set()
    return {g.id for g in load_actor_index().lineage(entry.id)}


def same_actor(predicted_name: str, predicted_id: str | None, expected: str) -> bool:
    """Canonical name or alias (an affiliate counts for its parent), else most content words
    shared, else a spelling variant of them."""
    expected_entry = canonical(expected)
    if expected_entry is not None:
        lineage = group_ids(predicted_name) | (
            {g.id for g in load_actor_index().lineage(predicted_id)} if predicted_id else set()
        )
        if expected_entry.id in lineage:
            return True
    if fold(predicted_name) == fold(expected):
        return True
    a, b = content_words(predicted_name), content_words(expected)
    if a and b and 2 * len(a & b) >= len(a) and 2 * len(a & b) >= len(b):
        return True
    return (
        bool(a and b)
        and difflib.SequenceMatcher(None, " ".join(sorted(a)), " ".join(sorted(b))).ratio() >= 0.9
    )


def date_within(event: Event, expected: dict[str, str]) -> bool:
    start, end = event.date.start, event.date.end
    low, high = dt.date.fromisoformat(expected["start"]), dt.date.fromisoformat(expected["end"])
    return start is not None and end is not None and low <= start and end <= high


def date_overlaps(event: Event, expected: dict[str, str]) -> bool:
    start, end = event.date.start, event.date.end
    low, high = dt.date.fromisoformat(expected["start"]), dt.date.fromisoformat(expected["end"])
    return start is not None and end is not None and start <= high and low <= end


# --- pairing expected events with extracted ones ----------------------------------------------


def pair_score(expected: dict[str, Any], event: Event, text: str) -> int:
    """How well an extracted event fits an expected one; below MIN_PAIR_SCORE it is no pair."""
    score = 0
    phrase = expected.get("evidence") or ""
    start = text.find(phrase) if phrase else -1
    if start >= 0:
        end = start + len(phrase)
        if any(s.start < end and start < s.end for s in [*event.evidence, *event.triggers]):
            score += 3
    if event.type in expected["type"]:
        score += 2
    if "date" in expected and date_overlaps(event, expected["date"]):
        score += 2
    location = event.location
    if location and any(
        same_place(location.name, expected[key]) or same_place(location.text, expected[key])
        for key in ("place", "admin1")
        if expected.get(key)
    ):
        score += 2
    for key in ("killed", "wounded"):
        count = getattr(event, key)
        if expected.get(key) and count is not None and count.min == expected[key]["min"]:
            score += 1
    return score


MIN_PAIR_SCORE = 3  # the evidence sentence alone, or the type and one more fact


def align(expected: list[dict[str, Any]], events: list[Event], text: str) -> list[Event | None]:
    """The one-to-one pairing with the highest total score (exhaustive: a handful of events)."""
    scores = [[pair_score(exp, event, text) for event in events] for exp in expected]
    best: tuple[int, list[int | None]] = (-1, [])

    def search(i: int, used: frozenset[int], total: int, chosen: list[int | None]) -> None:
        nonlocal best
        if i == len(expected):
            if total > best[0]:
                best = (total, list(chosen))
            return
        search(i + 1, used, total, [*chosen, None])
        for j, score in enumerate(scores[i]):
            if j not in used and score >= MIN_PAIR_SCORE:
                search(i + 1, used | {j}, total + score, [*chosen, j])

    search(0, frozenset(), 0, [])
    return [events[j] if j is not None else None for j in best[1]]


# --- the facts --------------------------------------------------------------------------------


def _count(event: Event, key: str, expected: dict[str, Any] | None) -> None:
    count = getattr(event, key)
    if expected is None:
        assert count is None, f"{key}: the text reports none, got {count}"
    else:
        assert count is not None, f"{key}: expected {expected}, got null"
        assert (count.min, count.max) == (expected["min"], expected["max"]), (
            f"{key}: expected {expected}, got min={count.min} max={count.max} ({count.text!r})"
        )


def _perpetrators(event: Event, expected: dict[str, Any]) -> None:
    named = [p for p in event.perpetrators if p.actor_id]
    got = [(p.name, p.actor_id) for p in event.perpetrators]
    for name in expected["perpetrators"]:
        assert any(same_actor(p.name, p.actor_id, name) for p in event.perpetrators), (
            f"perpetrator {name!r} not found in {got}"
        )
    extra = [
        p.name
        for p in named
        if not any(same_actor(p.name, p.actor_id, name) for name in expected["perpetrators"])
    ]
    assert not extra, (
        f"named groups that are not perpetrators here: {extra} (expected "
        f"{expected['perpetrators'] or 'none named'})"
    )


def _attribution(event: Event, expected: dict[str, Any]) -> None:
    matched = [
        p
        for p in event.perpetrators
        if any(same_actor(p.name, p.actor_id, name) for name in expected["perpetrators"])
    ]
    assert matched, f"no perpetrator matches {expected['perpetrators']}"
    got = {p.attribution for p in matched}
    assert got == {expected["attribution"]}, (
        f"attribution {got}, expected {expected['attribution']}"
    )


def _targets(event: Event, expected: dict[str, Any]) -> None:
    wanted = set().union(*(content_words(t) for t in expected["targets"]))
    got = [(t.name, t.text) for t in event.targets]
    assert any(wanted & (content_words(t.name) | content_words(t.text)) for t in event.targets), (
        f"no target shares a content word with {expected['targets']}: {got}"
    )


def _claim(event: Event) -> tuple[str, list[str], str | None]:
    if event.claim is None:
        return "not_mentioned", [], None
    return event.claim.status, event.claim.by, event.claim.channel


def _claim_by(event: Event, expected: dict[str, Any]) -> None:
    _, by, _ = _claim(event)
    for name in expected["claim"]["by"]:
        assert any(same_actor(b, None, name) for b in by), f"claim by {name!r} not in {by}"


def _place(event: Event, expected: dict[str, Any]) -> None:
    loc = event.location
    assert loc is not None, "no location"
    names = [loc.name, loc.text, loc.admin2]
    assert any(same_place(n, expected["place"]) for n in names), (
        f"place {expected['place']!r}, got name={loc.name!r} text={loc.text!r} "
        f"admin2={loc.admin2!r}"
    )


EventCheck = Callable[[Event, dict[str, Any]], None]


def _check_type(e: Event, x: dict[str, Any]) -> None:
    assert e.type in x["type"], f"type {e.type}, expected one of {x['type']}"


def _check_date(e: Event, x: dict[str, Any]) -> None:
    assert date_within(e, x["date"]), (
        f"date {e.date.start}..{e.date.end} ({e.date.text!r}), expected "
        f"{x['date']['start']}..{x['date']['end']}"
    )


def _check_country(e: Event, x: dict[str, Any]) -> None:
    got = e.location.country_code if e.location else None
    assert got == x["country_code"], f"country {got}, expected {x['country_code']}"


def _check_admin1(e: Event, x: dict[str, Any]) -> None:
    got = e.location.admin1 if e.location else None
    assert same_place(got, x["admin1"]), f"admin1 {got!r}, expected {x['admin1']!r}"


def _check_claim_status(e: Event, x: dict[str, Any]) -> None:
    assert _claim(e)[0] == x["claim"]["status"], f"claim {e.claim}"


def _check_claim_channel(e: Event, x: dict[str, Any]) -> None:
    assert _claim(e)[2] == x["claim"]["channel"], f"claim {e.claim}"


def _has(key: str) -> Callable[[dict[str, Any]], bool]:
    return lambda expected: key in expected


def _count_of(key: str) -> EventCheck:
    return lambda event, expected: _count(event, key, expected[key])


# fact -> (whether an expected event states it, the check)
EVENT_FACTS: dict[str, tuple[Callable[[dict[str, Any]], bool], EventCheck]] = {
    "type": (_has("type"), _check_type),
    "date": (_has("date"), _check_date),
    "country": (_has("country_code"), _check_country),
    "admin1": (_has("admin1"), _check_admin1),
    "place": (_has("place"), _place),
    "perpetrators": (_has("perpetrators"), _perpetrators),
    "attribution": (lambda x: bool(x.get("attribution")), _attribution),
    "targets": (lambda x: bool(x.get("targets")), _targets),
    **{key: (_has(key), _count_of(key)) for key in COUNTS},
    "claim_status": (lambda x: x.get("claim") is not None, _check_claim_status),
    "claim_by": (lambda x: bool((x.get("claim") or {}).get("by")), _claim_by),
    "claim_channel": (lambda x: "channel" in (x.get("claim") or {}), _check_claim_channel),
}


def event_cases() -> Iterator[Any]:
    for sample, exp in EXPECTED.items():
        for index, event in enumerate(exp["events"]):
            for fact, (applies, _) in EVENT_FACTS.items():
                if applies(event):
                    yield pytest.param(sample, index, fact, id=f"{sample}/e{index + 1}/{fact}")


@pytest.mark.parametrize(("sample", "index", "fact"), list(event_cases()))
def test_event_fact(
    aligned: dict[str, list[Event | None]], sample: str, index: int, fact: str
) -> None:
    expected = EXPECTED[sample]["events"][index]
    event = aligned[sample][index]
    assert event is not None, (
        f"no extracted event matches expected event {index + 1} ({expected['type'][0]}, "
        f"{expected.get('place')}, {expected.get('evidence')!r})"
    )
    EVENT_FACTS[fact][1](event, expected)


# --- article-level facts ----------------------------------------------------------------------


def article_cases() -> Iterator[Any]:
    for sample, exp in EXPECTED.items():
        yield pytest.param(sample, "published", None, id=f"{sample}/published")
        yield pytest.param(sample, "events", None, id=f"{sample}/events")
        for n, aggregate in enumerate(exp.get("aggregates", []), 1):
            yield pytest.param(sample, "aggregate", aggregate, id=f"{sample}/aggregate{n}")
        if exp.get("never_a_toll"):
            yield pytest.param(sample, "never_a_toll", None, id=f"{sample}/never_a_toll")


@pytest.mark.parametrize(("sample", "fact", "aggregate"), list(article_cases()))
def test_article_fact(
    results: dict[str, Extraction], sample: str, fact: str, aggregate: dict[str, Any] | None
) -> None:
    exp, result = EXPECTED[sample], results[sample]
    if fact == "published":
        assert str(result.article.published) == exp["published"], (
            f"published {result.article.published} ({result.article.published_source})"
        )
    elif fact == "events":
        summary = [
            (e.type, e.location.name if e.location else None, str(e.date.start))
            for e in result.events
        ]
        assert exp["events_min"] <= len(result.events) <= exp["events_max"], (
            f"{len(result.events)} events, expected {exp['events_min']}..{exp['events_max']}: "
            f"{summary}"
        )
    elif fact == "aggregate":
        assert aggregate is not None
        got = [(a.kind, a.count.min, a.count.max) for a in result.aggregates]
        assert (aggregate["kind"], aggregate["min"], aggregate["max"]) in got, (
            f"aggregate {aggregate} not among {got}"
        )
    else:
        never = set(exp["never_a_toll"])
        wrong = [
            (e.id, key, getattr(e, key).min)
            for e in result.events
            for key in ("killed", "wounded")
            if getattr(e, key) is not None and getattr(e, key).min in never
        ]
        assert not wrong, f"numbers that are no incident's toll used as tolls: {wrong}"


# --- the matching helpers themselves (they decide what the facts above mean) ------------------


@pytest.mark.parametrize(
    ("predicted", "expected", "same"),
    [
        ("Tibú", "Tibu", True),
        ("Cotabato", "Cotabato City", True),
        ("Bay Region", "Bay", True),
        ("Avapalli", "Awapalli", True),
        ("Mayorality of Baghdad", "Baghdad", True),
        ("Nord Kivu", "North Kivu", False),  # the expectations ask for English names
        ("South Kivu", "North Kivu", False),
        ("Khyber Pakhtunkhwa", "Balochistan", False),
        ("Kunduz", "Ghazni", False),
        (None, "Aden", False),
    ],
)
def test_same_place(predicted: str | None, expected: str, same: bool) -> None:
    assert same_place(predicted, expected) is same


@pytest.mark.parametrize(
    ("predicted", "expected", "same"),
    [
        ("Al-Shabaab", "al-Shabaab", True),
        ("al Shabab", "al-Shabaab", True),
        ("Balochistan Liberation Army", "Baloch Liberation Army", True),
        ("Naxalites", "Communist Party of India (Maoist)", True),
        ("Taliban", "Islamic State", False),
        ("ELN", "FARC", False),
    ],
)
def test_same_actor(predicted: str, expected: str, same: bool) -> None:
    entry = canonical(predicted)
    assert same_actor(predicted, entry.id if entry else None, expected) is same


def test_align_pairs_by_content_not_order() -> None:
    text = "Gunmen stormed a police post in Huanta. A bomb exploded in Lima."
    bomb = Event(id="e1", type="bombing", evidence=[{"start": 39, "end": 64, "text": text[39:64]}])
    raid = Event(
        id="e2", type="armed_assault", evidence=[{"start": 0, "end": 38, "text": text[:38]}]
    )
    expected = [
        {"type": ["armed_assault"], "evidence": "Gunmen stormed a police post"},
        {"type": ["bombing"], "evidence": "A bomb exploded"},
    ]
    assert align(expected, [bomb, raid], text) == [raid, bomb]
    assert align(expected, [bomb], text) == [None, bomb]


# --- the optional snapshot layer --------------------------------------------------------------


def stable(result: Extraction) -> dict[str, Any]:
    data = result.model_dump(mode="json")
    for key in VOLATILE:
        data.pop(key, None)
    return data


def differences(old: Any, new: Any, path: str = "") -> Iterator[str]:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new), key=str):
            yield from differences(old.get(key), new.get(key), f"{path}.{key}" if path else key)
    elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            yield from differences(a, b, f"{path}[{i}]")
    elif old != new:
        yield f"{path}: {json.dumps(old)[:80]} -> {json.dumps(new)[:80]}"


@pytest.mark.parametrize("sample", sorted(EXPECTED))
def test_snapshot(
    request: pytest.FixtureRequest, results: dict[str, Extraction], sample: str
) -> None:
    update = request.config.getoption("--update-snapshots")
    if not (update or request.config.getoption("--snapshots")):
        pytest.skip("full-output snapshots are compared only with --snapshots")
    file = SNAPSHOTS / f"{sample}.json"
    current = stable(results[sample])
    if update:
        SNAPSHOTS.mkdir(exist_ok=True)
        file.write_text(json.dumps(current, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return
    assert file.exists(), f"no snapshot {file.name}: run pytest --update-snapshots first"
    changed = list(differences(json.loads(file.read_text(encoding="utf-8")), current))
    assert not changed, f"{len(changed)} changes since the snapshot:\n" + "\n".join(changed[:40])
