"""What date resolution costs in the whole pipeline.

    python benchmarks/dates.py [--shared PATH] [--repeat N] [--limit N]

Runs the whole pipeline (the model loaded beforehand, outside the clock) over two streams from
the shared folder and times, inside the same run, every call into the date stage: the anchor
(dates.find_anchor), the incident dates (dates.assign_dates, dates.event_date), the aggregates'
periods (periods.date_aggregates) and the claim dates (claims' find_dates and resolve). Calls
are timed at the outermost level only, so a date function called by another is not counted
twice. The dateparser cache is emptied before each
stream, so its first calls (and its import) are inside the measure.

- lee300: 300 general news articles (../shared/bench/lee300.jsonl), the mixed stream;
- muc4-dev: the MUC-4 DEV documents that have events (../shared/eval/data/muc4_dev.jsonl),
  the attack-dense stream.

Prints one line per stream: documents, whole-pipeline seconds, date-stage seconds, the date
stage's share of the whole, and the dateparser calls (misses and cache hits). The issue's
budget is a share under 10%.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from extractor import Extractor, claims, dates, periods, pipeline, timex
from extractor.read import article_from_record
from extractor.schema import Article

ROOT = Path(__file__).resolve().parent.parent


class Clock:
    """Seconds spent inside the wrapped functions, outermost calls only."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.calls = 0
        self._depth = 0

    def wrap(self, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            if self._depth:
                return function(*args, **kwargs)
            self._depth += 1
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started
                self.calls += 1
                self._depth -= 1

        return timed


def instrument(clock: Clock) -> None:
    """Route every entry into the date stage through the clock (module attributes, so the
    pipeline, events.py and claims.py call the timed versions)."""
    for module, name in [
        (dates, "find_anchor"),
        (dates, "assign_dates"),
        (dates, "event_date"),
        (periods, "date_aggregates"),
        (claims, "find_dates"),
        (claims, "resolve"),
    ]:
        setattr(module, name, clock.wrap(getattr(module, name)))
    assert pipeline.dates is dates  # the pipeline reads dates.find_anchor at call time


def stream(path: Path, *, only_with_events: bool, limit: int | None) -> list[Article]:
    articles = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            record = json.loads(line)
            if only_with_events and not record.get("events"):
                continue
            keep = {k: record[k] for k in ("id", "text", "published") if k in record}
            articles.append(article_from_record(keep, source=f"{path.name}:{number}", line=number))
            if limit and len(articles) >= limit:
                break
    return articles


def run(extractor: Extractor, articles: list[Article]) -> Iterator[Any]:
    return extractor.run(iter(articles))


def measure(extractor: Extractor, clock: Clock, articles: list[Article]) -> dict[str, float]:
    timex.dateparser_day.cache_clear()
    clock.seconds, clock.calls = 0.0, 0
    started = time.perf_counter()
    count = sum(1 for _ in run(extractor, articles))
    total = time.perf_counter() - started
    info = timex.dateparser_day.cache_info()
    return {
        "docs": count,
        "total": total,
        "dates": clock.seconds,
        "calls": clock.calls,
        "dateparser_misses": info.misses,
        "dateparser_hits": info.hits,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_shared = os.environ.get("EXTRACTOR_SHARED") or str(ROOT.parent / "shared")
    parser.add_argument("--shared", default=default_shared, help="the shared folder")
    parser.add_argument("--repeat", type=int, default=1, help="runs per stream (best is kept)")
    parser.add_argument("--limit", type=int, default=None, help="documents per stream")
    args = parser.parse_args(argv)
    shared = Path(args.shared)
    streams = {
        "lee300": (shared / "bench" / "lee300.jsonl", False),
        "muc4-dev": (shared / "eval" / "data" / "muc4_dev.jsonl", True),
    }
    missing = [str(path) for path, _ in streams.values() if not path.exists()]
    if missing:
        print(f"missing: {', '.join(missing)} (set --shared or EXTRACTOR_SHARED)", file=sys.stderr)
        return 2
    extractor = Extractor()
    clock = Clock()
    instrument(clock)
    # warm up: the model's first batch and the gazetteers load outside the clock
    for _ in run(extractor, stream(streams["lee300"][0], only_with_events=False, limit=5)):
        pass
    print(f"{'stream':<10} {'docs':>5} {'total_s':>8} {'dates_s':>8} {'share':>7} {'dp_calls':>8}")
    worst = 0.0
    for name, (path, with_events) in streams.items():
        articles = stream(path, only_with_events=with_events, limit=args.limit)
        best: dict[str, float] | None = None
        for _ in range(max(1, args.repeat)):
            result = measure(extractor, clock, articles)
            if best is None or result["total"] < best["total"]:
                best = result
        assert best is not None
        share = best["dates"] / best["total"] if best["total"] else 0.0
        worst = max(worst, share)
        print(
            f"{name:<10} {best['docs']:>5.0f} {best['total']:>8.2f} {best['dates']:>8.3f} "
            f"{share:>6.1%} {best['dateparser_misses']:>4.0f}+{best['dateparser_hits']:.0f}"
        )
    print(f"date stage share, worst stream: {worst:.1%} (budget 10%)")
    return 0 if worst < 0.10 else 1


if __name__ == "__main__":
    sys.exit(main())
