"""Dates: the publication date that anchors an article, and each event's date as an interval
[start, end] with a precision, the words it came from and what it was resolved against.

Anchor order: the input's metadata (or --published), the dateline, a date in the file name, and
only then an estimate from the latest explicit date in the text, marked as an estimate.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

from .parse import ParsedArticle, tree_distance
from .schema import DatePrecision, EventDate, PublishedSource, Span

if TYPE_CHECKING:
    from .incidents import Fragment, Incident

_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            (),
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for name in names
}
_WEEKDAYS = {
    name: i
    for i, names in enumerate(
        [
            ("mon", "monday"),
            ("tue", "tues", "tuesday"),
            ("wed", "wednesday"),
            ("thu", "thur", "thurs", "thursday"),
            ("fri", "friday"),
            ("sat", "saturday"),
            ("sun", "sunday"),
        ]
    )
    for name in names
}
# "May" the month, not the modal: "this may be", "they may have".
_MAY = (
    r"may(?!\s+(?:be|have|not|also|well|soon|still|never|need|want|take|make|become|help|cause|"
    r"lead|result|happen|come|go|give|do|get|seem|prove|affect|try|want|find|face|use|ask|say))"
)
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|" + _MAY + r"|june?|july?|"
    r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?"
)
_WEEKDAY = r"(?P<weekday>(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night|dawn))?"
_NUM = r"(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|few)"
_UNIT = r"(?P<unit>day|days|week|weeks|month|months|year|years)"

# Each pattern: (kind, regex). Order matters: longer and more specific forms first.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(rx, re.IGNORECASE))
    for kind, rx in [
        ("period", r"\bbetween\s+(?P<y1>(?:19|20)\d{2})\s+and\s+(?P<y2>(?:19|20)\d{2})\b"),
        (
            "period",
            rf"\bsince\s+(?:(?:early|late|mid)[- ])?(?:{_MONTH}\s+)?(?P<year>(?:19|20)\d{{2}})\b",
        ),
        ("period", rf"\bsince\s+{_MONTH}(?!\s+\d)"),
        (
            "period",
            r"\b(?:so far|to date)\s+this\s+(?:year|month)\b|\bsince the (?:start|beginning) of "
            r"the (?:year|month)\b",
        ),
        ("iso", r"\b(?P<year>(?:19|20)\d{2})-(?P<mnum>\d{2})-(?P<day>\d{2})\b"),
        ("numeric", r"\b(?P<day>\d{1,2})/(?P<mnum>\d{1,2})/(?P<year>\d{4}|\d{2})\b"),
        (
            "explicit",
            rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"
            rf"(?:,?\s+(?P<year>(?:19|20)\d{{2}}|\d{{2}})(?![\d:]))?",
        ),
        (
            "explicit",
            rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!:)(?:,?\s+(?P<year>(?:19|20)\d{{2}}))?",
        ),
        (
            "month",
            rf"\b(?:in|during|since|until|of|early|late|mid|last|this)\s+(?:early\s+|late\s+|mid-)?"
            rf"{_MONTH}(?:,?\s+(?P<year>(?:19|20)\d{{2}}))?\b",
        ),
        (
            "year",
            r"\b(?:in|during|of|early|late|mid-)\s+(?P<year>(?:19|20)\d{2})\b(?!\s*(?:people|members))",
        ),
        ("relative", r"\b(?:the\s+)?day\s+before\s+yesterday\b"),
        (
            "relative",
            r"\b(?:earlier\s+|late\s+|early\s+)?(?:today|tonight|this\s+(?:morning|afternoon|evening))\b",
        ),
        (
            "relative",
            r"\b(?:late\s+|early\s+)?yesterday" + _PART + r"\b|\blast\s+night\b|\bovernight\b",
        ),
        ("ago", rf"\b{_NUM}\s+{_UNIT}\s+ago\b"),
        ("weekend", r"\b(?:over\s+|during\s+|at\s+)?(?:the\s+)?(?:past|last|this)?\s*weekend\b"),
        (
            "calendar",
            r"\b(?P<which>last|this|earlier\s+this|past|previous)\s+(?P<cunit>week|month|year)\b",
        ),
        (
            "weekday",
            rf"\b(?:(?P<which>last|this|past|early|late|on|since)\s+)?(?:on\s+)?{_WEEKDAY}{_PART}\b",
        ),
        ("recent", r"\b(?:recently|in recent days|a few days ago|the other day|last few days)\b"),
        (
            "sequence",
            r"\b(?:the|a|one|two|three|four|five|\d+)\s+(?:day|days|week|weeks)\s+"
            r"(?P<rel>before|after|earlier|later)\b|\b(?:the\s+)?(?P<rel2>next|following|previous|"
            r"same|preceding)\s+(?:day|morning|night|evening|afternoon)\b|\bhours\s+(?:later|"
            r"earlier|before|after)\b|\bthat\s+(?:day|night|morning)\b",
        ),
    ]
]


@dataclass(frozen=True)
class DateMention:
    """A date expression in the text and what it means relative to an anchor."""

    kind: str
    start: int
    end: int
    text: str
    groups: tuple[tuple[str, str | None], ...]

    def group(self, name: str) -> str | None:
        return dict(self.groups).get(name)


def find_dates(text: str, *, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Date expressions of a text, longest first where they overlap, in text order."""
    end = len(text) if end is None else end
    # the spans taken so far, disjoint and sorted, so that an overlap is found by bisection
    # (a text with thousands of dates must not take quadratic time)
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text, start, end):
            a, b = match.span()
            i = bisect.bisect_left(taken, (a, b))
            if (i > 0 and taken[i - 1][1] > a) or (i < len(taken) and taken[i][0] < b):
                continue
            taken.insert(i, (a, b))
            groups = tuple(sorted((k, v) for k, v in match.groupdict().items()))
            found.append(DateMention(kind, a, b, match.group().strip(), groups))
    return sorted(found, key=lambda d: d.start)


