"""dates.py through the pipeline: which date expression of a story is an incident's date.

The stories are written for these tests. Weekdays were read off a calendar: in November 2021,
Monday is the 15th and 22nd, Wednesday the 17th and 24th, Friday the 19th, Saturday the 20th,
Sunday the 21st.
"""

from __future__ import annotations

import datetime as dt

import pytest

from extractor import Event, Extractor
from extractor.read import make_article


def d(day: int, month: int = 11, year: int = 2021) -> dt.date:
    return dt.date(year, month, day)


def events(extractor: Extractor, text: str, published: dt.date) -> list[Event]:
    article = make_article(text, id="t", published=published, published_source="metadata")
    return extractor.extract(article).events


def dates_of(
    extractor: Extractor, text: str, published: dt.date
) -> list[tuple[dt.date | None, ...]]:
    return [(e.date.start, e.date.end) for e in events(extractor, text, published)]


# --- chains across sentences ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        pytest.param(
            "A roadside bomb killed five soldiers in Kandahar on Monday. The day before, gunmen "
            "stormed a police checkpoint in Kunduz, killing three officers.",
            d(23),
            [(d(22), d(22)), (d(21), d(21))],
            id="the-day-before",
        ),
        pytest.param(
            "Gunmen attacked a bus near Kano on Friday, killing four passengers. Two days later, "
            "a bomb exploded at a market in Maiduguri, killing six people.",
            d(22),
            [(d(19), d(19)), (d(21), d(21))],
            id="two-days-later",
        ),
        pytest.param(
            "Gunmen attacked a bus near Kano on Monday, 15 November, killing four passengers, 10 "
            "days after a bomb exploded at a market in Maiduguri, killing six people.",
            d(22),
            [(d(15), d(15)), (d(5), d(5))],
            id="10-days-after-in-digits",
        ),
        pytest.param(
            "Militants ambushed an army convoy in Borno on Wednesday, killing ten soldiers. The "
            "next morning, insurgents attacked a village in Yobe and killed five farmers.",
            d(22),
            [(d(17), d(17)), (d(18), d(18))],
            id="the-next-morning",
        ),
        pytest.param(
            "A suicide bomber killed seven people at a checkpoint in Mogadishu on Saturday. "
            "Hours later, gunmen attacked a hotel in Kismayo, killing two guards.",
            d(22),
            [(d(20), d(20)), (d(20), d(20))],
            id="hours-later",
        ),
        pytest.param(
            "Gunmen killed a judge in Cali on Wednesday, 17 November. The following Sunday, a "
            "bomb exploded at a police station in Medellin, killing two officers.",
            d(26),
            [(d(17), d(17)), (d(21), d(21))],
            id="the-following-sunday",
        ),
        pytest.param(
            "A car bomb killed 12 people at a market in Baghdad on Tuesday. The previous Friday, "
            "gunmen attacked a checkpoint in Mosul and killed three soldiers.",
            d(26),
            [(d(23), d(23)), (d(19), d(19))],
            id="the-previous-friday",
        ),
    ],
)
def test_chain_across_sentences(
    extractor: Extractor, text: str, published: dt.date, expected: list[tuple[dt.date, dt.date]]
) -> None:
    assert dates_of(extractor, text, published) == expected


def test_chained_date_says_what_it_was_resolved_against(extractor: Extractor) -> None:
    text = (
        "A roadside bomb killed five soldiers in Kandahar on Monday. The day before, gunmen "
        "stormed a police checkpoint in Kunduz, killing three officers."
    )
    second = events(extractor, text, d(23))[1]
    assert (second.date.resolved_against, second.date.anchor) == ("event", d(22))
    assert second.date.text is not None and second.date.text.lower() == "the day before"


# --- dates of other events in the sentence -----------------------------------------------------


def test_a_report_date_bounds_an_undated_incident(extractor: Extractor) -> None:
    (event,) = events(
        extractor,
        "Gunmen killed three farmers in a village in Plateau state, police said on Monday.",
        d(23),
    )
    assert event.date.on_or_before and event.date.end == d(22)
    assert event.date.precision == "unknown"


