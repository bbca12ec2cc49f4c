"""Tolls through the public extract(): killed, wounded, kidnapped and attackers killed, read from
short sentences written for these tests, coded by the conventions of samples/README.md:

    exact "seven" = [7, 7]; "at least 12" = [12, null]; "more than 30" = [31, null];
    "about 20" = [20, 20] (qualifier about); "up to 10" = [10, 10]; "between 8 and 10" = [8, 10];
    "no one was killed" = [0, 0]; nothing said = null; composite counts joined by "and" add up,
    "including" / "among them" introduce a subset; an updated toll replaces the earlier one;
    attackers who die are counted apart; a total over a period is an aggregate, not a toll.
"""

from __future__ import annotations

import pytest

from extractor import Casualties, Event, Extraction, extract

PUBLISHED = "2021-11-22"


def run(text: str) -> Extraction:
    return extract(text, published=PUBLISHED)


def first_event(text: str) -> Event:
    result = run(text)
    assert result.events, "no event extracted"
    return result.events[0]


def bounds(count: Casualties | None) -> tuple[int, int | None] | None:
    return None if count is None else (count.min, count.max)


KILLED = [
    pytest.param(
        "A roadside bomb killed a general and four soldiers in Deir ez-Zor province on Sunday.",
        (5, 5),
        id="general-and-four-soldiers",
    ),
    pytest.param(
        "Gunmen attacked a village in Borno state on Saturday; three people, including two "
        "children, were killed.",
        (3, 3),
        id="three-including-two-children",
    ),
    pytest.param(
        "A car bomb exploded near a market in Baghdad on Sunday, killing at least 12 people.",
        (12, None),
        id="at-least-12",
    ),
    pytest.param(
        "Militants ambushed a convoy in Tillaberi on Friday, killing more than 30 soldiers.",
        (31, None),
        id="more-than-30",
    ),
    pytest.param(
        "About 20 people were killed when gunmen attacked a village in Zamfara state on Sunday.",
        (20, 20),
        id="about-20",
    ),
    pytest.param(
        "Between 8 and 10 soldiers were killed in an ambush near Menaka on Friday.",
        (8, 10),
        id="between-8-and-10",
    ),
    pytest.param(
        "Gunmen killed up to 10 villagers in an attack in Ituri province on Saturday.",
        (10, 10),
        id="up-to-10",
    ),
    pytest.param(
        "A police officer and three civilians were killed when gunmen attacked a checkpoint in "
        "Cotabato City on Sunday.",
        (4, 4),
        id="officer-and-three-civilians",
    ),
    pytest.param(
        "Four women, two men and a child were killed when a roadside bomb hit a minibus in Helmand "
        "province on Sunday.",
        (7, 7),
        id="four-women-two-men-and-a-child",
    ),
    pytest.param(
        "Gunmen shot dead seven people at a bus stop in Bamenda on Saturday.",
        (7, 7),
        id="shot-dead-seven",
    ),
    pytest.param("Gunmen killed a policeman in Kandahar on Sunday.", (1, 1), id="a-policeman"),
    pytest.param(
        "A 34-year-old man was killed when a bomb exploded 50 metres from a school in Mogadishu on "
        "Sunday.",
        (1, 1),
        id="age-and-distance-are-no-tolls",
    ),
    pytest.param(
        "A car bomb killed at least 15 people at a bus station in Baghdad on Sunday. The death "
        "toll later rose to 23, hospital officials said.",
        (23, 23),
        id="toll-rose-to-23",
    ),
    pytest.param(
        "The death toll from Sunday's bombing of a bus station in Baghdad rose to 40, police said.",
        (40, 40),
        id="toll-rose-to-40",
    ),
    pytest.param(
        "A bomb exploded outside a bank in Lima on Sunday. No one was killed, police said.",
        (0, 0),
        id="no-one-was-killed",
    ),
    pytest.param(
        "Two suicide bombers blew themselves up at a checkpoint in Aden on Sunday, killing nine "
        "soldiers.",
        (9, 9),
        id="suicide-bombers-apart",
    ),
    pytest.param(
        "Gunmen attacked a checkpoint in Kunduz on Sunday. Twelve people died, including the two "
        "attackers.",
        (10, 10),
        id="toll-including-the-attackers",
    ),
    pytest.param(
        "A roadside bomb struck a vehicle in Daraa province on Sunday.", None, id="no-toll-stated"
    ),
    pytest.param(
        "A bomb exploded at a market in Maiduguri on Monday, killing twenty-three people.",
        (23, 23),
        id="twenty-three",
    ),
    pytest.param(
        "Gunmen killed a dozen villagers in an attack on a village in Plateau state on Sunday.",
        (12, 12),
        id="a-dozen",
    ),
    pytest.param(
        "Dozens of people were killed when a suicide bomber struck a mosque in Kano on Friday.",
        (24, 99),
        id="dozens-of-people",
    ),
    pytest.param(
        "Dozens were killed in an ambush near Diffa on Friday.", (24, 99), id="dozens-alone"
    ),
    pytest.param(
        "Nearly 40 people were killed when gunmen attacked a village in Ituri on Sunday.",
        (40, 40),
        id="nearly-40",
    ),
    pytest.param(
        "A car bomb killed over 20 people in Mogadishu on Saturday.", (21, None), id="over-20"
    ),
    pytest.param(
        "Five soldiers lost their lives when their convoy hit a mine near Menaka on Monday.",
        (5, 5),
        id="lost-their-lives",
    ),
    pytest.param(
        "The bodies of seven farmers were found in a field in Zamfara on Tuesday after gunmen "
        "attacked their village.",
        (7, 7),
        id="bodies-found",
    ),
    pytest.param(
        "Police reported six fatalities after gunmen attacked a bus in Lamu county on Sunday.",
        (6, 6),
        id="fatalities",
    ),
    pytest.param(
        "Gunmen attacked a village in Borno state on Saturday, leaving 12 dead.",
        (12, 12),
        id="leaving-12-dead",
    ),
    pytest.param(
        "The attack on a police station in Gao on Friday killed eight people. By Sunday the death "
        "toll had risen to 15, officials said.",
        (15, 15),
        id="toll-risen-by-a-later-day",
    ),
    pytest.param(
        "A truck bomb exploded outside a police building in Bogota on Wednesday, killing at least "
        "23 people and injuring 1,000.",
        (23, None),
        id="a-big-wounded-count-leaves-the-dead-alone",
    ),
]


