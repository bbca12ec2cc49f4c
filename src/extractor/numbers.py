"""Numbers as news writes them: 13, 1,600, 1.5 million, twenty-three, a dozen, dozens, hundreds.

Vague quantities become ranges, stated here once and in the README (ACLED and UCDP publish
similar conventions): a couple 2-3, a few 3-5, a handful 3-5, several 3-9, dozens 24-99,
scores 40-99, hundreds 200-999, thousands 2,000-9,999.
"""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0,
    "no": 0,
    "none": 0,
    "a": 1,
    "an": 1,
    "one": 1,
    "single": 1,
    "lone": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
    "both": 2,
    "pair": 2,
    "twin": 2,
    "double": 2,
    "triple": 3,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
# word -> (min, max) for quantities that are not numbers.
VAGUE: dict[str, tuple[int, int | None]] = {
    "couple": (2, 3),
    "few": (3, 5),
    "handful": (3, 5),
    "several": (3, 9),
    "dozens": (24, 99),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "thousands": (2000, 9999),
    "numerous": (3, None),
    "many": (3, None),
    "multiple": (2, None),
    "some": (2, None),
}
_DIGITS = re.compile(r"^\d{1,3}(?:[,.\u202f ]\d{3})+$|^\d+(?:\.\d+)?$")


def word_value(word: str) -> float | None:
    """The value of one word or digit string: 'twenty-three' -> 23, '1,600' -> 1600."""
    text = word.lower().strip()
    if _DIGITS.match(text):
        if re.fullmatch(r"\d{1,3}(?:[,\u202f ]\d{3})+", text):
            return float(re.sub(r"\D", "", text))
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text) and not re.fullmatch(r"\d+\.\d{1,2}", text):
            return float(text.replace(".", ""))  # 1.600 in European style
        return float(text)
    if "-" in text:
        parts = text.split("-")
        values = [_UNITS.get(part) for part in parts]
        if len(parts) == 2 and all(v is not None for v in values):
            return float(sum(v for v in values if v is not None))
        return None
    if text in _UNITS:
        return float(_UNITS[text])
    if text in _SCALES:
        return float(_SCALES[text])
    return None


def parse_number(words: list[str]) -> int | None:
    """The integer a run of number words makes: ['two', 'hundred', 'and', 'five'] -> 205,
    ['1.5', 'million'] -> 1500000, ['a', 'dozen'] -> 12. None when the words are no number."""
    total = 0.0
    current = 0.0
    seen = False
    for raw in words:
        word = raw.lower()
        if word in ("and", ","):
            continue
        if word in _SCALES:
            current = (current or 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total += current
                current = 0
            seen = True
            continue
        value = word_value(word)
        if value is None:
            return None
        if word in ("a", "an") and seen:
            return None
        if word == "dozen":
            current = (current or 1) * 12
        else:
            current += value
        seen = True
    if not seen:
        return None
    result = total + current
    return int(result) if result == int(result) else round(result)


def is_number_word(word: str) -> bool:
    """Whether a word can be part of a number."""
    low = word.lower()
    return word_value(low) is not None or low in _SCALES or low in ("dozen",)
