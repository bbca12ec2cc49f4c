"""Date expressions: find them in text and say what interval each one means.

Our patterns find the expressions and know what kind each is (a day, a weekday, a week, a
month, a period, a step in a chain) and so what interval and precision it gives; the arithmetic
from the captured parts is exact. dateparser parses what the parts cannot: a found string in a
form the patterns do not split, a dateline, another language. Its calls are cached, since the
same strings repeat from one article to the next.

Why not dateparser for everything: it returns one point, so "last week", "over the weekend"
and "since March 2019" lose their width; with PREFER_DATES_FROM past it reads "12 JAN 90" as
1890; and each call costs about a millisecond against microseconds for the arithmetic.
"""

from __future__ import annotations

import bisect
import calendar
import dataclasses
import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Literal

from .numbers import word_value
from .schema import DatePrecision, EventDate, Span

Against = Literal["publication", "event", "explicit", "none"]

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
# "Monday, 4 August", "the night of Wednesday, 15 November": a weekday before an explicit date.
_DAY_PREFIX = rf"(?:{_WEEKDAY},?\s+(?:the\s+)?)?"
_PART = r"(?:\s+(?:morning|afternoon|evening|night|dawn))?"
_NUM = (
    r"(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|few|"
    r"a couple of)"
)
_UNIT = r"(?P<unit>hour|hours|day|days|week|weeks|month|months|year|years)"
_YEAR = r"(?:19|20)\d{2}"

