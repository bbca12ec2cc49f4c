"""Sentence spans of text whose line breaks were lost when it was scraped from a web page."""

from __future__ import annotations

import pytest

from extractor.parse import segment


def sentences(text: str) -> list[str]:
    return [text[start:end].strip() for start, end in segment(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a stop glued to the next sentence's first word
        (
            "The bomb went off near the air base.Six soldiers were killed.",
            ["The bomb went off near the air base.", "Six soldiers were killed."],
        ),
        # a quotation closed and the next sentence glued to it
        (
            'He said it was "a cowardly attack."Police sealed off the street.',
            ['He said it was "a cowardly attack."', "Police sealed off the street."],
        ),
        # wiki headings stand alone
        (
            "Gunmen stormed the hotel.==Reactions==The mayor condemned the attack.",
            ["Gunmen stormed the hotel.", "==Reactions==", "The mayor condemned the attack."],
        ),
        # list bullets end an item, and are not sentences themselves
        (
            "Victims:* John Smith, a teacher* Maria Lopez, a nurse",
            ["Victims:", "John Smith, a teacher", "Maria Lopez, a nurse"],
        ),
    ],
)
def test_run_on_text_is_cut_into_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mr.Smith met Dr.Jones in St.Louis on Monday.",  # abbreviations glued to names
        "The U.S.Army base was attacked.",  # initials before a capital
        "The site example.com was hacked.",  # a lower-case word after the stop
        "He called it **the worst** attack, 3*4 times worse.",  # emphasis and arithmetic
    ],
)
def test_no_cut_inside_a_sentence(text: str) -> None:
    assert sentences(text) == [text]
