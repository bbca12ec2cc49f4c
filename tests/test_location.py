"""The event's location (location.py) read from hand-written sentences: the scene the text
attaches to the attack, the precision code, and the fallbacks for places the gazetteer lacks.

Every sentence here is written for the test; the fictional names (Qwarbeta, Zanbrillo) stand
for the many villages no gazetteer has.
"""

from __future__ import annotations

import pytest

from extractor import Extractor
from extractor.read import make_article
from extractor.schema import Location

PUBLISHED = "2021-11-22"


def located(extractor: Extractor, text: str) -> Location:
    result = extractor.extract(make_article(text, id="t", published=None))
    assert len(result.events) == 1, [e.location for e in result.events]
    loc = result.events[0].location
    assert loc is not None
    return loc


@pytest.mark.parametrize(
    ("text", "name", "admin1", "country", "precision"),
    [
        pytest.param(
            "Gunmen ambushed a police patrol on the road between Maiduguri and Damboa on Monday, "
            "killing four officers.",
            "Maiduguri",
            "Borno",
            "NG",
            "route",
            id="road-between-two-towns",
        ),
        pytest.param(
            "Insurgents killed three soldiers on a highway between Mosul and Tal Afar on Friday.",
            "Mosul",
            "Ninawa",
            "IQ",
            "route",
            id="highway-between-two-towns",
        ),
        pytest.param(
            "A car bomb exploded near Baidoa on Monday, killing two policemen.",
            "Baidoa",
            "Bay",
            "SO",
            "near",
            id="near-a-town",
        ),
        pytest.param(
            "Militants killed six soldiers in the village of Qwarbeta in Helmand province on "
            "Tuesday.",
            "Qwarbeta",
            "Helmand",
            "AF",
            "admin1",
            id="unknown-village-in-a-known-province",
        ),
        pytest.param(
            "Gunmen killed the mayor of a small town in the western state of Michoacan on Sunday. "
            "Mayor Juan Perez of Tuzantla was shot outside his home.",
            "Tuzantla",
            "Michoacan",
            "MX",
            "exact",
            id="town-of-the-victim-refines-the-state",
        ),
        pytest.param(
            "GUERRILLAS KILLED TWO SOLDIERS IN THE VILLAGE OF QWARBETA IN USULUTAN DEPARTMENT "
            "YESTERDAY.",
            "Qwarbeta",
            "Usulutan",
            "SV",
            "admin1",
            id="caps-unknown-village-in-a-known-department",
        ),
        pytest.param(
            "A bomb exploded near the U.S. embassy in Lima on Tuesday, wounding two guards.",
            "Lima",
            "Lima",
            "PE",
            "exact",
            id="embassy-country-is-no-scene",
        ),
        pytest.param(
            "GUERRILLAS ATTACKED AN ARMY POST IN CHALATENANGO DEPARTMENT YESTERDAY, KILLING TWO "
            "SOLDIERS.",
            "Chalatenango",
            "Chalatenango",
            "SV",
            "admin1",
            id="caps-department-named-with-its-unit-word",
        ),
        pytest.param(
            "Gunmen shot dead two soldiers in Deraa province on Friday.",
            "Daraa",
            "Daraa",
            "SY",
            "admin1",
            id="transliteration-variant",
        ),
        pytest.param(
            "Rebels burned two buses in Zanbrillo, Ocotal, Somoto and Esteli on Friday.",
            "Zanbrillo",
            None,
            "NI",
            "country",
            id="unknown-town-listed-with-known-towns",
        ),
    ],
)
def test_event_location(
    extractor: Extractor,
    text: str,
    name: str,
    admin1: str | None,
    country: str,
    precision: str,
) -> None:
    loc = located(extractor, text)
    assert (loc.name, loc.admin1, loc.country_code, loc.precision) == (
        name,
        admin1,
        country,
        precision,
    ), loc
    assert loc.evidence is not None and text[loc.evidence.start : loc.evidence.end] == loc.text


def test_route_names_both_ends_in_its_text(extractor: Extractor) -> None:
    text = "Insurgents killed three soldiers on a highway between Mosul and Tal Afar on Friday."
    loc = located(extractor, text)
    assert loc.text == "between Mosul and Tal Afar"


def test_unknown_place_takes_its_container_coordinates_not_its_id(extractor: Extractor) -> None:
    text = (
        "Militants killed six soldiers in the village of Qwarbeta in Helmand province on Tuesday."
    )
    loc = located(extractor, text)
    assert loc.lat is not None and loc.lon is not None and loc.geonames_id is None
    assert loc.feature == "admin1"


def test_a_second_spelling_is_the_same_unknown_place(extractor: Extractor) -> None:
    # two spellings of one village the gazetteer lacks are no two scenes: one incident, located
    # in the district the first spelling is told in
    text = (
        "Maoist rebels killed four policemen near the village of Tondapalli in Sukma district "
        "on Monday. Residents of Tondapali, as the name is also spelt, heard gunfire for an hour."
    )
    loc = located(extractor, text)
    assert loc.name in ("Tondapalli", "Tondapali") and loc.country_code == "IN", loc
    assert loc.admin1 == "Chhattisgarh" and loc.precision == "near", loc


def test_a_province_takes_the_name_analysts_write(extractor: Extractor) -> None:
    text = (
        "Gunmen opened fire on a checkpoint in Kirkuk city, Kirkuk governorate, Iraq, on Monday, "
        "killing two soldiers."
    )
    location = located(extractor, text)
    assert (location.admin1, location.country_code) == ("Kirkuk", "IQ")


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        pytest.param(
            "A man drove a truck into a crowd celebrating Bastille Day in Nice on Thursday night, "
            "killing 84 people. The Islamic State group claimed the attack.",
            "Nice",
            "FR",
            id="a-common-word-named-as-a-scene",
        ),
        pytest.param(
            "Gunmen killed 132 civilians in an overnight raid on a village in Yagha province, "
            "Burkina Faso, the government said on Saturday.",
            None,
            "BF",
            id="a-country-the-ner-reads-as-a-person",
        ),
    ],
)
def test_scene_named_in_mixed_case(
    extractor: Extractor, text: str, name: str | None, country: str
) -> None:
    location = located(extractor, text)
    assert location.country_code == country
    if name is not None:
        assert location.name == name


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        pytest.param(
            "Two bombs exploded near the finish line of the Boston Marathon on Monday, killing "
            "three people.",
            "Boston",
            "US",
            id="an-event-named-after-its-city",
        ),
        pytest.param(
            "A suicide bomber blew himself up at the Manchester Arena on Monday night, killing "
            "22 people.",
            "Manchester",
            "GB",
            id="a-building-named-after-its-city",
        ),
    ],
)
def test_an_event_or_building_named_after_a_city_lies_in_it(
    extractor: Extractor, text: str, name: str, country: str
) -> None:
    location = located(extractor, text)
    assert (location.name, location.country_code) == (name, country)
