"""The publication date that anchors an article's relative dates, and where it came from.

In order: the input's metadata, a dated dateline (a dateline without a year takes the year of
the file name, of --published or, estimated, of the text), a date in the file name, the CLI's
--published (a default for inputs with no date of their own), and only then an estimate from the
latest explicit date in the text, marked as an estimate.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import PurePath

from .parse import ParsedArticle
from .schema import PublishedSource, Span
from .timex import DateMention, explicit_day, find_dates, resolve_explicit_text


@dataclass(frozen=True)
class Anchor:
    date: dt.date | None
    source: PublishedSource
    evidence: Span | None = None


# Hex digits around the date would make it part of a hash ("4e5a20211122f0"), not a date.
_FILENAME_DATE = re.compile(
    r"(?<![\dA-Fa-f])((?:19|20)\d{2})[-_]?(0[1-9]|1[0-2])[-_]?(0[1-9]|[12]\d|3[01])(?![\dA-Fa-f])"
)


def find_anchor(parsed: ParsedArticle) -> Anchor:
    """The publication date and where it came from.

    The input's own metadata is authoritative. The CLI's --published is a default for inputs
    that carry no date of their own: a dated dateline or a date in the file name comes first.
    """
    article = parsed.article
    if article.published and article.published_source != "cli":
        return Anchor(article.published, article.published_source)
    dateline = parsed.dateline
    from_name = _filename_date(article.source)
    latest = _latest_explicit(parsed.text)
    if dateline and dateline.date_text and dateline.date_start is not None:
        label = dateline.date_label or dateline.date_text
        resolved = resolve_explicit_text(label, None)
        source: PublishedSource = "dateline"
        if resolved is None:
            # 'BEIRUT, Nov 22 (Reuters)': the day is the dateline's, the year the file name's,
            # --published's, or (an estimate) that of the latest date the text tells
            near = from_name or article.published
            if near is None and latest is not None:
                near, source = latest[0] + _ESTIMATE_REACH, "estimate"
            resolved = resolve_explicit_text(label, near) if near else None
        if resolved is not None:
            evidence = Span(
                start=dateline.date_start,
                end=dateline.date_start + len(dateline.date_text),
                text=dateline.date_text,
            )
            return Anchor(resolved, source, evidence)
    if from_name is not None:
        return Anchor(from_name, "filename")
    if article.published:
        return Anchor(article.published, "cli")
    if latest:
        day, mention = latest
        return Anchor(
            day, "estimate", Span(start=mention.start, end=mention.end, text=mention.text)
        )
    return Anchor(None, "none")


def _filename_date(source: str | None) -> dt.date | None:
    match = _FILENAME_DATE.search(PurePath(source).name) if source else None
    if match is None:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


# A date without a year soon after the latest dated one is in its year: a story of 13 September
# 1974 that goes on to '15 September' was written on the 15th at the earliest.
_ESTIMATE_REACH = dt.timedelta(days=60)


def _latest_explicit(text: str) -> tuple[dt.date, DateMention] | None:
    """The latest explicit day of the text: the publication date is on or after it."""
    mentions = [m for m in find_dates(text) if m.kind in ("explicit", "iso")]
    latest = None
    for mention in mentions:
        if mention.group("year"):
            day = explicit_day(mention, None)
            if day and (latest is None or day > latest[0]):
                latest = (day, mention)
    if latest is None:
        return None
    for mention in mentions:
        if not mention.group("year"):
            day = explicit_day(mention, latest[0] + _ESTIMATE_REACH)
            if day and day > latest[0]:
                latest = (day, mention)
    return latest
