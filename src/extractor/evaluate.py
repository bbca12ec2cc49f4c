"""Score extraction against gold data with the shared scorer, and check quality floors.

The scorer and the development gold live beside the checkout in ../shared/eval (read at run
time, never copied). `extractor eval` runs the pipeline over the gold documents, writes the
predictions, runs score.py on them and compares the figures with quality/floors.toml.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ResourceError
from .pipeline import Extractor
from .read import article_from_record
from .schema import ErrorRecord
from .write import record_json

_REPO = Path(__file__).resolve().parents[2]
DEFAULT_GOLD = ("muc4_tst1.jsonl", "muc4_tst2.jsonl")


def shared_dir() -> Path:
    """../shared beside the checkout (or EXTRACTOR_SHARED)."""
    env = os.environ.get("EXTRACTOR_SHARED")
    candidates = [Path(env)] if env else [_REPO.parent / "shared", Path.cwd().parent / "shared"]
    for candidate in candidates:
        if (candidate / "eval" / "score.py").exists():
            return candidate
    raise ResourceError(
        "the shared evaluation folder (../shared/eval with score.py) was not found; "
        "set EXTRACTOR_SHARED to the folder that holds eval/"
    )


@dataclass
class Report:
    """The scorer's report and the figures that missed their floor."""

    text: str
    scores: dict[str, float | None]
    failures: list[str] = field(default_factory=list)


def run_evaluation(
    *,
    gold: list[Path] | None = None,
    scope: str = "muc4",
    scorer: Path | None = None,
    out: Path = Path("out/eval"),
    floors: Path | None = None,
    model: str | None = None,
    gate: bool = True,
) -> Report:
    """Extract from the gold documents, score the predictions, compare with floors."""
    shared = None if gold and scorer else shared_dir()
    gold_files = gold or [shared / "eval" / "data" / name for name in DEFAULT_GOLD]  # type: ignore[operator]
    scorer = scorer or shared / "eval" / "score.py"  # type: ignore[operator]
    out.mkdir(parents=True, exist_ok=True)
    pooled, pred = out / "gold.jsonl", out / "pred.jsonl"
    documents = []
    with pooled.open("w", encoding="utf-8") as handle:
        for file in gold_files:
            for line in file.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    handle.write(line + "\n")
                    documents.append(json.loads(line))
    extractor = Extractor(scope=scope, model=model, gate=gate)
    articles = (article_from_record(doc, source=doc.get("id", "?")) for doc in documents)
    with pred.open("w", encoding="utf-8") as handle:
        for result in extractor.run(articles):
            if isinstance(result, ErrorRecord):
                print(f"error: {result.source}: {result.message}", file=sys.stderr)
                continue
            handle.write(record_json(result) + "\n")
    report_json = out / "score.json"
    completed = subprocess.run(
        [
            sys.executable,
            str(scorer),
            "--gold",
            str(pooled),
            "--pred",
            str(pred),
            "--json",
            str(report_json),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise ResourceError(f"score.py failed: {completed.stderr.strip()}")
    result = json.loads(report_json.read_text(encoding="utf-8"))
    scores = flatten(result)
    failures = check_floors(scores, floors) if floors else []
    (out / "report.txt").write_text(completed.stdout, encoding="utf-8")
    return Report(completed.stdout, scores, failures)


def flatten(result: dict) -> dict[str, float | None]:
    """metric name -> F1, with the names score.py prints (document, event, slot.X, variant.X)."""
    scores: dict[str, float | None] = {
        "document": result["document"]["f1"],
        "event": result["events"]["f1"],
        "all_slots_micro": result["all_slots_micro"]["f1"],
    }
    for name, values in result["slots"].items():
        scores[f"slot.{name}"] = values["f1"]
    for name, values in result["variants"].items():
        scores[f"variant.{name}"] = values["f1"]
    return scores


def check_floors(scores: dict[str, float | None], floors_file: Path) -> list[str]:
    """Figures below the floors recorded for the gold set being scored."""
    data = tomllib.loads(floors_file.read_text(encoding="utf-8"))
    failures = []
    for section in data.values():
        for metric, floor in section.get("floors", {}).items():
            value = scores.get(metric)
            if value is None or value < floor:
                failures.append(
                    f"{metric} = {value if value is None else round(value, 4)} < {floor}"
                )
    return failures
