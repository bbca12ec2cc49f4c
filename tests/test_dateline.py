"""dateline.py: the place, date and agency that open a wire report, and where the story starts."""

from __future__ import annotations

import pytest

from extractor.dateline import find_dateline


@pytest.mark.parametrize(
    ("text", "place", "region", "date", "agency", "story"),
    [
        (
            "BEIRUT, Nov 22 (Reuters) - Gunmen attacked a checkpoint.",
            "BEIRUT",
            None,
            "Nov 22",
            "Reuters",
            "Gunmen",
        ),
        (
            "BAMAKO, 5 March 2022 (AFP) - Eight soldiers were killed.",
            "BAMAKO",
            None,
            "5 March 2022",
            "AFP",
            "Eight",
        ),
        (
            "SAN SALVADOR, 12 JAN 90 (DPA) -- URBAN GUERRILLAS ATTACKED A POST.",
            "SAN SALVADOR",
            None,
            "12 JAN 90",
            "DPA",
            "URBAN",
        ),
        (
            "MANAGUA (NICARAGUA), 11 DEC 89 (RADIO SANDINO) -- [TEXT] A BOMB EXPLODED.",
            "MANAGUA (NICARAGUA)",
            None,
            "11 DEC 89",
            "RADIO SANDINO",
            "A BOMB",
        ),
        (
            "BAGHDAD, Nov. 20, 2007 (AP) — A car bomb exploded.",
            "BAGHDAD",
            None,
            "Nov. 20, 2007",
            "AP",
            "A car",
        ),
        (
            "KABUL, Afghanistan, June 11, 2012 - A roadside bomb exploded.",
            "KABUL",
            "Afghanistan",
            "June 11, 2012",
            None,
            "A roadside",
        ),
        (
            "CHILPANCINGO, Mexico (AP) — Gunmen shot the mayor.",
            "CHILPANCINGO",
            "Mexico",
            None,
            "AP",
            "Gunmen",
        ),
        (
            "QUETTA, Pakistan, Monday, April 10, 2017 (AP) - Gunmen killed six workers.",
            "QUETTA",
            "Pakistan",
            "April 10, 2017",
            "AP",
            "Gunmen",
        ),
    ],
)
def test_dateline(
    text: str, place: str, region: str | None, date: str | None, agency: str | None, story: str
) -> None:
    found = find_dateline(text)
    assert found is not None
    assert (found.place, found.region, found.date_text, found.agency) == (
        place,
        region,
        date,
        agency,
    )
    assert text[found.end :].startswith(story)
    if date:
        assert found.date_start is not None
        assert text[found.date_start : found.date_start + len(date)] == date
    assert found.place_start is not None and text[found.place_start :].startswith(place)


def test_date_only_dateline() -> None:
    found = find_dateline("01/02/2021: Gunmen attacked a bus.")
    assert found is not None
    assert (found.place, found.date_text) == (None, "01/02/2021")


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed three people in Kabul on Sunday, police said.",
        "The attack, which police blamed on the Taliban, killed three people - officials said.",
        "On Sunday, a bomb exploded at a market in Baidoa.",
        "",
    ],
)
def test_no_dateline(text: str) -> None:
    assert find_dateline(text) is None
