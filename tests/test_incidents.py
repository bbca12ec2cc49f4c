"""incidents.py through the pipeline: which sentences tell one attack and which tell another.

The stories are written for these tests.
"""

from __future__ import annotations

import datetime as dt

import pytest

from extractor import Event, Extractor
from extractor.read import make_article

PUBLISHED = dt.date(2021, 11, 24)


def events(extractor: Extractor, text: str) -> list[Event]:
    article = make_article(text, id="t", published=PUBLISHED, published_source="metadata")
    return extractor.extract(article).events


# --- another named victim ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Gunmen murdered the mayor of Cali, Juan Perez, on Monday. Police said the "
            "attackers fled on motorcycles. Unidentified men kidnapped Maria Lopez, a judge, "
            "in the same city.",
            id="murder-then-kidnapping",
        ),
        pytest.param(
            "HIRED KILLERS ASSASSINATED SENATOR PEDRO GOMEZ IN BOGOTA ON MONDAY. THE POLICE "
            "HAVE NO SUSPECTS. GUERRILLAS LATER ABDUCTED RANCHER LUIS HERRERA.",
            id="all-caps",
        ),
        pytest.param(
            "Assailants shot dead the journalist Ana Torres outside her home in Lima. Her "
            "colleagues demanded an inquiry. Armed men also kidnapped the businessman Jorge "
            "Salas at a roadblock.",
            id="shot-dead-then-kidnapped",
        ),
    ],
)
def test_an_attack_on_another_named_person_is_another_incident(
    extractor: Extractor, text: str
) -> None:
    assert len(events(extractor, text)) == 2


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Gunmen murdered the mayor of Cali, Juan Perez, on Monday. His driver, Carlos Ruiz, "
            "was also killed. Police said the murder of Perez was the work of hired killers.",
            id="a-toll-of-another-person",
        ),
        pytest.param(
            "Hired killers assassinated Senator Pedro Gomez in Bogota on Monday. Witnesses said "
            "the gunmen shot Gomez five times as he left his office.",
            id="the-same-victim-by-surname",
        ),
    ],
)
def test_the_same_victim_or_a_toll_keeps_one_incident(extractor: Extractor, text: str) -> None:
    assert len(events(extractor, text)) == 1


# --- a passing mention ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "The finance minister presented the new budget to Congress in Lima on Monday. "
            "Deputies debated it for six hours. He said the rebels had attacked in the jungle, "
            "then turned to taxes and salaries.",
            id="attacked-in-passing",
        ),
        pytest.param(
            "THE PRESIDENT MET UNION LEADERS IN THE CAPITAL ON TUESDAY TO DISCUSS WAGES. NO "
            "AGREEMENT WAS REACHED. THE TALKS TOUCHED ON AN AMBUSH IN THE NORTH AND ON THE PRICE "
            "OF FUEL.",
            id="all-caps-an-ambush",
        ),
    ],
)
def test_an_attack_word_with_nothing_about_it_is_no_incident(
    extractor: Extractor, text: str
) -> None:
    assert events(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Guerrillas attacked a police post in Uchiza.", id="a-target"),
        pytest.param("A bomb exploded in a Lima suburb on Monday.", id="its-own-day"),
        pytest.param("A bomb exploded in a Lima suburb, killing three people.", id="a-toll"),
        pytest.param(
            "A bomb exploded in a Lima suburb. The Shining Path claimed responsibility.",
            id="a-claim",
        ),
        pytest.param("Rebels attacked again, the police said.", id="the-lead"),
    ],
)
def test_one_attack_word_with_a_target_day_toll_claim_or_in_the_lead_is_an_incident(
    extractor: Extractor, text: str
) -> None:
    assert len(events(extractor, text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "A bomb exploded at a bank in Vina del Mar on Friday, shattering its windows. "
            "Police said another bomb was found and defused at a Catholic school.",
            id="another-bomb",
        ),
        pytest.param(
            "A bomb exploded today in a Lima restaurant. A second bomb placed in the same "
            "restaurant was deactivated by the police.",
            id="a-second-bomb",
        ),
    ],
)
def test_another_bomb_is_another_incident(extractor: Extractor, text: str) -> None:
    """'another bomb', 'a second bomb': one more attack, even told in the next breath; this one
    was defused."""
    found = events(extractor, text)
    assert len(found) == 2, [[t.text for t in e.triggers] for e in found]
    assert found[1].status == "foiled"


def test_bombs_hurled_at_a_building_are_an_incident(extractor: Extractor) -> None:
    """A plural attack noun is usually a pattern, but bombs that were hurled at a temple on a
    given morning are one attack."""
    text = (
        "A bomb went off at the cultural institute in Santiago last night, causing damage but "
        "no victims. The bomb had been made with a kilo of gelignite.\n\n"
        "The police also said that the institute had been attacked before.\n\n"
        "At 0415 this morning incendiary bombs were hurled at a Mormon temple in the Nunoa "
        "district of Santiago. The bombs caused minor damage."
    )
    found = events(extractor, text)
    assert len(found) == 2, [[t.text for t in e.triggers] for e in found]
    assert any("Mormon temple" in (t.text or "") for t in found[1].targets), found[1].targets


def test_when_an_explosion_occurred_is_the_same_explosion(extractor: Extractor) -> None:
    """'The explosion occurred at 2130 on Thursday', right after 'a dynamite charge exploded
    today', tells when that explosion went off, even with a day that disagrees: one incident,
    dated by the lead."""
    text = (
        "A powerful dynamite charge exploded near the U.S. embassy in La Paz today, damaging "
        "the buildings on the block. The explosion occurred at 2130 on Thursday. The Zarate "
        "Willka Armed Forces of Liberation claimed responsibility for the attack."
    )
    found = events(extractor, text)
    assert len(found) == 1, [[t.text for t in e.triggers] for e in found]
    assert found[0].date.start == PUBLISHED
    assert found[0].claim is not None and found[0].claim.status == "claimed"
