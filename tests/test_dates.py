"""dates.py: date expressions -> intervals against the publication date, and the anchor itself.

Unless a case says otherwise the article is published on Monday 22 November 2021; the weekdays
below were read off a calendar (Sun 21, Sat 20, Tue 16, Mon 15 November 2021).
"""

from __future__ import annotations

import datetime as dt

import pytest

from extractor.dates import find_anchor, find_dates, resolve
from extractor.parse import prepare
from extractor.read import make_article
from extractor.schema import EventDate, Span
from extractor.timex import weekday_step

MON = dt.date(2021, 11, 22)


def d(month: int, day: int, year: int = 2021) -> dt.date:
    return dt.date(year, month, day)


def resolved(text: str, anchor: dt.date | None = MON) -> EventDate | None:
    """The first date expression of `text` that resolves to an interval."""
    for mention in find_dates(text):
        span = Span(start=mention.start, end=mention.end, text=mention.text)
        result = resolve(mention, anchor, span)
        if result is not None:
            return result
    return None


# --- explicit dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "anchor", "day"),
    [
        ("The attack took place on 8 November.", MON, d(11, 8)),
        ("The attack took place on November 8.", MON, d(11, 8)),
        ("The attack took place on 8 November 2021.", None, d(11, 8)),
        ("The attack took place on Nov. 8, 2021.", None, d(11, 8)),
        ("It happened on 2021-11-08, police said.", None, d(11, 8)),
        ("SAN SALVADOR, 12 JAN 90 -- GUERRILLAS ATTACKED", d(1, 15, 1990), d(1, 12, 1990)),
        ("THE BOMB EXPLODED ON 30 DEC 89", d(1, 3, 1990), d(12, 30, 1989)),
        # a date without a year in a January article is last year's when this year's is to come
        ("The convoy was attacked on 28 December.", d(1, 4, 2022), d(12, 28, 2021)),
    ],
)
def test_explicit_day(text: str, anchor: dt.date | None, day: dt.date) -> None:
    date = resolved(text, anchor)
    assert date is not None
    assert (date.start, date.end, date.precision) == (day, day, "day")


def test_explicit_without_year_needs_an_anchor() -> None:
    assert resolved("The attack took place on 8 November.", None) is None


def test_explicit_with_year_says_so() -> None:
    date = resolved("The attack took place on 8 November 2021.", MON)
    assert date is not None and date.resolved_against == "explicit"
    date = resolved("The attack took place on 8 November.", MON)
    assert date is not None and (date.resolved_against, date.anchor) == ("publication", MON)


# --- weekdays and relative days ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("A bomb exploded on Sunday.", d(11, 21)),
        ("A bomb exploded on Saturday.", d(11, 20)),
        ("A bomb exploded on Monday.", d(11, 22)),  # the same day in a Monday story
        ("A bomb exploded last Monday.", d(11, 15)),
        ("A bomb exploded on Tuesday night.", d(11, 16)),
        ("A bomb exploded late on Sunday.", d(11, 21)),
        ("A bomb exploded yesterday.", d(11, 21)),
        ("A bomb exploded last night.", d(11, 21)),
        ("A bomb exploded the day before yesterday.", d(11, 20)),
        ("A bomb exploded two days ago.", d(11, 20)),
        ("A bomb exploded 3 days ago.", d(11, 19)),
        ("A bomb exploded today.", d(11, 22)),
        ("A bomb exploded this morning.", d(11, 22)),
    ],
)
def test_relative_day(text: str, day: dt.date) -> None:
    date = resolved(text)
    assert date is not None
    assert (date.start, date.end, date.precision) == (day, day, "day")
    assert date.resolved_against == "publication"