@pytest.mark.parametrize(
    ("text", "published"),
    [
        pytest.param(
            "The president today condemned the murder of a judge in Medellin.",
            d(22),
            id="reaction",
        ),
        pytest.param(
            "Carlos Pizarro, leader of the group that laid down its weapons on 9 March, was shot "
            "dead aboard a plane.",
            d(27, 4, 1990),
            id="relative-clause",
        ),
        pytest.param(
            "Gunmen shot dead a mayoral candidate in Guerrero ahead of the elections scheduled "
            "for Sunday.",
            d(24),
            id="plan",
        ),
        pytest.param(
            "Officials called the raid on the police base a cartel attack because on Saturday "
            "the police had seized two tonnes of cocaine in the town.",
            d(22),
            id="cause",
        ),
        pytest.param(
            "Rebels ambushed an army patrol near Gulu, although the army had reopened the road "
            "on Friday.",
            d(22),
            id="concession",
        ),
        pytest.param(
            "Rebels ambushed an army patrol near Gulu, although the road had been declared safe "
            "on Friday.",
            d(22),
            id="concession-with-a-reporting-verb",
        ),
    ],
)
def test_the_date_of_another_event_is_not_the_incident_date(
    extractor: Extractor, text: str, published: dt.date
) -> None:
    (event,) = events(extractor, text, published)
    assert event.date.precision == "unknown" and event.date.text is None, event.date
    assert event.date.end == published  # the undated interval: the 30 days up to publication


def test_a_clause_of_the_same_time_shares_its_date(extractor: Extractor) -> None:
    text = "Two soldiers were killed on Sunday when rebels ambushed their truck near Gulu."
    (event,) = events(extractor, text, d(22))
    assert (event.date.start, event.date.end) == (d(21), d(21))


def test_the_attack_day_not_the_toll_update_or_the_later_deaths(extractor: Extractor) -> None:
    text = (
        "The toll from a car bomb that exploded at a market in Baquba rose to 19 on Thursday "
        "after several of the wounded died overnight, officials said.\n\n"
        "The bomb went off on Tuesday afternoon as shoppers crowded the stalls."
    )
    (event,) = events(extractor, text, d(19))  # a Friday story
    assert (event.date.start, event.date.end) == (d(16), d(16))


def test_an_explicit_date_is_kept_when_a_report_date_comes_first(extractor: Extractor) -> None:
    text = "The army said today that guerrillas had attacked a power station on 8 November."
    (event,) = events(extractor, text, d(22))
    assert (event.date.start, event.date.end) == (d(8), d(8))


def test_no_date_near_the_incident_is_a_wide_interval_of_unknown_precision(
    extractor: Extractor,
) -> None:
    (event,) = events(extractor, "Gunmen killed four villagers in Zamfara state.", d(22))
    assert (event.date.start, event.date.end, event.date.precision) == (d(23, 10), d(22), "unknown")
    assert event.date.on_or_before


def test_no_event_date_after_the_article(extractor: Extractor) -> None:
    text = (
        "Gunmen killed a judge in Cali on Friday; the trial of two suspects will open on "
        "30 November."
    )
    (event,) = events(extractor, text, d(22))
    assert (event.date.start, event.date.end) == (d(19), d(19))


# --- dates keep incidents apart -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Gunmen shot dead a trade union leader in the capital on Friday. The union's founder "
            "was shot dead by a death squad in March 1980.",
            id="a-day-and-an-old-month",
        ),
        pytest.param(
            "A car bomb exploded outside the police station on Saturday, killing two officers. "
            "A bomb exploded at the same police station in 2019, wounding four people.",
            id="a-day-and-an-old-year",
        ),
    ],
)
def test_an_attack_of_another_month_or_year_is_another_incident(
    extractor: Extractor, text: str
) -> None:
    dates = sorted(dates_of(extractor, text, d(22)), key=lambda pair: str(pair[0]))
    assert len(dates) == 2, dates
    assert dates[0][0] is not None and dates[0][0].year < 2021
    assert dates[1] in ((d(19), d(19)), (d(20), d(20)))


