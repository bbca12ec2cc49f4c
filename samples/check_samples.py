"""Check that every sample has an expectations file and that the expectations are self-consistent.

    python3 samples/check_samples.py        # standard library only; exit 1 on any problem

It checks what a reviewer would otherwise check by hand: ids and file names agree, the metadata
date equals the expected `published`, every `evidence` phrase occurs verbatim in the article,
dates are real and no later than publication, counts are well-formed (min <= max), no expected
toll is listed in `never_a_toll`, and only known keys and values are used. It prints the weekday
of every date so relative dates ("on Sunday") can be checked against the dateline at a glance.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TYPES = {"armed_assault", "bombing", "assassination", "kidnapping", "hostage_taking", "arson",
         "facility_attack", "hijacking", "unarmed_assault", "other"}
ATTRIBUTIONS = {"claimed", "accused", "suspected", "reported", "implied"}
CLAIMS = {"claimed", "denied", "unclaimed", "not_mentioned"}
CHANNELS = {"statement", "video", "news_agency", "social_media", "website", "note", "phone_call",
            "radio", "press", "other"}
TOP_KEYS = {"id", "published", "notes", "events_min", "events_max", "events", "aggregates",
            "never_a_toll"}
EVENT_KEYS = {"type", "date", "country_code", "admin1", "place", "perpetrators",
              "perpetrator_unknown", "attribution", "targets", "killed", "wounded", "kidnapped",
              "perpetrators_killed", "claim", "evidence"}
COUNT_KEYS = ("killed", "wounded", "kidnapped", "perpetrators_killed")


def articles() -> dict[str, tuple[str, str | None]]:
    """id -> (text, published from metadata or None), from every input file in samples/."""
    found: dict[str, tuple[str, str | None]] = {}
    for path in sorted(HERE.glob("*.txt")):
        found[path.stem] = (path.read_text(encoding="utf-8"), None)
    for path in sorted(HERE.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        if record.get("id") != path.stem:
            raise SystemExit(f"{path.name}: id {record.get('id')!r} is not the file stem")
        found[record["id"]] = (record["text"], record.get("published"))
    for path in sorted(HERE.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                record = json.loads(line)
                if record["id"] in found:
                    raise SystemExit(f"{path.name}:{number}: duplicate id {record['id']}")
                found[record["id"]] = (record["text"], record.get("published"))
    return found


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


def check(article_id: str, text: str, meta_published: str | None, exp: dict,
          problems: list[str]) -> None:
    where = f"expected/{article_id}.json"
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
    print(f"{article_id}  published {published} ({published:%A})  {len(text.split())} words")
    for index, event in enumerate(events):
        at = f"{where} event {index}"
        if set(event) - EVENT_KEYS:
            problems.append(f"{at}: unknown keys {sorted(set(event) - EVENT_KEYS)}")
        if not event.get("type") or set(event["type"]) - TYPES:
            problems.append(f"{at}: bad type {event.get('type')}")
        if event.get("attribution") not in ATTRIBUTIONS | {None}:
            problems.append(f"{at}: bad attribution {event['attribution']}")
        claim = event.get("claim")
        if claim is not None and (claim.get("status") not in CLAIMS
                                  or claim.get("channel", "other") not in CHANNELS):
            problems.append(f"{at}: bad claim {claim}")
        if event.get("evidence") and event["evidence"] not in text:
            problems.append(f"{at}: evidence not found verbatim: {event['evidence']!r}")
        date = event.get("date")
        if date:
            start, end = dt.date.fromisoformat(date["start"]), dt.date.fromisoformat(date["end"])
            if end < start or end > published:
                problems.append(f"{at}: date {start}..{end} reversed or after publication")
            print(f"    {event['type'][0]:<15} {start} ({start:%A})  {event.get('place')}")
        for key in COUNT_KEYS:
            check_count(f"{at} {key}", event.get(key), problems)
        for key in ("killed", "wounded"):
            if event.get(key) and event[key]["min"] in never:
                problems.append(f"{at}: {key} min {event[key]['min']} is listed in never_a_toll")
    for aggregate in exp.get("aggregates", []):
        count = {"min": aggregate["min"], "max": aggregate["max"]}
        check_count(f"{where} aggregate", count, problems)


def main() -> int:
    found = articles()
    expected = {path.stem: json.loads(path.read_text(encoding="utf-8"))
                for path in sorted((HERE / "expected").glob("*.json"))}
    problems = [f"{name}: no expectations file" for name in sorted(set(found) - set(expected))]
    problems += [f"expected/{name}.json: no such sample"
                 for name in sorted(set(expected) - set(found))]
    for article_id in sorted(set(found) & set(expected)):
        text, meta_published = found[article_id]
        check(article_id, text, meta_published, expected[article_id], problems)
    for problem in problems:
        print("PROBLEM", problem, file=sys.stderr)
    print(f"{len(found)} articles, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
