"""How fast the two name indexes load and match: the place gazetteer (issue 3's budget: a cold
load under 0.5 s, lookups in microseconds) and the actor index. Prints timings; nothing here is
a test, and no test asserts a timing.

    .venv/bin/python benchmarks/indexes.py

Each load runs in a fresh process. The place index is derived once into the user cache (the first
run after an install or a data change); the cached loads are what a batch pays.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_PLACES = """
import time
t = time.perf_counter()
from extractor.gazetteer import load_place_index
index = load_place_index()
loaded = time.perf_counter() - t
t = time.perf_counter()
for _ in range(10000):
    index.lookup("Deir ez-Zor")
print(loaded, (time.perf_counter() - t) / 10000)
"""

_ACTORS = """
import time
from extractor.text import words
t = time.perf_counter()
from extractor.actor_index import load_actor_index
index = load_actor_index()
loaded = time.perf_counter() - t
text = " ".join([
    "Security forces said Islamic State fighters ambushed a convoy of Syrian troops near the"
    " desert town, killing a general and four soldiers, while the Kurdish-led SDF reported"
    " that villagers had fled. Officials in Baghdad said Iraqi police arrested two suspects."
] * 20)
t = time.perf_counter()
for _ in range(10):
    tokens = words(text)
    index.find_groups(text, all_caps=False, tokens=tokens)
    index.find_nouns(text, all_caps=False, tokens=tokens)
print(loaded, (time.perf_counter() - t) / 10, len(text.split()))
"""


def _run(code: str, env: dict[str, str]) -> list[float]:
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
    ).stdout.split()
    return [float(x) for x in out]


def main() -> None:
    path = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, EXTRACTOR_CACHE=cache, PYTHONPATH=path)
        first = _run(_PLACES, env)
        cached = [_run(_PLACES, env) for _ in range(3)]
    print(f"places, first load (derives the cache): {first[0]:.2f} s")
    print(
        f"places, cached load: best {min(c[0] for c in cached):.3f} s of 3;"
        f" lookup {min(c[1] for c in cached) * 1e6:.1f} us"
    )
    loaded, match, size = _run(_ACTORS, dict(os.environ, PYTHONPATH=path))
    print(f"actors: load {loaded:.3f} s; groups and nouns of {size:.0f} words {match * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