@pytest.mark.parametrize(
    ("text", "anchor", "day"),
    [
        ("GUERRILLAS ATTACKED A POST YESTERDAY", d(3, 22, 1990), d(3, 21, 1990)),
        ("A bomb exploded on Sunday.", d(11, 21), d(11, 21)),  # a Sunday story
        ("A bomb exploded on Friday.", d(11, 21), d(11, 19)),
    ],
)
def test_weekday_against_other_anchors(text: str, anchor: dt.date, day: dt.date) -> None:
    date = resolved(text, anchor)
    assert date is not None and (date.start, date.end) == (day, day)


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("Clashes broke out over the weekend.", d(11, 20), d(11, 21), "week"),
        ("Two attacks were reported last week.", d(11, 15), d(11, 21), "week"),  # Mon-Sun before
        ("Two attacks were reported last month.", d(10, 1), d(10, 31), "month"),
        ("The ambush took place in March 2019.", d(3, 1, 2019), d(3, 31, 2019), "month"),
        ("The ambush took place in October.", d(10, 1), d(10, 31), "month"),
        ("The ambush took place in 2019.", d(1, 1, 2019), d(12, 31, 2019), "year"),
    ],
)
def test_intervals(text: str, start: dt.date, end: dt.date, precision: str) -> None:
    date = resolved(text)
    assert date is not None
    assert (date.start, date.end, date.precision) == (start, end, precision)


def test_this_week_is_monday_up_to_the_story() -> None:
    thursday = d(11, 25)
    date = resolved("Gunmen attacked three police posts this week.", thursday)
    assert date is not None
    assert (date.start, date.end, date.precision) == (MON, thursday, "week")


@pytest.mark.parametrize(
    ("text", "base", "days_before"),
    [
        ("The following Sunday, a bomb exploded.", d(11, 17), -4),  # Wed 17 -> Sun 21
        ("The next Monday, gunmen struck again.", d(11, 21), -1),  # Sun 21 -> Mon 22
        ("The following Wednesday, a bomb exploded.", d(11, 17), -7),  # never the day itself
        ("The previous Friday, gunmen attacked a post.", d(11, 23), 4),  # Tue 23 -> Fri 19
        ("The preceding Tuesday, a bomb exploded.", d(11, 23), 7),
    ],
)
def test_a_weekday_chained_to_another_incident(text: str, base: dt.date, days_before: int) -> None:
    (mention,) = find_dates(text)
    assert mention.kind == "sequence"
    assert weekday_step(mention, base) == days_before
    assert resolved(text) is None  # not against publication


def test_earlier_this_month() -> None:
    date = resolved("The ambush took place earlier this month.")
    assert date is not None and date.start == d(11, 1)
    assert date.end is not None and d(11, 21) <= date.end <= MON


def test_a_few_days_ago_is_a_short_interval_before_publication() -> None:
    date = resolved("A few days ago, militants attacked nine posts.")
    assert date is not None and date.start is not None and date.end is not None
    assert d(11, 14) <= date.start < date.end < MON
    assert date.precision != "day"


@pytest.mark.parametrize(
    "text",
    [
        "A bomb exploded on Sunday.",
        "A bomb exploded yesterday.",
        "A bomb exploded two days ago.",
        "Two attacks were reported last week.",
    ],
)
def test_relative_dates_need_an_anchor(text: str) -> None:
    assert resolved(text, None) is None


# --- what is not an event date ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Nearly 1,600 soldiers have been killed since March 2019.", "period"),
        ("The group held the town between 2009 and 2011.", "period"),
        ("More than 7,000 people have died since 2004.", "period"),
        ("The day after, gunmen attacked a checkpoint.", "sequence"),
        ("Two days later, a bomb exploded.", "sequence"),
    ],
)
def test_periods_and_sequences_are_not_resolved_as_event_dates(text: str, kind: str) -> None:
    kinds = [m.kind for m in find_dates(text)]
    assert kind in kinds
    assert resolved(text) is None


def test_find_dates_prefers_the_longest_expression() -> None:
    (mention,) = find_dates("It happened on 8 November 2021 in Daraa.")
    assert mention.text == "8 November 2021"
    assert mention.kind == "explicit"


