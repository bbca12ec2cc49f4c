"""Check that every sample has an expectations file and that the expectations are self-consistent.

    python3 tests/check_expectations.py     # standard library only; exit 1 on any problem
    pytest tests/check_expectations.py      # the same checks, one test case per sample

It checks what a reviewer would otherwise check by hand: ids and file names agree, the metadata
date equals the expected `published`, every `evidence` phrase occurs verbatim in the article,
dates are real and no later than publication, counts are well-formed (min <= max), no expected
toll is listed in `never_a_toll`, and only known keys and values are used. Run as a script, it
prints the weekday of every date so relative dates ("on Sunday") can be checked against the
dateline at a glance.

The articles live in samples/ (which `extractor run samples/` reads whole); their expectations
live here in tests/expected/, where the extractor never mistakes them for articles.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
EXPECTED = ROOT / "tests" / "expected"
TYPES = {
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
ATTRIBUTIONS = {"claimed", "accused", "suspected", "reported", "implied"}
CLAIMS = {"claimed", "denied", "unclaimed", "not_mentioned"}
CHANNELS = {
    "statement",
    "video",
    "news_agency",
    "social_media",
    "website",
    "note",
    "phone_call",
    "radio",
    "press",
    "other",
}
AGGREGATE_KINDS = {"killed", "wounded", "kidnapped", "attacks"}
TOP_KEYS = {
    "id",
    "published",
    "notes",
    "events_min",
    "events_max",
    "events",
    "aggregates",
    "never_a_toll",
}
EVENT_KEYS = {
    "type",
    "date",
    "country_code",
    "admin1",
    "place",
    "perpetrators",
    "perpetrator_unknown",
    "attribution",
    "targets",
    "killed",
    "wounded",
    "kidnapped",
    "perpetrators_killed",
    "claim",
    "evidence",
}
COUNT_KEYS = ("killed", "wounded", "kidnapped", "perpetrators_killed")


def articles() -> dict[str, tuple[str, str | None]]:
    """id -> (text, published from metadata or None), from every input file in samples/."""
    found: dict[str, tuple[str, str | None]] = {}
    for path in sorted(SAMPLES.glob("*.txt")):
        found[path.stem] = (path.read_text(encoding="utf-8"), None)
    for path in sorted(SAMPLES.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        if record.get("id") != path.stem:
            raise SystemExit(f"{path.name}: id {record.get('id')!r} is not the file stem")
        found[record["id"]] = (record["text"], record.get("published"))
    for path in sorted(SAMPLES.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                record = json.loads(line)
                if record["id"] in found:
                    raise SystemExit(f"{path.name}:{number}: duplicate id {record['id']}")
                found[record["id"]] = (record["text"], record.get("published"))
    return found


def expectations() -> dict[str, dict[str, Any]]:
    """id -> the hand-written expectations of tests/expected/<id>.json."""
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(EXPECTED.glob("*.json"))
    }


def check_count(where: str, value: object, problems: list[str]) -> None:
    if value is None:
        return
    if not isinstance(value, dict) or set(value) != {"min", "max"}:
        problems.append(f"{where}: a count is null or {{min, max}}")
        return
    low, high = value["min"], value["max"]
    bad_high = high is not None and (not isinstance(high, int) or high < low)
    if not isinstance(low, int) or low < 0 or bad_high:
        problems.append(f"{where}: bad count {value}")


def check(
    article_id: str,
    text: str,
    meta_published: str | None,
    exp: dict[str, Any],
    problems: list[str],
    *,
    verbose: bool = False,
) -> None:
    """Append to `problems` what is wrong with one article's expectations."""
    where = f"tests/expected/{article_id}.json"
    if exp.get("id") != article_id:
        problems.append(f"{where}: id {exp.get('id')!r}")
    if set(exp) - TOP_KEYS:
        problems.append(f"{where}: unknown keys {sorted(set(exp) - TOP_KEYS)}")
    published = dt.date.fromisoformat(exp["published"])
    if meta_published and meta_published != exp["published"]:
        problems.append(f"{where}: published {exp['published']}, metadata {meta_published}")
    events = exp.get("events", [])
    if not exp.get("events_min", 0) <= len(events) <= exp.get("events_max", len(events)):
        problems.append(f"{where}: {len(events)} events outside [events_min, events_max]")
    never = set(exp.get("never_a_toll", []))
    if verbose:
        print(f"{article_id}  published {published} ({published:%A})  {len(text.split())} words")
    for index, event in enumerate(events):
        at = f"{where} event {index}"
        if set(event) - EVENT_KEYS:
            problems.append(f"{at}: unknown keys {sorted(set(event) - EVENT_KEYS)}")
        if not event.get("type") or set(event["type"]) - TYPES:
            problems.append(f"{at}: bad type {event.get('type')}")
        if event.get("attribution") not in ATTRIBUTIONS | {None}:
            problems.append(f"{at}: bad attribution {event['attribution']}")
        if event.get("perpetrator_unknown") and event.get("perpetrators"):
            problems.append(f"{at}: perpetrator_unknown with named perpetrators")
        claim = event.get("claim")
        if claim is not None and (
            claim.get("status") not in CLAIMS or claim.get("channel", "other") not in CHANNELS
        ):
            problems.append(f"{at}: bad claim {claim}")
        if event.get("evidence") and event["evidence"] not in text:
            problems.append(f"{at}: evidence not found verbatim: {event['evidence']!r}")
        date = event.get("date")
        if date:
            start, end = dt.date.fromisoformat(date["start"]), dt.date.fromisoformat(date["end"])
            if end < start or end > published:
                problems.append(f"{at}: date {start}..{end} reversed or after publication")
            if verbose:
                print(f"    {event['type'][0]:<15} {start} ({start:%A})  {event.get('place')}")
        for key in COUNT_KEYS:
            check_count(f"{at} {key}", event.get(key), problems)
        for key in ("killed", "wounded"):
            if event.get(key) and event[key]["min"] in never:
                problems.append(f"{at}: {key} min {event[key]['min']} is listed in never_a_toll")
    for aggregate in exp.get("aggregates", []):
        if aggregate.get("kind") not in AGGREGATE_KINDS:
            problems.append(f"{where} aggregate: bad kind {aggregate.get('kind')!r}")
        count = {"min": aggregate.get("min"), "max": aggregate.get("max")}
        check_count(f"{where} aggregate", count, problems)