# ---------------------------------------------------------------------------------------------
# The anchor
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Anchor:
    date: dt.date | None
    source: PublishedSource
    evidence: Span | None = None


_FILENAME_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})[-_]?(0[1-9]|1[0-2])[-_]?(0[1-9]|[12]\d|3[01])(?!\d)"
)


def find_anchor(parsed: ParsedArticle) -> Anchor:
    """The publication date and where it came from."""
    article = parsed.article
    if article.published:
        return Anchor(article.published, article.published_source)
    dateline = parsed.dateline
    if dateline and dateline.date_text and dateline.date_start is not None:
        resolved = resolve_explicit_text(dateline.date_text, None)
        if resolved is not None:
            evidence = Span(
                start=dateline.date_start,
                end=dateline.date_start + len(dateline.date_text),
                text=dateline.date_text,
            )
            return Anchor(resolved, "dateline", evidence)
    if article.source:
        match = _FILENAME_DATE.search(PurePath(article.source).name)
        if match:
            try:
                return Anchor(dt.date(*map(int, match.groups())), "filename")
            except ValueError:
                pass
    latest = None
    for mention in find_dates(parsed.text):
        if mention.kind in ("explicit", "iso") and mention.group("year"):
            day = _explicit(mention, None)
            if day and (latest is None or day > latest[0]):
                latest = (day, mention)
    if latest:
        day, mention = latest
        return Anchor(
            day, "estimate", Span(start=mention.start, end=mention.end, text=mention.text)
        )
    return Anchor(None, "none")


def resolve_explicit_text(text: str, anchor: dt.date | None) -> dt.date | None:
    """A day-exact date from text like '12 JAN 90', 'Nov 22', '2021-11-22', '01/02/2021'."""
    for mention in find_dates(text):
        if mention.kind in ("explicit", "iso", "numeric"):
            return _explicit(mention, anchor)
    return _dateparser_day(text, anchor)


