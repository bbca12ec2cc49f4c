"""numbers.py: numbers as news writes them, in digits and words, and vague quantities."""

from __future__ import annotations

import pytest

from extractor.numbers import VAGUE, is_number_word, parse_number, word_value


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("13", 13),
        ("0", 0),
        ("1,600", 1600),
        ("17,000", 17000),
        ("1\u202f600", 1600),  # narrow no-break space as thousands separator
        ("1.600", 1600),  # European thousands separator
        ("1.5", 1.5),
        ("twelve", 12),
        ("Seven", 7),
        ("twenty-three", 23),
        ("ninety-nine", 99),
        ("dozen", 12),
        ("hundred", 100),
        ("thousand", 1000),
        ("a", 1),
        ("no", 0),
        ("soldiers", None),
        ("twenty-soldiers", None),
        ("1,60", None),
    ],
)
def test_word_value(word: str, value: float | None) -> None:
    assert word_value(word) == value


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["13"], 13),
        (["twelve"], 12),
        (["a", "dozen"], 12),
        (["two", "dozen"], 24),
        (["a", "hundred"], 100),
        (["two", "hundred", "and", "five"], 205),
        (["three", "thousand"], 3000),
        (["five", "thousand", "three", "hundred"], 5300),
        (["one", "hundred", "thousand"], 100_000),
        (["thirty-one", "thousand"], 31_000),
        (["1.5", "million"], 1_500_000),
        (["2", "million"], 2_000_000),
        (["1,600"], 1600),
        (["three", "soldiers"], None),
        ([], None),
        (["and"], None),
    ],
)
def test_parse_number(words: list[str], value: int | None) -> None:
    assert parse_number(words) == value


@pytest.mark.parametrize(
    ("word", "bounds"),
    [
        # The documented conventions (numbers.py docstring, README): ranges, never a point.
        ("couple", (2, 3)),
        ("few", (3, 5)),
        ("handful", (3, 5)),
        ("several", (3, 9)),
        ("dozens", (24, 99)),
        ("scores", (40, 99)),
        ("hundreds", (200, 999)),
        ("thousands", (2000, 9999)),
        ("many", (3, None)),
    ],
)
def test_vague_quantities(word: str, bounds: tuple[int, int | None]) -> None:
    assert VAGUE[word] == bounds


def test_vague_ranges_are_ordered() -> None:
    for word, (low, high) in VAGUE.items():
        assert high is None or low <= high, word


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("seven", True),
        ("1,600", True),
        ("dozen", True),
        ("hundred", True),
        ("Million", True),
        ("soldiers", False),
        ("killed", False),
        ("", False),
    ],
)
def test_is_number_word(word: str, expected: bool) -> None:
    assert is_number_word(word) is expected