def test_find_dates_offsets_quote_the_text() -> None:
    text = "Gunmen attacked on Sunday; the army replied on Monday."
    assert [text[m.start : m.end].strip() for m in find_dates(text)] == [
        m.text for m in find_dates(text)
    ]
    assert len(find_dates(text)) == 2


# --- the anchor: metadata, dateline, file name, estimate --------------------------------------


def anchor_of(
    text: str, *, published: dt.date | None = None, source: str | None = None, how: str = "metadata"
) -> tuple[dt.date | None, str]:
    article = make_article(text, id="t", source=source, published=published, published_source=how)  # type: ignore[arg-type]
    found = find_anchor(prepare(article))
    return found.date, found.source


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BEIRUT, Nov 22, 2021 (Reuters) - A bomb exploded in Daraa on Sunday.", MON),
        ("BAMAKO, 5 March 2022 (AFP) - Eight soldiers were killed on Friday.", d(3, 5, 2022)),
        ("LIMA, 22 MAR 90 (EFE) -- [TEXT] GUERRILLAS ATTACKED A POLICE POST.", d(3, 22, 1990)),
        ("SAN SALVADOR, 12 JAN 90 (DPA) -- A BOMB EXPLODED.", d(1, 12, 1990)),
        # a numeric entry label ("MM/DD/YYYY:", the convention of incident databases) reads
        # month first unless the numbers say otherwise; a numeric wire dateline day first
        ("01/02/2021: Gunmen attacked a bus near Jos.", d(1, 2, 2021)),
        ("25/11/2021: Gunmen attacked a bus near Jos.", d(11, 25, 2021)),
        ("JOS, 01/02/2021 (AFP) - Gunmen attacked a bus near Jos.", d(2, 1, 2021)),
    ],
)
def test_dateline_anchor(text: str, expected: dt.date) -> None:
    assert anchor_of(text) == (expected, "dateline")


YEARLESS = "BEIRUT, Nov 22 (Reuters) - A bomb exploded in Daraa on Sunday."


@pytest.mark.parametrize(
    ("published", "source", "expected"),
    [
        (d(11, 23), None, MON),  # --published gives the year
        (d(1, 3, 2022), None, MON),  # a January run: last year's 22 November
        (None, "reports/2021-11-23_syria.txt", MON),  # the file name gives the year
    ],
)
def test_dateline_without_a_year(
    published: dt.date | None, source: str | None, expected: dt.date
) -> None:
    assert anchor_of(YEARLESS, published=published, source=source, how="cli") == (
        expected,
        "dateline",
    )


def test_dateline_without_a_year_takes_an_estimated_year_from_the_text() -> None:
    text = YEARLESS + " A first bomb killed two people there on 8 November 2021."
    assert anchor_of(text) == (MON, "estimate")


def test_dateline_without_a_year_and_nothing_else_is_no_anchor() -> None:
    assert anchor_of(YEARLESS) == (None, "none")


def test_metadata_anchor_wins_over_the_dateline() -> None:
    text = "BEIRUT, Nov 22, 2021 (Reuters) - A bomb exploded in Daraa on Sunday."
    assert anchor_of(text, published=d(11, 23)) == (d(11, 23), "metadata")


# --published is a default for inputs with no date of their own: a dated dateline or a date in
# the file name says when this article was published; metadata is authoritative.
def test_cli_date_does_not_override_a_dated_dateline() -> None:
    text = "BEIRUT, Nov 22, 2021 (Reuters) - A bomb exploded in Daraa on Sunday."
    assert anchor_of(text, published=d(1, 1, 2022), how="cli") == (MON, "dateline")


def test_cli_date_does_not_override_a_file_name_date() -> None:
    found = anchor_of(
        "A bomb exploded in Daraa on Sunday.",
        published=d(1, 1, 2022),
        how="cli",
        source="reports/2021-11-22_syria.txt",
    )
    assert found == (MON, "filename")