# ---------------------------------------------------------------------------------------------
# Resolution
# ---------------------------------------------------------------------------------------------
def _year(text: str | None, anchor: dt.date | None) -> int | None:
    if not text:
        return None
    year = int(text)
    if year < 100:  # "12 JAN 90": the century that keeps the date at or before the anchor
        base = anchor.year if anchor else dt.date.today().year
        year += (base // 100) * 100
        if year > base + 1:
            year -= 100
    return year


def _explicit(mention: DateMention, anchor: dt.date | None) -> dt.date | None:
    try:
        day = int(mention.group("day") or 0)
        month = _MONTHS.get((mention.group("month") or "").lower().rstrip(".")[:9]) or int(
            mention.group("mnum") or 0
        )
        if mention.kind == "numeric":
            month, day = _numeric_order(day, month)
        year = _year(mention.group("year"), anchor)
        if year is None:
            if anchor is None:
                return None
            year = anchor.year
            candidate = dt.date(year, month, day)
            # never a date after the article unless the text says so: "8 November" in a
            # January article is last November
            if candidate > anchor + dt.timedelta(days=1):
                year -= 1
        return dt.date(year, month, day)
    except (ValueError, TypeError):
        return None


def _numeric_order(first: int, second: int) -> tuple[int, int]:
    """'01/02/2021': day/month unless the first number cannot be a day's month partner."""
    if second > 12 >= first:
        return first, second  # month/day in US order: 02/13 -> (month 2, day 13)
    return second, first


@functools.lru_cache(maxsize=4096)
def _dateparser_day(text: str, anchor: dt.date | None) -> dt.date | None:
    """dateparser for forms our patterns do not cover; cached since the same strings repeat."""
    import dateparser  # slow to import; only needed for unusual forms

    settings = {
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "REQUIRE_PARTS": ["day", "month"],
    }
    if anchor:
        settings["RELATIVE_BASE"] = dt.datetime.combine(anchor, dt.time(12))
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _count(word: str | None) -> int | None:
    if not word:
        return None
    word = word.lower()
    table = {
        "a": 1,
        "an": 1,
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
    }
    return int(word) if word.isdigit() else table.get(word)


def resolve(mention: DateMention, anchor: dt.date | None, evidence: Span) -> EventDate | None:
    """The interval a date expression means, given the publication date. None for periods,
    sequences (resolved against another event) and expressions the anchor cannot resolve."""
    kind = mention.kind
    text = mention.text
    lowered = text.lower()
    if kind in ("period", "sequence"):
        return None
    if kind in ("explicit", "iso", "numeric"):
        day = _explicit(mention, anchor)
        if day is None:
            return None
        against = "explicit" if mention.group("year") else "publication"
        return EventDate(
            start=day,
            end=day,
            precision="day",
            text=text,
            evidence=evidence,
            resolved_against=against,
            anchor=anchor if against == "publication" else None,
        )
    if kind == "year":
        year = _year(mention.group("year"), anchor)
        if year is None:
            return None
        return _interval(
            dt.date(year, 1, 1), dt.date(year, 12, 31), "year", text, evidence, None, "explicit"
        )
    if kind == "month":
        month = _MONTHS.get((mention.group("month") or "").lower().rstrip(".")[:9])
        if not month:
            return None
        year = _year(mention.group("year"), anchor)
        if year is None:
            if anchor is None:
                return None
            year = anchor.year if month <= anchor.month else anchor.year - 1
            if lowered.startswith("last ") and month == anchor.month:
                year -= 1
        first, last = _month_span(year, month)
        return _interval(first, last, "month", text, evidence, anchor, "publication")
    if anchor is None:
        return None
    return _relative(mention, anchor, evidence)


def _interval(
    start: dt.date,
    end: dt.date,
    precision: DatePrecision,
    text: str,
    evidence: Span,
    anchor: dt.date | None,
    against: str,
) -> EventDate:
    return EventDate(
        start=start,
        end=end,
        precision=precision,
        text=text,
        evidence=evidence,
        resolved_against=against if anchor or against == "explicit" else "none",
        anchor=anchor,
    )


def _relative(mention: DateMention, anchor: dt.date, evidence: Span) -> EventDate | None:
    lowered = mention.text.lower()
    kind = mention.kind

    def day(offset: int) -> EventDate:
        value = anchor - dt.timedelta(days=offset)
        return _interval(value, value, "day", mention.text, evidence, anchor, "publication")

    if kind == "relative":
        if "before yesterday" in lowered:
            return day(2)
        if "yesterday" in lowered or "last night" in lowered:
            return day(1)
        if "overnight" in lowered:
            return _interval(
                anchor - dt.timedelta(days=1),
                anchor,
                "day",
                mention.text,
                evidence,
                anchor,
                "publication",
            )
        return day(0)
    if kind == "ago":
        n_text = (mention.group("n") or "").lower()
        unit = (mention.group("unit") or "day").lower().rstrip("s")
        size = {"day": 1, "week": 7, "month": 30, "year": 365}[unit]
        if n_text in ("a few", "several", "few"):
            low, high = (2, 6) if unit == "day" else (2 * size, 4 * size)
            return _interval(
                anchor - dt.timedelta(days=high),
                anchor - dt.timedelta(days=low),
                "week" if unit == "day" else "month",
                mention.text,
                evidence,
                anchor,
                "publication",
            )
        n = _count(n_text) or 1
        if unit == "day":
            return day(n)
        center = anchor - dt.timedelta(days=n * size)
        precision: DatePrecision = (
            "week" if unit == "week" else ("month" if unit == "month" else "year")
        )
        half = {"week": 3, "month": 15, "year": 182}[unit]
        return _interval(
            center - dt.timedelta(days=half),
            min(anchor, center + dt.timedelta(days=half)),
            precision,
            mention.text,
            evidence,
            anchor,
            "publication",
        )
    if kind == "weekday":
        target = _WEEKDAYS[(mention.group("weekday") or "")[:3].lower()]
        back = (anchor.weekday() - target) % 7
        if (mention.group("which") or "").lower() in ("last", "past") and back == 0:
            back = 7
        return day(back)
    if kind == "weekend":
        # the most recent Saturday-Sunday on or before the anchor
        back = (anchor.weekday() - 6) % 7
        sunday = anchor - dt.timedelta(days=back)
        return _interval(
            sunday - dt.timedelta(days=1),
            sunday,
            "week",
            mention.text,
            evidence,
            anchor,
            "publication",
        )
    if kind == "calendar":
        which = (mention.group("which") or "").lower()
        unit = (mention.group("cunit") or "").lower()
        if unit == "week":
            monday = anchor - dt.timedelta(days=anchor.weekday())
            if which in ("last", "past", "previous"):
                return _interval(
                    monday - dt.timedelta(days=7),
                    monday - dt.timedelta(days=1),
                    "week",
                    mention.text,
                    evidence,
                    anchor,
                    "publication",
                )
            return _interval(monday, anchor, "week", mention.text, evidence, anchor, "publication")
        if unit == "month":
            if which in ("last", "past", "previous"):
                previous = anchor.replace(day=1) - dt.timedelta(days=1)
                first, last = _month_span(previous.year, previous.month)
                return _interval(
                    first, last, "month", mention.text, evidence, anchor, "publication"
                )
            return _interval(
                anchor.replace(day=1),
                anchor,
                "month",
                mention.text,
                evidence,
                anchor,
                "publication",
            )
        if which in ("last", "past", "previous"):
            year = anchor.year - 1
            return _interval(
                dt.date(year, 1, 1),
                dt.date(year, 12, 31),
                "year",
                mention.text,
                evidence,
                anchor,
                "publication",
            )
        return _interval(
            dt.date(anchor.year, 1, 1),
            anchor,
            "year",
            mention.text,
            evidence,
            anchor,
            "publication",
        )
    if kind == "recent":
        low, high = (2, 6) if "few days" in lowered else (1, 14)
        return _interval(
            anchor - dt.timedelta(days=high),
            anchor - dt.timedelta(days=low),
            "week",
            mention.text,
            evidence,
            anchor,
            "publication",
        )
    return None


def shift(date: EventDate, days: int, text: str, evidence: Span) -> EventDate:
    """A date `days` before (positive) the incident date it is chained to: "the day after"."""
    if date.start is None or date.end is None:
        return date
    start = date.start - dt.timedelta(days=days)
    end = date.end - dt.timedelta(days=days)
    return EventDate(
        start=start,
        end=end,
        precision=date.precision,
        text=text,
        evidence=evidence,
        resolved_against="event",
        anchor=date.start,
    )


def undated(anchor: dt.date | None) -> EventDate:
    """No date near the incident: a report is news, so the month up to publication, marked
    unknown; nothing at all without a publication date."""
    if anchor is None:
        return EventDate(precision="unknown")
    return EventDate(
        start=anchor - dt.timedelta(days=30),
        end=anchor,
        precision="unknown",
        resolved_against="publication",
        anchor=anchor,
        on_or_before=True,
    )


# ---------------------------------------------------------------------------------------------
# Incident dates
# ---------------------------------------------------------------------------------------------


_REPORTING = frozenset(
    "say said says tell told report reported reports announce announced add "
    "added state stated confirm confirmed claim claimed explain explained note "
    "noted insist insisted declare declared according".split()
)


def assign_dates(parsed: ParsedArticle, fragments: list[Fragment], anchor: dt.date | None) -> None:
    """Give each fragment the date its segment states, chained dates resolved in order."""
    found = [
        d
        for d in find_dates(parsed.text)
        if not (parsed.dateline and d.start < parsed.dateline.end)
    ]
    by_cluster: dict[int, Fragment] = {}
    for fragment in fragments:
        by_cluster[fragment.cluster] = fragment
        sent = parsed.sentences[fragment.sentence]
        lower = fragment.sequence.start if fragment.sequence else sent.start
        upper = sent.end
        later = [
            f
            for f in fragments
            if f.sentence == fragment.sentence and f.sequence and f.sequence.start > lower
        ]
        if later:
            upper = min(f.sequence.start for f in later if f.sequence is not None)
        candidates = [d for d in found if lower <= d.start < upper and d.kind not in ("period",)]
        fragment.date = _best_date(fragment, candidates, parsed, anchor)
        if fragment.sequence and fragment.sequence.days is not None:
            base = by_cluster.get(fragment.sequence.relative_to)
            if base is not None and base.date is not None and base.date.start is not None:
                evidence = Span(
                    start=fragment.sequence.start,
                    end=fragment.sequence.start + len(fragment.sequence.text),
                    text=fragment.sequence.text,
                )
                fragment.date = shift(
                    base.date, fragment.sequence.days, fragment.sequence.text, evidence
                )


def _best_date(
    fragment: Fragment, candidates: list[DateMention], parsed: ParsedArticle, anchor: dt.date | None
) -> EventDate | None:
    """The date the syntax attaches to the fragment's attack words, skipping dates of reporting
    verbs ("police said on Monday"); a year or month far from the attack words is background."""
    scored = []
    for mention in candidates:
        if mention.kind == "sequence" or _reporting_date(parsed, mention):
            continue
        distance = _date_distance(parsed, mention, fragment)
        coarse = mention.kind in ("year", "month", "calendar")
        if coarse and distance > 3:
            continue
        scored.append((distance + (2 if coarse else 0), mention.start, mention))
    for _, _, mention in sorted(scored, key=lambda item: (item[0], item[1])):
        evidence = Span(
            start=mention.start, end=mention.end, text=parsed.text[mention.start : mention.end]
        )
        resolved = resolve(mention, anchor, evidence)
        if resolved is not None:
            return resolved
    return None


def _date_distance(parsed: ParsedArticle, mention: DateMention, fragment: Fragment) -> int:
    """Dependency-path length from a date expression to the nearest mention of the fragment;
    the character distance in tens when the sentence has no parse."""
    sent = parsed.sentence_at(mention.start)
    if sent is not None and sent.doc is not None:
        span = sent.doc.char_span(
            mention.start - sent.start, mention.end - sent.start, alignment_mode="expand"
        )
        heads = [m.head for m in fragment.mentions if m.sent.index == sent.index]
        if span is not None and heads:
            return min(tree_distance(span.root, head) for head in heads)
    return min(abs(mention.start - m.start) for m in fragment.mentions) // 10


def _reporting_date(parsed: ParsedArticle, mention: DateMention) -> bool:
    """'police said on Monday': the date of the report, not of the attack."""
    sent = parsed.sentence_at(mention.start)
    if sent is None or sent.doc is None:
        before = parsed.text[max(0, mention.start - 25) : mention.start].lower().split()
        return bool(before) and before[-1] in _REPORTING
    doc = sent.doc
    span = doc.char_span(
        mention.start - sent.start, mention.end - sent.start, alignment_mode="expand"
    )
    if span is None:
        return False
    head = span.root
    for _ in range(3):
        governor = head.head
        if governor.i == head.i:
            break
        if governor.lemma_.lower() in _REPORTING and governor.pos_ == "VERB":
            return True
        if governor.pos_ == "VERB":
            return False
        head = governor
    return False


def event_date(incident: Incident, anchor: dt.date | None) -> EventDate:
    """The date of an incident: its attack fragments' first, else the undated interval."""
    attack_first = sorted(incident.fragments, key=lambda f: (not f.attack_words, f.start))
    for fragment in attack_first:
        if fragment.date is not None:
            return fragment.date
    return undated(anchor)