@pytest.mark.parametrize(("text", "expected"), KILLED)
def test_killed(text: str, expected: tuple[int, int | None] | None) -> None:
    assert bounds(first_event(text).killed) == expected


WOUNDED = [
    pytest.param(
        "A suicide bomber struck a market in Kabul on Sunday, wounding more than 30 people.",
        (31, None),
        id="more-than-30",
    ),
    pytest.param(
        "A bomb exploded outside a bank in Lima on Sunday but no one was hurt, police said.",
        (0, 0),
        id="no-one-was-hurt",
    ),
    pytest.param(
        "Gunmen attacked a bus in Bamenda on Saturday, killing two passengers and wounding three.",
        (3, 3),
        id="killing-two-wounding-three",
    ),
    pytest.param(
        "A grenade attack on a bar in Bujumbura on Sunday injured 14 people, police said.",
        (14, 14),
        id="injured-14",
    ),
    pytest.param(
        "Five people, including two children, were killed and 11 others, among them four soldiers, "
        "were wounded when a bomb exploded at a bus terminal in Isulan on Sunday.",
        (11, 11),
        id="eleven-among-them-four-soldiers",
    ),
    pytest.param("Gunmen killed three people in Kunduz on Sunday.", None, id="no-wounded-stated"),
    pytest.param(
        "Scores of people were wounded when a bomb exploded at a rally in Quetta on Sunday.",
        (40, 99),
        id="scores-of-people",
    ),
    pytest.param(
        "A handful of soldiers were wounded in an ambush near Gao on Monday.",
        (3, 5),
        id="a-handful",
    ),
    pytest.param(
        "An officer was wounded when a grenade exploded at a checkpoint in Srinagar on Sunday.",
        (1, 1),
        id="an-officer",
    ),
    pytest.param(
        "Three people were hurt when a bomb exploded at a bus stop in Bangkok on Monday.",
        (3, 3),
        id="hurt",
    ),
    pytest.param(
        "There were no casualties when a bomb exploded outside a bank in Athens on Sunday.",
        (0, 0),
        id="no-casualties",
    ),
]


