"""The sentence gate: the statistical pipeline reads only the sentences with attack, casualty or
claim vocabulary; gate=False (for measuring what the gate costs, benchmarks/) reads them all."""

from __future__ import annotations

from typing import Any

import pytest

from extractor import Extractor
from extractor.read import make_article

STORY = (
    "The city council met on Tuesday to discuss the new library. "
    "Gunmen killed three people at a market in Kabul on Sunday, police said. "
    "The weather was mild for the season."
)


class CountingModel:
    """The loaded spaCy pipeline, counting the texts it is asked to read."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.meta = nlp.meta
        self.texts: list[str] = []

    def pipe(self, jobs: Any, **kwargs: Any) -> Any:
        jobs = list(jobs)
        self.texts.extend(text for text, _ in jobs)
        return self.nlp.pipe(jobs, **kwargs)


@pytest.mark.parametrize(
    ("gate", "read"),
    [
        (True, ["Gunmen killed three people at a market in Kabul on Sunday, police said. "]),
        (False, 3),
    ],
)
def test_gate_decides_which_sentences_the_model_reads(
    extractor: Extractor, gate: bool, read: list[str] | int
) -> None:
    model = CountingModel(extractor.nlp)
    run = Extractor(nlp=model, gate=gate)  # type: ignore[arg-type]
    record = run.extract(make_article(STORY, id="gate"))
    assert model.texts == read if isinstance(read, list) else len(model.texts) == read
    # the incident is found either way
    assert [(e.killed.min, e.killed.max) for e in record.events if e.killed] == [(3, 3)]
