"""periods.py: the interval an aggregate's period covers, resolved against publication.

Unless a case says otherwise the article is published on Monday 22 November 2021.
"""

from __future__ import annotations

import datetime as dt

import pytest

from extractor import Extractor
from extractor.periods import sentence_period
from extractor.read import make_article
from extractor.schema import Span

MON = dt.date(2021, 11, 22)


def d(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, day)


def period(text: str, anchor: dt.date | None = MON) -> tuple[dt.date | None, dt.date | None] | None:
    return sentence_period(Span(start=0, end=len(text), text=text), anchor)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Nearly 1,600 soldiers have been killed since March 2019.", d(2019, 3, 1), MON),
        ("More than 7,000 people have died in the violence since 2004.", d(2004, 1, 1), MON),
        ("The rebels have kidnapped 40 people since 14 February.", d(2021, 2, 14), MON),
        ("The mayor has been held since December 16, 2020.", d(2020, 12, 16), MON),
        ("Some 300 civilians have been killed since last March.", d(2021, 3, 1), MON),
        ("The group killed 2,000 people between 2009 and 2011.", d(2009, 1, 1), d(2011, 12, 31)),
        ("The militia killed 900 villagers from 2014 to 2017.", d(2014, 1, 1), d(2017, 12, 31)),
        ("The pipeline has been dynamited 23 times so far this year.", d(2021, 1, 1), MON),
        ("At least 120 journalists were killed last year.", d(2020, 1, 1), d(2020, 12, 31)),
        ("Some 45 people were abducted over the past six months.", d(2021, 5, 26), MON),
        ("Bandits killed 60 farmers in October.", d(2021, 10, 1), d(2021, 10, 31)),
    ],
)
def test_period_interval(text: str, start: dt.date, end: dt.date) -> None:
    assert period(text) == (start, end)


def test_to_date_has_an_open_start() -> None:
    assert period("The conflict has claimed 12,000 lives to date.") == (None, MON)


def test_a_closed_period_needs_no_anchor() -> None:
    text = "The group killed 2,000 people between 2009 and 2011."
    assert period(text, None) == (d(2009, 1, 1), d(2011, 12, 31))


def test_a_single_day_is_no_period() -> None:
    assert period("Gunmen killed 12 people on Sunday.") is None


def test_an_aggregate_carries_its_interval(extractor: Extractor) -> None:
    text = (
        "Gunmen killed three soldiers at a checkpoint in Borno on Sunday. Nearly 1,600 soldiers "
        "have been killed in the region since March 2019, according to the army."
    )
    article = make_article(text, id="t", published=MON, published_source="metadata")
    record = extractor.extract(article)
    assert [(a.since, a.until) for a in record.aggregates] == [(d(2019, 3, 1), MON)]