@pytest.mark.parametrize(("text", "expected"), WOUNDED)
def test_wounded(text: str, expected: tuple[int, int | None] | None) -> None:
    assert bounds(first_event(text).wounded) == expected


QUALIFIERS = [
    ("A car bomb exploded in Baghdad on Sunday, killing at least 12 people.", "at_least"),
    (
        "Militants ambushed a convoy in Tillaberi on Friday, killing more than 30 soldiers.",
        "more_than",
    ),
    (
        "About 20 people were killed when gunmen attacked a village in Zamfara state on Sunday.",
        "about",
    ),
    ("Gunmen shot dead seven people at a bus stop in Bamenda on Saturday.", "exact"),
]


@pytest.mark.parametrize(("text", "qualifier"), QUALIFIERS, ids=[q for _, q in QUALIFIERS])
def test_qualifier(text: str, qualifier: str) -> None:
    killed = first_event(text).killed
    assert killed is not None and killed.qualifier == qualifier


def test_count_evidence_quotes_the_text() -> None:
    text = "A car bomb exploded in Baghdad on Sunday, killing at least 12 people."
    killed = first_event(text).killed
    assert killed is not None and killed.evidence is not None
    assert text[killed.evidence.start : killed.evidence.end] == killed.evidence.text
    assert "12" in killed.evidence.text


KIDNAPPED = [
    pytest.param(
        "Gunmen abducted four aid workers near Rutshuru on Tuesday.", (4, 4), id="abducted-four"
    ),
    pytest.param(
        "Gunmen took nine people hostage in a shop in Khasavyurt on Sunday.",
        (9, 9),
        id="took-nine-hostage",
    ),
    pytest.param(
        "Bandits kidnapped more than 20 students from a school in Kaduna state on Sunday.",
        (21, None),
        id="more-than-20-students",
    ),
    pytest.param(
        "Hundreds of people were kidnapped when gunmen raided a school in Zamfara state on Friday.",
        (200, 999),
        id="hundreds-of-people",
    ),
    pytest.param(
        "Two engineers were taken hostage by gunmen in the Niger Delta on Monday.",
        (2, 2),
        id="taken-hostage",
    ),
    pytest.param(
        "Gunmen seized twelve passengers from a bus near Maiduguri on Monday, police said.",
        (12, 12),
        id="seized-passengers",
    ),
    pytest.param(
        "Two Chinese engineers were seized by armed men in the Niger Delta on Sunday.",
        (2, 2),
        id="engineers-were-seized",
    ),
]


@pytest.mark.parametrize(("text", "expected"), KIDNAPPED)
def test_kidnapped(text: str, expected: tuple[int, int | None]) -> None:
    assert bounds(first_event(text).kidnapped) == expected


def test_seizing_people_is_an_abduction() -> None:
    event = first_event("Gunmen seized twelve passengers from a bus near Maiduguri on Monday.")
    assert event.type == "kidnapping"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Troops seized 40 rifles and a truck near the border on Monday.", id="things"),
        pytest.param(
            "Police seized two suspects in a dawn raid in the capital on Monday.", id="an-arrest"
        ),
    ],
)
def test_seizing_things_or_arresting_is_no_abduction(text: str) -> None:
    assert not any(e.kidnapped or e.type == "kidnapping" for e in run(text).events)