# Each pattern: (kind, gate, regex). Order matters: where two overlap, the earlier kind wins,
# so periods come before the dates they contain and longer forms before their parts. The gate
# names the words every match holds (see _GATE).
_PATTERNS: list[tuple[str, tuple[str, ...], re.Pattern[str]]] = [
    (kind, tuple(gates.split()), re.compile(rx, re.IGNORECASE))
    for kind, gates, rx in [
        (
            "period",
            "year",
            rf"\b(?:between|from)\s+(?P<y1>{_YEAR})\s+(?:and|to|until)\s+(?P<y2>{_YEAR})\b",
        ),
        (
            "period",
            "year",
            rf"\bsince\s+(?:(?:early|late|mid)[- ])?(?:{_DAY_PREFIX}\d{{1,2}}(?:st|nd|rd|th)?\s+"
            rf"(?:of\s+)?)?(?:{_MONTH}\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?(?P<year>{_YEAR})\b",
        ),
        (
            "period",
            "month",
            rf"\bsince\s+(?:{_DAY_PREFIX}\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?)?{_MONTH}"
            r"(?:\s+\d{1,2}(?:st|nd|rd|th)?\b)?",
        ),
        (
            "period",
            "unit date",
            r"\b(?:so|thus)\s+far\s+(?:this|in)\s+(?:year|month)\b|\bto\s+date\b|"
            r"\bsince the (?:start|beginning) of (?:the|this) (?:year|month)\b|"
            r"\bthis year alone\b",
        ),
        ("iso", "year", rf"\b(?P<year>{_YEAR})-(?P<mnum>\d{{2}})-(?P<day>\d{{2}})\b"),
        ("numeric", "slash", r"\b(?P<day>\d{1,2})/(?P<mnum>\d{1,2})/(?P<year>\d{4}|\d{2})\b"),
        (
            "explicit",
            "month",
            rf"\b{_DAY_PREFIX}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"
            rf"(?:,?\s+(?P<year>{_YEAR}|\d{{2}})(?![\d:]))?",
        ),
        (
            "explicit",
            "month",
            rf"\b{_DAY_PREFIX}{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!:)"
            rf"(?:,?\s+(?P<year>{_YEAR}))?",
        ),
        (
            "month",
            "month",
            r"\b(?:in|during|since|until|of|early|late|mid|last|this)\s+"
            rf"(?:early\s+|late\s+|mid-)?{_MONTH}(?:,?\s+(?P<year>{_YEAR}))?\b",
        ),
        ("month", "month", rf"\b{_MONTH},?\s+(?P<year>{_YEAR})\b"),
        (
            "year",
            "year",
            rf"\b(?:in|during|of|early|late|mid-)\s+(?P<year>{_YEAR})\b(?!\s*(?:people|members))",
        ),
        # "the 2019 bombing of a church", "the 1998 embassy bombings": a year naming an attack
        # (not "the 2000 soldiers": only before an attack word, at most two words on)
        (
            "year",
            "year",
            rf"(?<=\bthe\s)(?P<year>{_YEAR})(?=\s++(?:[\w'-]++\s++){{0,2}}?(?:bomb|attack|"
            r"massacre|assassination|killing|shooting|ambush|kidnapping|abduction|raid|siege|"
            r"hijacking|explosion|blast|hostage)[a-z]*+\b)",
        ),
        ("relative", "rel", r"\b(?:the\s+)?day\s+before\s+yesterday\b"),
        (
            "relative",
            "rel",
            r"\b(?:earlier\s+|late\s+|early\s+)?(?:today|tonight|this\s+(?:morning|afternoon|"
            r"evening))\b",
        ),
        (
            "relative",
            "rel",
            r"\b(?:late\s+|early\s+)?yesterday" + _PART + r"\b|\blast\s+night\b|\bovernight\b",
        ),
        (
            "hours",
            "hour",
            r"\b(?:in|over|during|within)\s+the\s+(?:past|last)\s+(?:few\s+|several\s+|\d{1,2}\s+|"
            r"twenty-four\s+)?hours\b|\b(?:a\s+few|several|\d{1,2}|two|three|four|five|six)\s+"
            r"hours\s+ago\b",
        ),
        ("ago", "ago", rf"\b{_NUM}\s+{_UNIT}\s+ago\b"),
        (
            "span",
            "unit",
            r"\b(?:in|over|during|within)\s+the\s+(?:past|last|previous)\s+(?P<n>\d{1,2}|two|"
            r"three|four|five|six|seven|eight|nine|ten|few|several|couple of)?\s*"
            r"(?P<unit>days|weeks|months|week|month)\b",
        ),
        (
            "weekend",
            "weekend",
            r"\b(?:over\s+|during\s+|at\s+)?(?:the\s+)?(?:past|last|this)?\s*weekend\b",
        ),
        (
            "calendar",
            "unit",
            r"\b(?P<which>last|this|earlier\s+this|past|previous|late\s+last|early\s+last|"
            r"late\s+this|early\s+this)\s+(?P<cunit>week|month|year)\b",
        ),
        # "the following Sunday": the first Sunday after the incident told before
        (
            "sequence",
            "weekday",
            rf"\bthe\s+(?P<step>following|next|previous|preceding)\s+{_WEEKDAY}{_PART}\b",
        ),
        (
            "weekday",
            "weekday",
            rf"\b(?:(?P<which>last|this|past|early|late|on|since)\s+)?(?:on\s+)?(?:the\s+"
            rf"(?:night|morning|evening|afternoon)\s+of\s+)?{_WEEKDAY}{_PART}\b",
        ),
        (
            "recent",
            "recent ago unit",
            r"\b(?:recently|in recent days|a few days ago|the other day|last few days)\b",
        ),
        (
            "sequence",
            "unit hour rel",
            r"\b(?:the|a|one|two|three|four|five|\d+)\s+(?:day|days|week|weeks)\s+"
            r"(?P<rel>before|after|earlier|later)\b|\b(?:the\s+)?(?P<rel2>next|following|previous|"
            r"same|preceding)\s+(?:day|morning|night|evening|afternoon)\b|\b(?:hours|minutes)\s+"
            r"(?:later|earlier|before|after)\b|\b(?:later|earlier)\s+that\s+(?:day|night|morning|"
            r"evening|afternoon)\b|\bthat\s+(?:day|night|morning)\b",
        ),
    ]
]
# A date that names something: "the 19 April Movement", "the 14 July neighbourhood".
_NAMED_AFTER = re.compile(
    r"\s{0,8}+(?:movement|brigade|front|command|commando|organi[sz]ation|group|battalion|street|"
    r"avenue|square|bridge|neighbou?rhood|district|colony|stadium|hospital|school|park|road|"
    r"boulevard|university|party|accords?|agreement|revolution)\b",
    re.IGNORECASE,
)
# "at 0130 GMT on 7 September", "[0230 GMT ON 12 JANUARY]": the date of a UTC clock time.
_GMT_BEFORE = re.compile(
    r"(?P<hh>\d{1,2}):?(?P<mm>\d{2})\s*(?:GMT|UTC|Z)\]?\s*,?\s*(?:on\s+|of\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    """A date expression in the text: its kind and the parts the pattern captured."""

    kind: str
    start: int
    end: int
    text: str
    groups: tuple[tuple[str, str | None], ...]

    def group(self, name: str) -> str | None:
        return dict(self.groups).get(name)


# Every pattern holds a word of its gate: it runs only in windows around those words, which
# keeps a long article with few dates cheap (measured by benchmarks/dates.py). Words are looked
# up in a table: one pass of a simple token pattern costs far less than an alternation of words.
_GATE_TOKEN = re.compile(r"[A-Za-z]+|(?<!\d)(?:19|20)\d\d(?!\d)|\d/\d")
_GATE_WORDS = {
    **{name: "month" for name in _MONTHS},
    **{name: "weekday" for name in _WEEKDAYS if name.endswith("day")},
    **{
        word: gate
        for gate, words in [
            ("rel", "today tonight yesterday night overnight morning afternoon evening"),
            ("hour", "hour hours minutes"),
            ("unit", "week weeks month months year years day days"),
            ("ago", "ago"),
            ("weekend", "weekend"),
            ("recent", "recent recently"),
            ("date", "date"),
        ]
        for word in words.split()
    },
}
# Longer than any date expression, so a window holds every match around its gate word.
_WINDOW = 70


def find_dates(text: str, *, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Date expressions of text[start:end], longest first where they overlap, in text order.

    The whole text is read once and cached (the stages ask for the same article several times);
    a range gets the expressions that lie wholly inside it.
    """
    end = len(text) if end is None else end
    return [m for m in _find_all(text) if start <= m.start and m.end <= end]


@functools.lru_cache(maxsize=4)
def _find_all(text: str) -> tuple[DateMention, ...]:
    windows: dict[str, list[tuple[int, int]]] = {}
    for token in _GATE_TOKEN.finditer(text):
        word = token.group()
        gate = "year" if word[0].isdigit() else _GATE_WORDS.get(word.lower())
        if "/" in word:
            gate = "slash"
        if gate is None:
            continue
        spans = windows.setdefault(gate, [])
        a, b = max(0, token.start() - _WINDOW), min(len(text), token.end() + _WINDOW)
        if spans and a <= spans[-1][1]:
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, gates, pattern in _PATTERNS:
        for w_start, w_end in _merged([w for gate in gates for w in windows.get(gate, ())]):
            for match in pattern.finditer(text, w_start, w_end):
                mention = _mention(kind, match, text, taken)
                if mention is not None:
                    found.append(mention)
    return tuple(sorted(_numeric_orders(found, text), key=lambda d: d.start))


_ENTRY_LABEL = re.compile(r"\A\s*+\d{1,2}/\d{1,2}/\d{2,4}\s*+:")


def _numeric_orders(found: list[DateMention], text: str) -> list[DateMention]:
    """One order for every numeric date of a text: '06/22/2008 ... released on 07/01/2008' is
    month first throughout, since 22 cannot be a month. Undecided texts keep the default."""
    orders = set()
    for mention in found:
        if mention.kind == "numeric":
            first, second = int(mention.group("day") or 0), int(mention.group("mnum") or 0)
            if second > 12 >= first:
                orders.add("md")
            elif first > 12 >= second:
                orders.add("dm")
    if not orders and _ENTRY_LABEL.match(text):
        # an incident summary or chronology entry labelled "12/03/2015: ..." follows the
        # convention of the databases that write them (GTD's summaries): month first
        orders.add("md")
    if len(orders) != 1:
        return found
    order = orders.pop()
    return [
        dataclasses.replace(m, groups=(*m.groups, ("order", order))) if m.kind == "numeric" else m
        for m in found
    ]


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _mention(
    kind: str, match: re.Match[str], text: str, taken: list[tuple[int, int]]
) -> DateMention | None:
    a, b = match.span()
    # taken spans are disjoint and sorted, so an overlap is found by bisection: a text with
    # thousands of dates must not take quadratic time
    i = bisect.bisect_left(taken, (a, b))
    if (i > 0 and taken[i - 1][1] > a) or (i < len(taken) and taken[i][0] < b):
        return None
    taken.insert(i, (a, b))
    if kind in ("explicit", "month") and _NAMED_AFTER.match(text, b):
        return None  # a name, not a date; its span stays taken
    groups = dict(match.groupdict())
    if kind in ("explicit", "iso", "numeric"):
        gmt = _GMT_BEFORE.search(text, max(0, a - 30), a)
        if gmt:
            groups["gmt"] = gmt.group("hh") + gmt.group("mm")
    raw = match.group()
    stripped = raw.strip()
    a += len(raw) - len(raw.lstrip())
    return DateMention(kind, a, a + len(stripped), stripped, tuple(sorted(groups.items())))


# ---------------------------------------------------------------------------------------------
# Explicit dates: the parts, or dateparser for what the parts cannot say
# ---------------------------------------------------------------------------------------------
def resolve_explicit_text(
    text: str, anchor: dt.date | None, *, language: str = "en"
) -> dt.date | None:
    """A day-exact date from text like '12 JAN 90', 'Nov 22', '2021-11-22', '01/02/2021'."""
    for mention in find_dates(text):
        if mention.kind in ("explicit", "iso", "numeric"):
            day = explicit_day(mention, anchor)
            if day is not None:
                return day
    return dateparser_day(text, anchor, language)


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


def explicit_day(mention: DateMention, anchor: dt.date | None) -> dt.date | None:
    """The day of an explicit, ISO or numeric date; a missing year comes from the anchor."""
    try:
        day = int(mention.group("day") or 0)
        month = _MONTHS.get((mention.group("month") or "").lower().rstrip(".")[:9]) or int(
            mention.group("mnum") or 0
        )
        if mention.kind == "numeric":
            month, day = _numeric_order(day, month, mention.group("order"))
        year = _year(mention.group("year"), anchor)
        if year is not None:
            return dt.date(year, month, day)
        if anchor is None:
            return None
        weekday = mention.group("weekday")
        if weekday:
            # "Sunday, 25 February": the year whose 25 February is a Sunday, even if ahead
            target = _WEEKDAYS[weekday[:3].lower()]
            for year in (anchor.year, anchor.year - 1, anchor.year + 1):
                if _valid(year, month, day) and dt.date(year, month, day).weekday() == target:
                    return dt.date(year, month, day)
        candidate = dt.date(anchor.year, month, day)
        # never a date after the article unless the text says so: "8 November" in a January
        # article is last November (a day of slack for time zones)
        if candidate > anchor + dt.timedelta(days=1):
            return dt.date(anchor.year - 1, month, day)
        return candidate
    except (ValueError, TypeError):
        return None


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _numeric_order(first: int, second: int, order: str | None = None) -> tuple[int, int]:
    """'01/02/2021': day/month unless the first number cannot be a day's month partner, or the
    text's other numeric dates are month first."""
    if order == "md" or second > 12 >= first:
        return first, second  # month/day in US order: 02/13 -> (month 2, day 13)
    return second, first


@functools.lru_cache(maxsize=4096)
def dateparser_day(text: str, anchor: dt.date | None, language: str = "en") -> dt.date | None:
    """dateparser for forms the patterns do not split, configured with the anchor and the
    article's language; cached, since the same strings repeat."""
    import dateparser  # slow to import; only needed for unusual forms

    settings = {
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "REQUIRE_PARTS": ["day", "month"],
        "DATE_ORDER": "DMY",
    }
    if anchor:
        settings["RELATIVE_BASE"] = dt.datetime.combine(anchor, dt.time(12))
    else:
        settings["REQUIRE_PARTS"] = ["day", "month", "year"]  # not this year's by default
    parsed = dateparser.parse(text, languages=[language], settings=settings)
    return parsed.date() if parsed else None


# ---------------------------------------------------------------------------------------------
# Intervals
# ---------------------------------------------------------------------------------------------
def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _count(word: str | None) -> int | None:
    """'two' -> 2, '3' -> 3, 'a' -> 1; None for no number or none at all."""
    value = word_value(word) if word else None
    return int(value) if value else None


def interval(
    start: dt.date,
    end: dt.date,
    precision: DatePrecision,
    text: str,
    evidence: Span | None,
    anchor: dt.date | None,
    against: Against,
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


def resolve(mention: DateMention, anchor: dt.date | None, evidence: Span) -> EventDate | None:
    """The interval a date expression means, given the publication date. None for periods,
    sequences (resolved against another event) and expressions the anchor cannot resolve."""
    kind = mention.kind
    text = mention.text
    if kind in ("period", "sequence"):
        return None
    if kind in ("explicit", "iso", "numeric"):
        return _explicit(mention, anchor, evidence)
    if kind == "year":
        year = _year(mention.group("year"), anchor)
        if year is None:
            return None
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        return interval(first, last, "year", text, evidence, None, "explicit")
    if kind == "month":
        return _month(mention, anchor, evidence)
    if anchor is None:
        return None
    return _relative(mention, anchor, evidence)


def _explicit(mention: DateMention, anchor: dt.date | None, evidence: Span) -> EventDate | None:
    day = explicit_day(mention, anchor)
    if day is None:
        return None
    against: Against = "explicit" if mention.group("year") else "publication"
    start = end = day
    gmt = mention.group("gmt")
    if gmt:
        # a UTC clock time: the local day is a day earlier in the Americas, later in Asia;
        # which one is open unless the hour rules it out (local offsets run from -12 to +14)
        minutes = int(gmt[:-2]) * 60 + int(gmt[-2:])
        if minutes < 12 * 60:
            start = day - dt.timedelta(days=1)
        if minutes >= 10 * 60:
            end = day + dt.timedelta(days=1)
        if anchor is not None and start <= anchor < end:
            end = anchor  # never after the article
    return EventDate(
        start=start,
        end=end,
        precision="day",
        text=mention.text,
        evidence=evidence,
        resolved_against=against,
        anchor=anchor if against == "publication" else None,
    )


def _month(mention: DateMention, anchor: dt.date | None, evidence: Span) -> EventDate | None:
    month = _MONTHS.get((mention.group("month") or "").lower().rstrip(".")[:9])
    if not month:
        return None
    year = _year(mention.group("year"), anchor)
    against: Against = "explicit"
    if year is None:
        if anchor is None:
            return None
        against = "publication"
        year = anchor.year if month <= anchor.month else anchor.year - 1
        if mention.text.lower().startswith("last ") and month == anchor.month:
            year -= 1
    first, last = _month_span(year, month)
    return interval(
        first,
        last,
        "month",
        mention.text,
        evidence,
        anchor if against != "explicit" else None,
        against,
    )


def _relative(mention: DateMention, anchor: dt.date, evidence: Span) -> EventDate | None:
    lowered = mention.text.lower()
    kind = mention.kind

    def days_back(high: int, low: int, precision: DatePrecision) -> EventDate:
        return interval(
            anchor - dt.timedelta(days=high),
            anchor - dt.timedelta(days=low),
            precision,
            mention.text,
            evidence,
            anchor,
            "publication",
        )

    def day(offset: int) -> EventDate:
        return days_back(offset, offset, "day")

    if kind == "relative":
        if "before yesterday" in lowered:
            return day(2)
        if "yesterday" in lowered or "last night" in lowered:
            return day(1)
        if "overnight" in lowered:
            return days_back(1, 0, "day")  # the night before the story, on either side of 0:00
        return day(0)
    if kind == "hours":
        return days_back(1, 0, "day")
    if kind == "ago":
        return _ago(mention, anchor, evidence)
    if kind == "span":
        # "over the past two weeks", "in the last few days": up to the story
        unit = (mention.group("unit") or "day").lower().rstrip("s")
        size = {"day": 1, "week": 7, "month": 30}[unit]
        n_text = (mention.group("n") or "").lower()
        vague = {"few": 5, "several": 7, "couple of": 3}
        n = vague.get(n_text) or _count(n_text) or (1 if unit != "day" else 5)
        width = n * size
        if width > 31:
            return None  # "over the past few months": a period, which marks aggregates
        return days_back(width, 0, "week" if width <= 14 else "month")
    if kind == "weekday":
        target = _WEEKDAYS[(mention.group("weekday") or "")[:3].lower()]
        back = (anchor.weekday() - target) % 7
        if (mention.group("which") or "").lower() in ("last", "past") and back == 0:
            back = 7
        return day(back)
    if kind == "weekend":
        # the most recent Saturday-Sunday on or before the anchor; on a Saturday, that day
        back = (anchor.weekday() - 6) % 7
        if anchor.weekday() == 5 and not re.search(r"\b(?:past|last)\b", lowered):
            return days_back(0, 0, "week")
        return days_back(back + 1, back, "week")
    if kind == "calendar":
        return _calendar(mention, anchor, evidence)
    if kind == "recent":
        if "few days" in lowered:
            return days_back(6, 2, "week")
        return days_back(14, 1, "week")
    return None


def _ago(mention: DateMention, anchor: dt.date, evidence: Span) -> EventDate:
    n_text = (mention.group("n") or "").lower()
    unit = (mention.group("unit") or "day").lower().rstrip("s")
    size = {"hour": 0, "day": 1, "week": 7, "month": 30, "year": 365}[unit]

    def span(high: int, low: int, precision: DatePrecision) -> EventDate:
        return interval(
            anchor - dt.timedelta(days=high),
            anchor - dt.timedelta(days=max(0, low)),
            precision,
            mention.text,
            evidence,
            anchor,
            "publication",
        )

    if unit == "hour":
        return span(1, 0, "day")
    if n_text in ("a few", "several", "few", "a couple of"):
        if unit == "day":
            return span(3 if n_text == "a couple of" else 6, 2, "week")
        return span(4 * size, 2 * size, "month" if unit != "year" else "year")
    n = _count(n_text) or 1
    if unit == "day":
        return span(n, n, "day")
    center = n * size
    half = {"week": 3, "month": 15, "year": 182}[unit]
    precision: DatePrecision = {"week": "week", "month": "month", "year": "year"}[unit]  # type: ignore[assignment]
    return span(center + half, center - half, precision)


def _calendar(mention: DateMention, anchor: dt.date, evidence: Span) -> EventDate:
    which = (mention.group("which") or "").lower()
    unit = (mention.group("cunit") or "").lower()
    last = any(word in which for word in ("last", "past", "previous"))

    def span(start: dt.date, end: dt.date, precision: DatePrecision) -> EventDate:
        return interval(start, end, precision, mention.text, evidence, anchor, "publication")

    if unit == "week":
        monday = anchor - dt.timedelta(days=anchor.weekday())
        if last:
            return span(monday - dt.timedelta(days=7), monday - dt.timedelta(days=1), "week")
        return span(monday, anchor, "week")
    if unit == "month":
        if last:
            previous = anchor.replace(day=1) - dt.timedelta(days=1)
            first, end = _month_span(previous.year, previous.month)
            return span(first, end, "month")
        return span(anchor.replace(day=1), anchor, "month")
    if last:
        return span(dt.date(anchor.year - 1, 1, 1), dt.date(anchor.year - 1, 12, 31), "year")
    return span(dt.date(anchor.year, 1, 1), anchor, "year")


def weekday_step(mention: DateMention, base: dt.date) -> int | None:
    """Days before `base` (negative: after) of 'the following Sunday' or 'the previous
    Tuesday': the first such weekday after, or the last one before, never the day itself."""
    step, weekday = mention.group("step"), mention.group("weekday")
    if not step or not weekday:
        return None
    target = _WEEKDAYS[weekday[:3].lower()]
    if step.lower() in ("following", "next"):
        return -((target - base.weekday()) % 7 or 7)
    return (base.weekday() - target) % 7 or 7


def shift(date: EventDate, days: int, text: str, evidence: Span) -> EventDate:
    """A date `days` before (positive) the incident date it is chained to: "the day after"."""
    if date.start is None or date.end is None:
        return date
    return EventDate(
        start=date.start - dt.timedelta(days=days),
        end=date.end - dt.timedelta(days=days),
        precision=date.precision,
        text=text,
        evidence=evidence,
        resolved_against="event",
        anchor=date.start,
    )


def on_or_before(
    end: dt.date, text: str | None, evidence: Span | None, against: Against
) -> EventDate:
    """No date of its own, but reported on `end`: the 30 days up to it, precision unknown."""
    return EventDate(
        start=end - dt.timedelta(days=30),
        end=end,
        precision="unknown",
        text=text,
        evidence=evidence,
        resolved_against=against,
        anchor=end if against != "explicit" else None,
        on_or_before=True,
    )


def undated(anchor: dt.date | None) -> EventDate:
    """No date near the incident: a report is news, so the month up to publication, marked
    unknown; nothing at all without a publication date."""
    if anchor is None:
        return EventDate(precision="unknown")
    return on_or_before(anchor, None, None, "publication")
