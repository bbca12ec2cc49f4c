"""Long adversarial lines: every regular expression of the package, and the whole pipeline, run
over long lines built to provoke catastrophic backtracking (long runs of the characters that
patterns repeat: spaces, stops, digits, letters, initials, dates).

A pattern that backtracks catastrophically (exponential, or quadratic: some 10^10 steps on a
300 kB line) takes many minutes on such a line; a linear one a few seconds in all. The work runs
in a subprocess with a generous time limit, so a regression fails the test (naming the pattern or
line it was on) instead of hanging the suite. Nothing here measures speed.
"""

from __future__ import annotations

import importlib
import itertools
import os
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import extractor

HERE = Path(__file__).resolve().parent
LONG = 300_000  # characters in a line without words
WORDY = 30_000  # in a line of words (every word is looked up in the gazetteers: linear, slower)
# Runs of one shape each: whitespace, stops, digits, lower and upper case, and the repeated
# units that date, count and sentence patterns look for.
UNITS = [" \t", ".", "1", "a", "A ", "1,", "a.", "may 1 "]
# Shapes for the whole pipeline.
PIPELINE_LINES = [
    (".", LONG),
    (" \t", LONG),
    ("-", LONG),
    ("!?", LONG),
    ("'", LONG),
    ("may 1 ", WORDY),
    ("U.S. ", WORDY),
    ("A. ", WORDY),
    ("1, ", WORDY),
    ("[A ", WORDY),
]
TIME_LIMIT = 300  # seconds for all the work of one test; linear code needs well under a tenth


def line(unit: str, size: int) -> str:
    # a letter at both ends, so that no reader refuses it as empty
    return "x" + (unit * (size // len(unit) + 1))[:size] + "x"


def patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Every compiled pattern held by a module of the package, in lists and dicts too."""
    found: list[tuple[str, re.Pattern[str]]] = []

    def walk(name: str, value: object, depth: int) -> None:
        if isinstance(value, re.Pattern):
            found.append((name, value))
        elif depth < 3 and isinstance(value, dict):
            for key, item in value.items():
                walk(f"{name}[{key!r}]", item, depth + 1)
        elif depth < 3 and isinstance(value, list | tuple):
            for index, item in enumerate(value):
                walk(f"{name}[{index}]", item, depth + 1)

    for info in pkgutil.iter_modules(extractor.__path__):
        module = importlib.import_module(f"extractor.{info.name}")
        for attribute, value in vars(module).items():
            walk(f"{info.name}.{attribute}", value, 0)
    return found


def scan_patterns() -> None:
    """(In the subprocess) every pattern over every long line."""
    lines = {unit: line(unit, LONG) for unit in UNITS}
    for name, pattern in patterns():
        for unit, text in lines.items():
            print(f"{name} on {unit!r}", flush=True)
            for _ in pattern.finditer(text):
                pass
    print("done", flush=True)


def run_pipeline() -> None:
    """(In the subprocess) the whole pipeline over each long line."""
    from extractor import Extractor
    from extractor.read import make_article

    pipeline = Extractor()
    for unit, size in PIPELINE_LINES:
        print(f"pipeline on {size:,} characters of {unit!r}", flush=True)
        article = make_article(line(unit, size), id="long", check_language=False)
        (result,) = list(pipeline.run([article]))
        assert not isinstance(result, extractor.ErrorRecord), result.message
    print("done", flush=True)


def in_subprocess(function: str) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), os.environ["PYTHONPATH"]])}
    code = f"import test_long_lines; test_long_lines.{function}()"
    try:
        result = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=TIME_LIMIT,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as e:
        output = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        last = output.strip().splitlines()[-1:] or ["(nothing)"]
        pytest.fail(f"no end after {TIME_LIMIT} s; stuck on: {last[0]}")
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().endswith("done")


def test_the_package_has_patterns_to_check() -> None:
    names = [name for name, _ in patterns()]
    assert "parse._BOUNDARY" in names and len(names) > 20


@pytest.mark.slow
def test_no_pattern_backtracks_catastrophically_on_long_lines() -> None:
    in_subprocess("scan_patterns")


@pytest.mark.slow
def test_pipeline_finishes_on_long_adversarial_lines() -> None:
    in_subprocess("run_pipeline")


@pytest.mark.parametrize("unit", [".", "!", "?!", ". . "])
def test_sentence_boundaries_read_a_run_of_stops_once(unit: str) -> None:
    # Fixes quadratic time: a run of stops not followed by a space was re-read from each stop.
    from extractor.parse import segment

    text = "Gunmen attacked" + unit * 50_000 + " Police said"
    assert segment(text)[-1][1] == len(text)


def test_a_text_full_of_dates_is_read_in_one_pass() -> None:
    # Fixes quadratic time: each date found was compared with every date found before it.
    from extractor.dates import find_dates

    text = "On May 1, 1990 and on 3 JAN 90; " * 5_000
    found = find_dates(text)
    assert len(found) == 10_000
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