PERPETRATORS_KILLED = [
    pytest.param(
        "Two suicide bombers blew themselves up at a checkpoint in Aden on Sunday, killing nine "
        "soldiers.",
        (2, 2),
        id="two-suicide-bombers",
    ),
    pytest.param(
        "Gunmen stormed a shop in Khasavyurt on Sunday and killed two people; security forces "
        "later killed three of the gunmen.",
        (3, 3),
        id="three-gunmen-killed-by-forces",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PERPETRATORS_KILLED)
def test_perpetrators_killed(text: str, expected: tuple[int, int]) -> None:
    assert bounds(first_event(text).perpetrators_killed) == expected


# --- aggregates: totals over a period are never an incident's toll ------------------------------

AGGREGATE_TEXT = (
    "A roadside bomb killed two soldiers in Deir ez-Zor province on Sunday. Nearly 1,600 "
    "soldiers have been killed in such attacks since March 2019, a monitoring group said."
)


def test_aggregate_is_not_the_incident_toll() -> None:
    result = run(AGGREGATE_TEXT)
    assert [bounds(e.killed) for e in result.events] == [(2, 2)]


def test_aggregate_is_reported_as_aggregate() -> None:
    result = run(AGGREGATE_TEXT)
    found = [(a.kind, a.count.min, a.count.max, a.count.qualifier) for a in result.aggregates]
    assert found == [("killed", 1600, 1600, "about")]


def test_aggregate_keeps_its_period() -> None:
    (aggregate,) = run(AGGREGATE_TEXT).aggregates
    assert aggregate.period is not None and "March 2019" in aggregate.period
    assert aggregate.evidence.text in AGGREGATE_TEXT


@pytest.mark.parametrize(
    ("text", "kind", "low", "high"),
    [
        (
            "More than 7,000 people have been killed in the insurgency since 2004, a monitoring "
            "group said.",
            "killed",
            7001,
            None,
        ),
        (
            "At least 14 mayors were killed across Mexico last year, an association said.",
            "killed",
            14,
            None,
        ),
    ],
)
def test_aggregate_only_articles(text: str, kind: str, low: int, high: int | None) -> None:
    result = run(text)
    assert result.events == []
    assert [(a.kind, a.count.min, a.count.max) for a in result.aggregates] == [(kind, low, high)]


# --- multi-incident articles: each count goes to the incident it belongs to ----------------------

TWO_ATTACKS = (
    "Gunmen opened fire on a police post in Kirkuk on Tuesday, killing two policemen, a day "
    "after a car bomb in Mosul killed six people. Three other policemen were wounded in the "
    "shooting, police said."
)


def test_definite_reference_takes_its_count_to_its_own_incident() -> None:
    tolls = sorted((bounds(e.killed), bounds(e.wounded)) for e in run(TWO_ATTACKS).events)
    assert tolls == [((2, 2), (3, 3)), ((6, 6), None)]


RETOLD = (
    "A grenade attack on a bus terminal in Isulan killed five people on Tuesday, the army said. "
    "The town lies in a province where several armed groups operate. Officials have asked for "
    "more troops. Residents said markets stayed closed on Wednesday. Late on Tuesday, a man threw "
    "a grenade into a crowd at the terminal, killing five people and wounding 11 others."
)


def test_an_attack_retold_with_the_same_toll_is_one_incident() -> None:
    events = run(RETOLD).events
    assert [(bounds(e.killed), bounds(e.wounded)) for e in events] == [((5, 5), (11, 11))]


def test_small_clauses_of_a_campaign_toll_are_all_aggregates() -> None:
    text = (
        "The rebel offensive has left more than 3,000 people dead "
        "and hundreds wounded, the army said."
    )
    result = run(text)
    assert result.events == []
    assert sorted(a.kind for a in result.aggregates) == ["killed", "wounded"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Militants shot dead a teacher at Surankote in Poonch District on Tuesday.",
            (1, 1),
            id="shot-dead-a-teacher",
        ),
        pytest.param(
            "Three Security Force (SF) personnel were killed when Maoists triggered an IED blast "
            "at Kirandul on Sunday.",
            (3, 3),
            id="number-before-a-bracketed-name",
        ),
    ],
)
def test_killed_in_south_asian_wire_style(text: str, expected: tuple[int, int | None]) -> None:
    assert bounds(first_event(text).killed) == expected