@pytest.mark.parametrize(
    "text",
    [
        "BEIRUT (Reuters) - A bomb exploded in Daraa on Sunday.",  # a dateline with no date
        "A tweet dated 17 November 2021 said a bomb exploded in Daraa.",  # would be an estimate
    ],
)
def test_cli_date_fills_in_for_inputs_without_a_date(text: str) -> None:
    assert anchor_of(text, published=MON, how="cli") == (MON, "cli")


def test_a_hash_in_the_file_name_is_not_a_date() -> None:
    name = "seeds/000_4e20211122f8d1a1f.txt"
    assert anchor_of("A bomb exploded in Daraa on Sunday.", source=name) == (None, "none")


@pytest.mark.parametrize(
    "name", ["reports/2021-11-22_syria.txt", "20211122-syria.txt", "syria_2021_11_22.json"]
)
def test_file_name_anchor(name: str) -> None:
    assert anchor_of("A bomb exploded in Daraa on Sunday.", source=name) == (MON, "filename")


def test_estimate_from_the_latest_explicit_date() -> None:
    text = (
        "The group said on 14 November 2021 that it had attacked a convoy. "
        "A tweet dated 17 November 2021 repeated the claim."
    )
    assert anchor_of(text) == (d(11, 17), "estimate")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a date without a year soon after the latest dated one is in its year
        (
            "On 13 September 1974 a bomb exploded in a pub. Police said on 15 September that "
            "the bombers had fled.",
            d(9, 15, 1974),
        ),
        ("The attack of 28 December 2021 was claimed on 2 January.", d(1, 2, 2022)),
        # an earlier one does not move the estimate
        (
            "A tweet dated 17 November 2021 said a bomb exploded. The bomb of 8 November "
            "killed two.",
            d(11, 17),
        ),
    ],
)
def test_estimate_takes_a_later_date_without_a_year(text: str, expected: dt.date) -> None:
    assert anchor_of(text) == (expected, "estimate")


def test_no_anchor() -> None:
    assert anchor_of("A bomb exploded in Daraa on Sunday.") == (None, "none")


# --- more kinds of expression (timex.py) --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "anchor", "start", "end"),
    [
        # a weekday before the date picks the year, even one still ahead of the article
        ("Elections are scheduled for Sunday, 25 February.", d(2, 22, 1990), d(2, 25, 1990), None),
        ("THE ATTACK ON FRIDAY, 23 JUNE AT THE MARKET", d(6, 23, 1989), d(6, 23, 1989), None),
        ("THE NIGHT OF WEDNESDAY, 15 NOVEMBER, TROOPS", d(11, 16, 1989), d(11, 15, 1989), None),
        # a UTC clock time: the local day may be the one before (Americas) or after (Asia),
        # never after the article
        ("THE EXPLOSION OCCURRED AT 0130 GMT ON 7 SEPTEMBER.", d(9, 6, 1989), d(9, 6, 1989), None),
        (
            "THE BOMBS WENT OFF AT 0400 GMT ON 10 SEPTEMBER",
            d(9, 10, 1989),
            d(9, 9, 1989),
            d(9, 10, 1989),
        ),
        (
            "The blast came at 2230 GMT on 12 January.",
            d(1, 20, 2020),
            d(1, 12, 2020),
            d(1, 13, 2020),
        ),
        ("It went off at 1100 GMT on 12 January.", d(1, 20, 2020), d(1, 11, 2020), d(1, 13, 2020)),
    ],
)
def test_explicit_day_in_context(
    text: str, anchor: dt.date, start: dt.date, end: dt.date | None
) -> None:
    date = resolved(text, anchor)
    assert date is not None and date.precision == "day"
    assert (date.start, date.end) == (start, end or start)


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("Two people were kidnapped in the past 24 hours.", d(11, 21), MON, "day"),
        ("A bomb exploded a few hours ago.", d(11, 21), MON, "day"),
        ("Nine students were abducted over the past two weeks.", d(11, 8), MON, "week"),
        ("Raids were carried out in the last few days.", d(11, 17), MON, "week"),
        ("The ambush took place a few weeks ago.", d(10, 25), d(11, 8), "month"),
        ("The ambush took place earlier this year.", d(1, 1), MON, "year"),
        ("Gunmen attacked a post earlier this week.", MON, MON, "week"),  # a Monday story
        ("The ambush took place in November 2020.", d(11, 1, 2020), d(11, 30, 2020), "month"),
        ("The wounded died overnight.", d(11, 21), MON, "day"),
    ],
)
def test_more_intervals(text: str, start: dt.date, end: dt.date, precision: str) -> None:
    date = resolved(text)
    assert date is not None
    assert (date.start, date.end, date.precision) == (start, end, precision)


