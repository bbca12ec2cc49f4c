"""The spaCy component: `nlp.add_pipe("extractor")` on the loaded model sets doc._.extraction."""

from __future__ import annotations

import datetime as dt
import importlib.metadata

import pytest
import spacy
from spacy.language import Language

import extractor.component  # noqa: F401  (registers the factory, as the entry point does)
from extractor import Extraction, resources

TEXT = "A car bomb exploded near a market in Mogadishu on Sunday, killing five people."


@pytest.fixture(scope="module")
def nlp() -> Language:
    # A pipeline of its own: adding a pipe to the one the extractor parses with would change it.
    name = resources.manifest("models")["spacy_model"]["load_name"]
    nlp = spacy.load(name)
    nlp.add_pipe("extractor", config={"published": "2021-11-22"})
    return nlp


def test_sets_doc_extraction(nlp: Language) -> None:
    doc = nlp(TEXT)
    result = doc._.extraction
    assert isinstance(result, Extraction)
    assert [(e.type, e.killed.min if e.killed else None) for e in result.events] == [("bombing", 5)]
    assert result.article.published == dt.date(2021, 11, 22)
    assert result.events[0].date.start == dt.date(2021, 11, 21)


def test_doc_published_overrides_the_config(nlp: Language) -> None:
    doc = nlp.make_doc(TEXT)
    doc._.published = dt.date(2021, 11, 29)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert doc._.extraction.events[0].date.start == dt.date(2021, 11, 28)


def test_is_last_and_declares_what_it_needs(nlp: Language) -> None:
    assert nlp.pipe_names[-1] == "extractor"
    meta = nlp.get_pipe_meta("extractor")
    assert "doc._.extraction" in meta.assigns
    assert "doc.ents" in meta.requires


def test_registered_as_an_entry_point() -> None:
    (entry,) = [
        e for e in importlib.metadata.entry_points(group="spacy_factories") if e.name == "extractor"
    ]
    assert entry.value == "extractor.component:make_extractor"
