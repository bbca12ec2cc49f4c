"""Property tests over arbitrary text (hypothesis): whatever the input, extraction never crashes,
and every output is either a record that validates against the schema, with evidence that quotes
the text at its offsets, or an error record naming why the input was refused."""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import Extractor
from extractor.errors import InputError
from extractor.read import make_article
from extractor.schema import ErrorRecord, Extraction
from extractor.write import record_json

# The suite's examples are fixed (derandomized): a run is reproducible and never fails by the
# luck of the draw. EXTRACTOR_EXPLORE=1 draws new random examples, many more, to hunt for bugs
# (each one found becomes a hand-written test case).
EXPLORE = bool(os.environ.get("EXTRACTOR_EXPLORE"))
PROFILE = settings(
    max_examples=500 if EXPLORE else 40,
    deadline=None,
    derandomize=not EXPLORE,
    suppress_health_check=[HealthCheck.too_slow],
)

# Pieces of news text, so that random texts reach the deep stages (triggers, numbers, places,
# dates, actors, claims) and not only the reader.
PIECES = [
    "Gunmen",
    "killed",
    "wounded",
    "kidnapped",
    "a bomb exploded",
    "attack",
    "ambush",
    "at least",
    "more than",
    "12",
    "three",
    "dozens of",
    "people",
    "soldiers",
    "police officers",
    "civilians",
    "in",
    "near",
    "Kabul",
    "Baidoa",
    "SAN SALVADOR",
    "Usulutan department",
    "province",
    "on Sunday",
    "last week",
    "3 JAN 90",
    "2021-11-22",
    "the FMLN",
    "al-Shabaab",
    "claimed responsibility",
    "denied",
    "said",
    "the",
    "of",
    ",",
    ".",
    "--",
    "(",
    ")",
    '"',
    "\n",
    "\n\n",
    "[TEXT]",
]


def news_like() -> st.SearchStrategy[str]:
    pieces = st.lists(st.sampled_from(PIECES), min_size=1, max_size=80)
    upper = st.booleans()
    return st.builds(
        lambda words, caps: " ".join(words).upper() if caps else " ".join(words), pieces, upper
    )


def check(extractor: Extractor, text: str) -> None:
    try:
        article = make_article(text, id="prop", source="prop.txt", published=None)
    except InputError as e:
        assert e.kind in {"empty", "binary", "language"}
        return
    (result,) = list(extractor.run([article]))
    assert not isinstance(result, ErrorRecord), result.message  # no internal error either
    again = Extraction.model_validate_json(record_json(result))
    assert again == result
    for span in _spans(result.model_dump()):
        assert article.text[span["start"] : span["end"]] == span["text"], span


def _spans(value: Any) -> list[dict[str, Any]]:
    """Every evidence span ({start, end, text}) in a record."""
    if isinstance(value, dict):
        found = [value] if {"start", "end", "text"} <= value.keys() and len(value) == 3 else []
        return found + [s for v in value.values() for s in _spans(v)]
    if isinstance(value, list):
        return [s for v in value for s in _spans(v)]
    return []


@PROFILE
@given(text=st.text(max_size=3000))
def test_arbitrary_text(extractor: Extractor, text: str) -> None:
    check(extractor, text)


@PROFILE
@given(text=news_like())
def test_news_like_text(extractor: Extractor, text: str) -> None:
    check(extractor, text)
