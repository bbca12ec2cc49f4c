"""Text helpers shared by the stages: name folding, case detection, and a dictionary matcher.

The dictionary matcher finds gazetteer names (places, armed groups) in raw text whatever its
case, which is what carries ALL CAPS wire copy where the statistical NER is weak.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

# A word: letters/digits, optionally joined by inner apostrophes (Qa'ida, Izra'a).
_WORD_RE = re.compile(r"[^\W_]+(?:['\u2019\u02bc][^\W_]+)*")
_POSSESSIVE_RE = re.compile(r"['\u2019\u02bc][sS]$")
_APOSTROPHES = str.maketrans("", "", "'\u2019\u02bc\u2018`\u00b4")


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """A matching key: lower case, no accents, apostrophes dropped, other punctuation as spaces.

    "Deïr ez-Zor" -> "deir ez zor"; "Qa'ida" -> "qaida"; "Izra'" -> "izra".
    """
    text = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.translate(_APOSTROPHES)
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


@dataclass(frozen=True, slots=True)
class Word:
    """A word of the raw text with its character offsets and folded form."""

    start: int
    end: int
    key: str


def words(text: str) -> list[Word]:
    """The words of a text; a possessive 's is left out of the word ("Syria's" -> "Syria")."""
    found: list[Word] = []
    for match in _WORD_RE.finditer(text):
        start, end = match.span()
        raw = match.group()
        possessive = _POSSESSIVE_RE.search(raw)
        if possessive and len(raw) > 2:
            end -= 2
            raw = raw[:-2]
        # an ASCII word holds only letters, digits and straight apostrophes: fold's short way
        key = raw.lower().replace("'", "") if raw.isascii() else fold(raw)
        if key:
            found.append(Word(start, end, key))
    return found


def upper_ratio(text: str) -> float:
    """Share of letters that are upper case (0.0 for a text without letters)."""
    letters = sum(map(str.isalpha, text))  # map over str methods: no Python-level loop
    if not letters:
        return 0.0
    return sum(1 for ch in filter(str.isupper, text) if ch.isalpha()) / letters


# Calibrated on MUC-4 (all capitals, ratio ~0.99 once bracketed tags are counted) and mixed-case
# wire news (ratio 0.03-0.12, headline-heavy pages up to ~0.3): anything above this is caps copy.
ALL_CAPS_RATIO = 0.6


@functools.lru_cache(maxsize=2)
def is_all_caps(text: str) -> bool:
    """Whether a document is written in capitals, decided once per document."""
    return upper_ratio(text) >= ALL_CAPS_RATIO


@dataclass(frozen=True, slots=True)
class Match(Generic[T]):
    """A dictionary name found in text: character offsets, the text as written, the payload."""

    start: int
    end: int
    text: str
    key: str
    value: T


class NameMatcher(Generic[T]):
    """Longest-match lookup of folded multi-word names over the words of a text.

    Built once from {folded name: payload}; matching is one dict lookup per candidate length at
    each word, so an article takes milliseconds whatever the dictionary's size.
    """

    def __init__(self, names: Mapping[str, T] | Iterable[tuple[str, T]]) -> None:
        items = names.items() if isinstance(names, Mapping) else names
        self._table: dict[tuple[str, ...], T] = {}
        self._longest: dict[str, int] = {}
        for name, value in items:
            key = tuple(fold(name).split())
            if not key:
                continue
            self._table[key] = value
            if len(key) > self._longest.get(key[0], 0):
                self._longest[key[0]] = len(key)

    def __len__(self) -> int:
        return len(self._table)

    def __contains__(self, name: str) -> bool:
        return tuple(fold(name).split()) in self._table

    def get(self, name: str) -> T | None:
        """The payload of a name, or None."""
        return self._table.get(tuple(fold(name).split()))

    def finditer(self, text: str, *, tokens: list[Word] | None = None) -> Iterator[Match[T]]:
        """Non-overlapping longest matches, left to right."""
        tokens = words(text) if tokens is None else tokens
        i, n = 0, len(tokens)
        while i < n:
            longest = self._longest.get(tokens[i].key, 0)
            hit = None
            for size in range(min(longest, n - i), 0, -1):
                key = tuple(token.key for token in tokens[i : i + size])
                value = self._table.get(key)
                if value is not None and self._contiguous(text, tokens[i : i + size]):
                    hit = (size, key, value)
                    break
            if hit is None:
                i += 1
                continue
            size, key, value = hit
            start, end = tokens[i].start, tokens[i + size - 1].end
            yield Match(start, end, text[start:end], " ".join(key), value)
            i += size

    @staticmethod
    def _contiguous(text: str, run: list[Word]) -> bool:
        """Words of one name are separated only by spaces, hyphens or apostrophes, not by
        sentence punctuation or a line break between paragraphs."""
        for left, right in itertools.pairwise(run):
            gap = text[left.end : right.start]
            if left.end - left.start == 1 and gap.startswith("."):
                gap = gap[1:]  # an initial: "U.S.", "J. Smith"
            if len(gap) > 3 or any(ch in '.,;:!?()[]"\n' for ch in gap.replace("\n", "", 1)):
                return False
        return True
