"""Side-by-side view of gold and predicted events per document, for reading errors.

python scripts/inspect_eval.py GOLD.jsonl PRED.jsonl [--ids ID ...] [--only fp|fn|diff]
"""

from __future__ import annotations

import argparse
import json


def _gold_line(event: dict) -> str:
    extra = event.get("extra") or {}
    opt = " (optional)" if extra.get("optional_template") else ""
    return (
        f"  G {event['type']}{opt} {event.get('date')} | "
        f"{event.get('country')} / {event.get('place')} | "
        f"P {event.get('perpetrators')} | T {event.get('targets')} | k {event.get('killed')} "
        f"w {event.get('wounded')} | claimed {event.get('claimed')}"
    )


def _pred_line(event: dict) -> str:
    loc = event.get("location") or {}

    def count(key: str) -> str:
        value = event.get(key)
        return "-" if not value else f"{value['min']}..{value['max']}"

    return (
        f"  P {event['type']} {event['date'].get('start')}~{event['date'].get('end')} "
        f"{event['date'].get('precision')} | {loc.get('country_code')} / {loc.get('name')} "
        f"({loc.get('precision')}) | P {[p['name'] for p in event['perpetrators']]} | "
        f"T {[t['name'] for t in event['targets']]} | k {count('killed')} w {count('wounded')} | "
        f"claim {(event.get('claim') or {}).get('status')} | "
        f"{[t['text'] for t in event['triggers']]}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("gold")
    parser.add_argument("pred")
    parser.add_argument("--ids", nargs="*")
    parser.add_argument("--only", choices=["fp", "fn", "diff"])
    parser.add_argument("--text", action="store_true", help="print the article text too")
    args = parser.parse_args()
    preds = {}
    with open(args.pred, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            preds[record["article"]["id"]] = record
    with open(args.gold, encoding="utf-8") as handle:
        gold_docs = [json.loads(line) for line in handle]
    for doc in gold_docs:
        if args.ids and doc["id"] not in args.ids:
            continue
        gold = doc["events"]
        required = [e for e in gold if not (e.get("extra") or {}).get("optional_template")]
        pred = preds.get(doc["id"], {}).get("events", [])
        if args.only == "fp" and (required or not pred):
            continue
        if args.only == "fn" and (not required or pred):
            continue
        if args.only == "diff" and len(required) == len(pred):
            continue
        print(f"=== {doc['id']} published {doc.get('published')} gold={len(gold)} pred={len(pred)}")
        if args.text:
            print(doc["text"])
        for event in gold:
            print(_gold_line(event))
        for event in pred:
            print(_pred_line(event))


if __name__ == "__main__":
    main()
