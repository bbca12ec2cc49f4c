"""The interval of a period: what an aggregate ("1,600 soldiers killed since March 2019") covers.

A period marks a total, never an incident; its start and end are still worth recording, resolved
like any date against the publication date: "since March 2019" from 1 March 2019 up to the
article, "between 2009 and 2011" the three years, "so far this year" from 1 January.
"""

from __future__ import annotations

import datetime as dt
import re

from .schema import Aggregate, Span
from .timex import DateMention, find_dates, resolve

_BARE_YEAR = re.compile(r"(?:19|20)\d{2}")
_SINCE = re.compile(
    r"\bsince\s+(?:(?:early|late|mid)[- ]|the\s+(?:start|beginning)\s+of\s+)?", re.I
)
_SINCE_BEFORE = re.compile(r"\bsince\s+$", re.I)
_THIS_YEAR = re.compile(r"\bthis year\b|\bthe (?:start|beginning) of (?:the|this) year\b", re.I)
_THIS_MONTH = re.compile(r"\bthis month\b|\bthe (?:start|beginning) of (?:the|this) month\b", re.I)
_SPAN_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_VAGUE = {"few": 5, "several": 7, "couple of": 3}
_NUMBERS = dict(
    zip("two three four five six seven eight nine ten".split(), range(2, 11), strict=True)
)

Interval = tuple[dt.date | None, dt.date | None]


def date_aggregates(aggregates: list[Aggregate], anchor: dt.date | None) -> list[Aggregate]:
    """Each aggregate with `since` and `until` from the period its sentence names."""
    dated = []
    for aggregate in aggregates:
        found = sentence_period(aggregate.evidence, anchor)
        if found is None:
            dated.append(aggregate)
        else:
            dated.append(aggregate.model_copy(update={"since": found[0], "until": found[1]}))
    return dated


def sentence_period(evidence: Span, anchor: dt.date | None) -> Interval | None:
    """The period of a sentence that reports a total: a period expression ("since 2019"), else a
    span longer than a month ("over the past six months"), else a week, month or year."""
    mentions = find_dates(evidence.text)
    for mention in mentions:
        if mention.kind == "period":
            return period_interval(mention, anchor)
    for mention in mentions:
        if mention.kind == "span" and anchor is not None:
            long = _long_span(mention, anchor)
            if long is not None:
                return long
    for mention in mentions:
        date = resolve(mention, anchor, Span(start=0, end=0, text=""))
        since = _SINCE_BEFORE.search(evidence.text, 0, mention.start)
        if date is not None and (mention.text.lower().startswith("since") or since):
            return date.start, anchor  # "since last March", "since Sunday"
        if date is not None and date.precision in ("week", "month", "year"):
            return date.start, date.end
    return None


def period_interval(mention: DateMention, anchor: dt.date | None) -> Interval | None:
    """[start, end] of a period expression; an open end is the publication date (or None)."""
    text = mention.text
    first, last = mention.group("y1"), mention.group("y2")
    if first and last:
        return dt.date(int(first), 1, 1), dt.date(int(last), 12, 31)
    since = _SINCE.match(text)
    if since is not None:
        start = _start_of(text[since.end() :], anchor)
        if start is not None:
            return start, anchor
    if anchor is None:
        return None
    if _THIS_YEAR.search(text):
        return dt.date(anchor.year, 1, 1), anchor
    if _THIS_MONTH.search(text):
        return anchor.replace(day=1), anchor
    return None, anchor  # "to date": up to the article, from an unknown start


def _start_of(rest: str, anchor: dt.date | None) -> dt.date | None:
    """The first day of the date after 'since': '14 February', 'March 2019', '2004'."""
    if _BARE_YEAR.fullmatch(rest.strip()):
        return dt.date(int(rest.strip()), 1, 1)
    for mention in find_dates(rest):
        date = resolve(mention, anchor, Span(start=0, end=0, text=""))
        if date is not None and date.start is not None:
            return date.start
    for mention in find_dates("in " + rest):  # a month alone: "since March" -> "in March"
        date = resolve(mention, anchor, Span(start=0, end=0, text=""))
        if date is not None and date.start is not None:
            return date.start
    return None


def _long_span(mention: DateMention, anchor: dt.date) -> Interval | None:
    """'over the past six months': the days up to the article, when longer than a month."""
    unit = (mention.group("unit") or "").lower().rstrip("s")
    n_text = (mention.group("n") or "").lower()
    n = _VAGUE.get(n_text) or _NUMBERS.get(n_text) or (int(n_text) if n_text.isdigit() else 1)
    width = n * _SPAN_DAYS.get(unit, 1)
    if width <= 31:
        return None
    return anchor - dt.timedelta(days=width), anchor