def problems_of(
    article_id: str,
    found: dict[str, tuple[str, str | None]],
    expected: dict[str, dict[str, Any]],
    *,
    verbose: bool = False,
) -> list[str]:
    """What is wrong with one article id: a missing side, or inconsistent expectations."""
    if article_id not in expected:
        return [f"{article_id}: no expectations file tests/expected/{article_id}.json"]
    if article_id not in found:
        return [f"tests/expected/{article_id}.json: no such sample in samples/"]
    problems: list[str] = []
    text, meta_published = found[article_id]
    check(article_id, text, meta_published, expected[article_id], problems, verbose=verbose)
    return problems


def main() -> int:
    found, expected = articles(), expectations()
    problems: list[str] = []
    for article_id in sorted(set(found) | set(expected)):
        problems += problems_of(article_id, found, expected, verbose=True)
    for problem in problems:
        print("PROBLEM", problem, file=sys.stderr)
    print(f"{len(found)} articles, {len(problems)} problems")
    return 1 if problems else 0


# --- as a pytest module (collected through python_files in pyproject.toml) ----------------------


def pytest_generate_tests(metafunc: Any) -> None:
    """One case per article id found on either side (standard library only: no pytest import)."""
    if "article_id" in metafunc.fixturenames:
        ids = sorted(set(articles()) | set(expectations()))
        metafunc.parametrize("article_id", ids)


def test_expectations_are_consistent(article_id: str) -> None:
    problems = problems_of(article_id, articles(), expectations())
    assert not problems, "\n".join(problems)


def test_samples_and_expectations_exist() -> None:
    assert len(articles()) >= 10
    assert set(articles()) == set(expectations())


if __name__ == "__main__":
    sys.exit(main())
