"""The attack vocabulary and the English word list, loaded once and validated.

models/lexicon/triggers.jsonl is ours to write and keep; every row is checked on load, and a form
listed twice is an error (the matcher would silently keep one of them).
"""

from __future__ import annotations

import functools
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from . import resources
from .errors import ResourceError
from .schema import EventType, Method
from .text import NameMatcher, fold

TriggerKind = Literal["attack", "harm", "claim", "cue"]


class TriggerEntry(BaseModel):
    """One word family of the attack vocabulary."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    lemma: str
    kind: TriggerKind
    type: EventType | None = None
    methods: tuple[Method, ...] = ()
    outcome: Literal["killed", "wounded"] | None = None
    weak: bool = False
    # "people": the word names an attack only when what it acts on is people ("gunmen seized
    # twelve passengers", not "troops seized weapons" or "police seized two suspects")
    needs: Literal["people"] | None = None
    forms: tuple[str, ...] = Field(min_length=1)


TRIGGERS_FILE = "models/lexicon/triggers.jsonl"
ENGLISH_FILE = "models/lexicon/english_words.txt"


@functools.cache
def triggers() -> tuple[TriggerEntry, ...]:
    """Every entry of the attack vocabulary."""
    entries = []
    seen: dict[str, str] = {}
    for number, row in enumerate(resources.iter_jsonl(TRIGGERS_FILE), 1):
        try:
            entry = TriggerEntry.model_validate(row)
        except ValidationError as e:
            raise ResourceError(
                f"{TRIGGERS_FILE}: entry {number} ({row.get('lemma')!r}): {e}"
            ) from e
        for form in entry.forms:
            key = fold(form)
            if key in seen:
                raise ResourceError(
                    f"{TRIGGERS_FILE}: form {form!r} is listed under both "
                    f"{seen[key]!r} and {entry.lemma!r}"
                )
            seen[key] = entry.lemma
        entries.append(entry)
    return tuple(entries)


@functools.cache
def trigger_matcher() -> NameMatcher[TriggerEntry]:
    """Case-blind phrase matcher over every form of the vocabulary."""
    return NameMatcher((form, entry) for entry in triggers() for form in entry.forms)


@functools.cache
def english_words() -> frozenset[str]:
    """Common English word forms in lower case (see scripts/build_lexicon.py)."""
    file = resources.path(ENGLISH_FILE)
    with file.open(encoding="utf-8") as handle:
        return frozenset(
            line.strip() for line in handle if line.strip() and not line.startswith("#")
        )
