"""The dateline that opens a wire report: "BEIRUT, Nov 22 (Reuters) -", "SAN SALVADOR, 12 JAN 90
(DPA) --", "MANAGUA (NICARAGUA), 11 DEC 89 (RADIO SANDINO) --", "01/02/2021:".

It gives the publication date when metadata does not, and the reporting place as the last
fallback for an event's location.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?:\d{{1,2}}\s+{_MONTH}(?:\s+\d{{2,4}})?"  # 12 JAN 90, 4 February 2021
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"  # Nov 22, November 22, 2021
    r"|\d{4}-\d{2}-\d{2}"  # 2021-11-22
    r"|\d{1,2}/\d{1,2}/\d{2,4})"
)  # 01/02/2021
_PLACE = r"[A-Z][A-Za-z\u00C0-\u024F.'’ -]{1,40}?(?:\s*\([A-Za-z .'-]{2,30}\))?"
_AGENCY = r"\((?P<agency>[^()\n]{2,60})\)"
_DASH = r"(?:--|—|–|-|:|_)"

_REGION = r"(?:\s*,\s*(?P<region>[A-Z][A-Za-z.' -]{1,30}?))?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_FULL = re.compile(
    rf"^\s*(?P<place>{_PLACE}){_REGION}\s*,\s*{_WEEKDAY}(?P<date>{_DATE})"
    rf"\s*(?:{_AGENCY})?\s*{_DASH}+\s*",
    re.IGNORECASE,
)
_NO_DATE = re.compile(rf"^\s*(?P<place>{_PLACE}){_REGION}\s*{_AGENCY}\s*{_DASH}+\s*")
_DATE_ONLY = re.compile(rf"^\s*(?P<date>{_DATE})\s*(?:{_AGENCY})?\s*{_DASH}+\s*", re.IGNORECASE)
# "[TEXT]", "[EXCERPTS]", "[REPORT]" and similar FBIS tags right after the dateline.
_TAGS = re.compile(r"(?:\[[A-Z][A-Z ,.'-]{1,40}\]\s*)+")


@dataclass(frozen=True, slots=True)
class Dateline:
    """Offsets refer to the article text; end is where the story's first sentence starts."""

    end: int
    place: str | None = None
    place_start: int | None = None
    region: str | None = None
    date_text: str | None = None
    date_start: int | None = None
    agency: str | None = None
    # "12/03/2015: Gunmen attacked ...": a date alone before a colon labels an entry of a
    # chronology or an incident summary; it is the date of what the entry tells
    entry: bool = False

    @property
    def date_label(self) -> str | None:
        """The date as it is to be read: a numeric entry label keeps its colon, which marks the
        month-first convention of incident summaries ('12/03/2015:'); 'May 9' is read alone,
        since 'May 9:' could start a clock time."""
        if self.date_text is None:
            return None
        return self.date_text + (":" if self.entry and "/" in self.date_text else "")


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of a text, or None."""
    head = text[:300]
    for pattern in (_FULL, _NO_DATE, _DATE_ONLY):
        match = pattern.match(head)
        if not match:
            continue
        groups = match.groupdict()
        place = groups.get("place")
        if place and not _plausible_place(place):
            continue
        end = match.end()
        tags = _TAGS.match(text, end)
        if tags:
            end = tags.end()
        return Dateline(
            end=end,
            place=place.strip() if place else None,
            place_start=match.start("place") if place else None,
            region=(groups.get("region") or "").strip() or None,
            date_text=groups.get("date"),
            date_start=match.start("date") if groups.get("date") else None,
            agency=(groups.get("agency") or "").strip() or None,
            entry=pattern is _DATE_ONLY and match.group().rstrip().endswith(":"),
        )
    return None


def _plausible_place(place: str) -> bool:
    """A dateline place is a short name, not the start of a sentence."""
    words = place.replace("(", " ").split()
    if not words or len(words) > 6:
        return False
    lowered = sum(word[0].islower() for word in words)
    return lowered <= 1