def test_a_dated_earlier_attack_after_an_undated_lead_is_another_incident(
    extractor: Extractor,
) -> None:
    text = (
        "Gunmen killed a provincial judge and his driver outside the courthouse in the north of "
        "the country, police said. The judge had received death threats for months. On 9 "
        "November gunmen attacked the home of a prosecutor in the same city, wounding a guard."
    )
    dates = dates_of(extractor, text, d(22))
    assert len(dates) == 2, dates
    assert (d(9), d(9)) in dates
    assert dates[0] != (d(9), d(9))  # the judge's killing is not given the prosecutor's day


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Gunmen killed a provincial judge outside the courthouse, police said. The attack "
            "took place on 9 November, but the news only reached the capital this week.",
            id="the-attack-refers-back",
        ),
        pytest.param(
            "Gunmen killed a provincial judge outside the courthouse, police said. He was shot "
            "on Saturday as he left the building.",
            id="a-day-of-the-lead",
        ),
    ],
)
def test_the_lead_attack_takes_its_date_from_a_later_sentence(
    extractor: Extractor, text: str
) -> None:
    assert len(dates_of(extractor, text, d(22))) == 1


@pytest.mark.parametrize(
    ("text", "year"),
    [
        pytest.param(
            "A court in Quetta sentenced two men to death on Tuesday for the 2019 bombing of a "
            "church that killed 12 people.",
            2019,
            id="the-2019-bombing",
        ),
        pytest.param(
            "A court in Nairobi on Tuesday convicted a man over the 1998 embassy bombings that "
            "killed 224 people.",
            1998,
            id="a-word-between",
        ),
        pytest.param(
            "THE 1989 BOMBING OF THE DAS BUILDING KILLED 63 PEOPLE, A JUDGE SAID ON MONDAY.",
            1989,
            id="capitals",
        ),
    ],
)
def test_a_year_naming_the_attack_dates_it(extractor: Extractor, text: str, year: int) -> None:
    assert dates_of(extractor, text, d(22)) == [(dt.date(year, 1, 1), dt.date(year, 12, 31))]


def test_a_count_that_looks_like_a_year_does_not_date_the_attack(extractor: Extractor) -> None:
    text = (
        "The army deployed the 2000 soldiers to Kidal after a bomb exploded at the market on "
        "Saturday, killing four traders."
    )
    assert dates_of(extractor, text, d(22)) == [(d(20), d(20))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "01/17/2014: An explosive device detonated near a market in Maiduguri, Borno state, "
            "Nigeria. At least 43 people were killed in the blast.",
            dt.date(2014, 1, 17),
            id="month-first-by-its-numbers",
        ),
        pytest.param(
            "12/03/2015: Assailants opened fire on a checkpoint in Kirkuk city, Iraq. Two "
            "soldiers were killed in the attack.",
            dt.date(2015, 12, 3),
            id="ambiguous-label-month-first",
        ),
        pytest.param(
            "06/22/2008: Assailants abducted a contractor from his home in Kandahar city. He "
            "was released on 07/01/2008 after a ransom was paid.",
            dt.date(2008, 6, 22),
            id="the-label-not-the-release",
        ),
    ],
)
def test_an_entry_label_dates_its_incident(
    extractor: Extractor, text: str, expected: dt.date
) -> None:
    # incident summaries and chronologies open with the date of what they tell
    found = events(extractor, text, d(22))
    assert [(e.date.start, e.date.end, e.date.precision) for e in found][:1] == [
        (expected, expected, "day")
    ]


def test_the_text_decides_the_order_of_its_numeric_dates(extractor: Extractor) -> None:
    # 22 cannot be a month, so the text writes month first: its 07/01 is 1 July
    text = (
        "Gunmen abducted a contractor in Kandahar city on 06/22/2008, police said. The gunmen "
        "attacked his brother's shop on 07/01/2008."
    )
    found = dates_of(extractor, text, dt.date(2008, 7, 5))
    assert (dt.date(2008, 7, 1), dt.date(2008, 7, 1)) in found


def test_a_chronology_entry_with_a_month_name(extractor: Extractor) -> None:
    text = (
        "May 9: Three policemen were killed when Maoists triggered an IED blast at Kirandul in "
        "Dantewada District."
    )
    assert dates_of(extractor, text, dt.date(2012, 5, 10)) == [
        (dt.date(2012, 5, 9), dt.date(2012, 5, 9))
    ]