def test_this_weekend_on_a_saturday_is_that_day() -> None:
    saturday = d(11, 20)
    date = resolved("Clashes broke out this weekend.", saturday)
    assert date is not None and (date.start, date.end) == (saturday, saturday)
    date = resolved("Clashes broke out last weekend.", saturday)
    assert date is not None and (date.start, date.end) == (d(11, 13), d(11, 14))


@pytest.mark.parametrize(
    "text",
    [
        "Power has been out in eastern towns since 14 February.",
        "The mayor has been held since December 16, 2020.",
        "The pipeline was dynamited 23 times thus far this year.",
        "The group ruled the province from 2014 to 2017.",
        "Some 40 people have been kidnapped over the past few months.",
    ],
)
def test_periods_are_no_event_date(text: str) -> None:
    assert resolved(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "A leader of the 19 April Movement was shot.",
        "The bomb went off in the 14 July neighbourhood.",
        "He was shot on 6 August Street.",
    ],
)
def test_a_date_that_names_something_is_no_date(text: str) -> None:
    assert [m.kind for m in find_dates(text) if m.kind == "explicit"] == []


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("SAN SALVADOR, 12 JAN 90 -- A BOMB", 1990),
        ("THE ATTACK OF 30 DEC 89", 1989),
        ("the attack of 3 March 2005", 2005),
    ],
)
def test_two_digit_years_keep_their_century(text: str, year: int) -> None:
    date = resolved(text, None)
    assert date is not None and date.start is not None and date.start.year == year


def test_dateparser_reads_what_the_patterns_do_not_split() -> None:
    # the fallback, configured with the anchor: a form our patterns leave whole
    from extractor.timex import dateparser_day, resolve_explicit_text

    assert resolve_explicit_text("Nov 22", MON) == MON
    assert dateparser_day("22.11.2021", None) == MON
    assert dateparser_day("le 8 novembre", MON, "fr") == d(11, 8)
    # with no anchor a date without a year is not given this year's
    assert dateparser_day("22 Nov", None) is None


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        ("8 November 2021", None),
        ("November 8, 2021", None),
        ("Nov. 8, 2021", None),
        ("2021-11-08", None),
        ("8th of November 2021", None),
        ("Monday, 8 November 2021", None),
        ("8 November", MON),
        ("28 December", d(1, 4, 2022)),
    ],
)
def test_the_arithmetic_agrees_with_dateparser(text: str, anchor: dt.date | None) -> None:
    # the patterns split the found string and compute the day; dateparser, configured with the
    # anchor, reads the same day (it is not asked in the pipeline: it costs a millisecond a call
    # and reads two-digit years as 1890)
    import dateparser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "DATE_ORDER": "DMY"}
    if anchor:
        settings["RELATIVE_BASE"] = dt.datetime.combine(anchor, dt.time(12))
    expected = dateparser.parse(text, languages=["en"], settings=settings)
    date = resolved(text, anchor)
    assert expected is not None and date is not None
    assert date.start == expected.date()
