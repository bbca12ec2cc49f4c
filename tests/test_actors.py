"""Perpetrators and targets through the public extract(): named groups by any alias, state forces
with their country, unknown attackers, the roles a sentence gives (agent, 'by X', object, 'against
X', subject of 'killed'), coreference ('the group'), ALL CAPS wire copy, and the strength of each
attribution (claimed, accused, suspected, reported). Every text is written for these tests; the
article is published on Monday 22 November 2021.
"""

from __future__ import annotations

import pytest

from extractor import Event, extract

PUBLISHED = "2021-11-22"


def only_event(text: str) -> Event:
    events = extract(text, published=PUBLISHED).events
    assert len(events) == 1, [e.type for e in events]
    return events[0]


def perpetrator_ids(event: Event) -> set[str | None]:
    return {p.actor_id for p in event.perpetrators}


# --- named groups: any alias, acronym or transliteration is the gazetteer's group --------------

GROUPS = [
    pytest.param(
        "Daesh fighters attacked a checkpoint near Deir ez-Zor on Sunday, killing four soldiers.",
        "islamic_state",
        id="daesh",
    ),
    pytest.param(
        "ISIL militants stormed a village in Salahuddin province on Friday, killing nine people.",
        "islamic_state",
        id="isil",
    ),
    pytest.param(
        "Al-Shabaab gunmen attacked a hotel in Mogadishu on Saturday, killing 15 guests.",
        "al_shabaab",
        id="al-shabaab",
    ),
    pytest.param(
        "Boko Haram insurgents raided the town of Dikwa on Thursday and killed 12 residents.",
        "boko_haram",
        id="boko-haram",
    ),
    pytest.param(
        "Houthi rebels attacked a government checkpoint in Marib on Sunday, killing five soldiers.",
        "houthis",
        id="houthis",
    ),
    pytest.param(
        "Fighters of the Revolutionary Armed Forces of Colombia ambushed a police patrol in "
        "Cauca on Tuesday, killing three officers.",
        "farc",
        id="farc-full-name",
    ),
    pytest.param(
        "PKK militants attacked a gendarmerie post in Hakkari province on Sunday, killing two "
        "soldiers.",
        "pkk",
        id="pkk",
    ),
]


@pytest.mark.parametrize(("text", "group"), GROUPS)
def test_named_group(text: str, group: str) -> None:
    event = only_event(text)
    assert group in perpetrator_ids(event), event.perpetrators
    (match,) = [p for p in event.perpetrators if p.actor_id == group]
    assert match.kind == "armed_group"
    assert match.evidence is not None and match.evidence.text in text


# --- state forces and other attackers by pattern -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "kind", "country"),
    [
        pytest.param(
            "The Syrian army shelled the village of Kansafra on Friday, killing three civilians.",
            "Syrian army",
            "state_forces",
            "SY",
            id="syrian-army",
        ),
        pytest.param(
            "Iraqi security forces opened fire on protesters in Nasiriyah on Sunday, killing "
            "four people.",
            "Iraqi security forces",
            "state_forces",
            "IQ",
            id="iraqi-security-forces",
        ),
        pytest.param(
            "Pro-government militias attacked a hospital in Idlib on Tuesday.",
            "Pro-government militias",
            "militia",
            None,
            id="militias",
        ),
    ],
)
def test_forces_by_pattern(text: str, name: str, kind: str, country: str | None) -> None:
    event = only_event(text)
    found = [p for p in event.perpetrators if p.name.lower() == name.lower()]
    assert found, event.perpetrators
    assert found[0].kind == kind
    assert found[0].country_code == country


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Gunmen shot dead a teacher in Kano on Saturday.", id="gunmen"),
        pytest.param(
            "Unidentified assailants killed a journalist in Kabul on Saturday.",
            id="unidentified-assailants",
        ),
        pytest.param(
            "Unknown attackers set fire to a school in Bamenda on Sunday.",
            id="unknown-attackers",
        ),
    ],
)
def test_unknown_attackers_are_perpetrators_without_a_group(text: str) -> None:
    """'Gunmen' is a perpetrator with no group name: different from no perpetrator at all."""
    event = only_event(text)
    assert event.perpetrators, "an unknown attacker is still a perpetrator"
    assert all(p.actor_id is None for p in event.perpetrators)
    assert {p.kind for p in event.perpetrators} == {"unknown_armed"}


def test_no_perpetrator_when_nobody_attacks() -> None:
    event = only_event("A bomb exploded at a bus station in Quetta on Sunday, killing six people.")
    assert event.perpetrators == []


# --- roles from the sentence ---------------------------------------------------------------------

ROLES = [
    pytest.param(
        "Three policemen were killed by Shining Path guerrillas in Ayacucho on Sunday.",
        "sendero_luminoso",
        "policemen",
        id="by-agent",
    ),
    pytest.param(
        "Taliban fighters attacked a district police headquarters in Ghazni on Monday.",
        "taliban",
        "police headquarters",
        id="agent-and-object",
    ),
    pytest.param(
        "The ELN launched an attack against an oil pipeline in Arauca on Friday.",
        "eln",
        "pipeline",
        id="against-object",
    ),
    pytest.param(
        "Two aid workers were killed in an ambush by al-Shabaab fighters near Baidoa on Sunday.",
        "al_shabaab",
        "aid workers",
        id="subject-of-killed",
    ),
]


@pytest.mark.parametrize(("text", "group", "target"), ROLES)
def test_roles(text: str, group: str, target: str) -> None:
    event = only_event(text)
    assert group in perpetrator_ids(event), event.perpetrators
    assert any(target in t.name.lower() for t in event.targets), event.targets
    assert all(t.actor_id != group for t in event.targets)


# Where a bomb was put is what it was meant to hit; a town it was put in is the scene.
PLANTED = [
    pytest.param(
        "On Friday a man was arrested after he placed an explosive device in a print shop.",
        "print shop",
        id="placed-in",
    ),
    pytest.param(
        "Unknown men left a charge of dynamite under a bus carrying fishermen on Sunday.",
        "bus",
        id="left-under",
    ),
    pytest.param(
        "A bomb was planted outside the offices of a newspaper in Cali on Monday.",
        "offices",
        id="planted-outside-passive",
    ),
    pytest.param(
        "ON SUNDAY A MAN HURLED A GRENADE AT THE CONGRESS BUILDING.",
        "congress building",
        id="hurled-at-caps",
    ),
]


@pytest.mark.parametrize(("text", "target"), PLANTED)
def test_what_a_bomb_was_planted_at_is_the_target(text: str, target: str) -> None:
    event = only_event(text)
    assert any(target in t.name.lower() for t in event.targets), event.targets


def test_a_town_a_bomb_was_planted_in_is_no_target() -> None:
    event = only_event("Rebels planted a bomb in Cali on Monday.")
    assert not any("cali" in t.name.lower() for t in event.targets), event.targets


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param(
            "Gunmen opened fire on worshippers at a mosque in Kano on Friday.",
            "civilians",
            id="worshippers",
        ),
        pytest.param(
            "Gunmen shot dead a journalist in Karachi on Saturday.",
            "journalists",
            id="journalist",
        ),
        pytest.param(
            "Militants kidnapped three aid workers in Gao on Thursday.",
            "aid_workers",
            id="aid-workers",
        ),
        pytest.param(
            "A suicide bomber attacked a police station in Peshawar on Friday.",
            "police",
            id="police-station",
        ),
    ],
)
def test_target_category(text: str, kind: str) -> None:
    event = only_event(text)
    assert kind in {t.kind for t in event.targets}, event.targets


# --- ALL CAPS wire copy: the gazetteer carries the names -----------------------------------------


@pytest.mark.parametrize(
    ("text", "group"),
    [
        pytest.param(
            "GUERRILLAS OF THE FARABUNDO MARTI NATIONAL LIBERATION FRONT ATTACKED THE SAN MIGUEL "
            "ARMY BARRACKS YESTERDAY, KILLING FIVE SOLDIERS.",
            "fmln",
            id="fmln-caps",
        ),
        pytest.param(
            "SHINING PATH TERRORISTS DYNAMITED A POWER TOWER IN HUANCAYO LAST NIGHT.",
            "sendero_luminoso",
            id="shining-path-caps",
        ),
        pytest.param(
            "THE ELN BLEW UP A SECTION OF THE CANO LIMON PIPELINE YESTERDAY.",
            "eln",
            id="eln-caps",
        ),
    ],
)
def test_all_caps(text: str, group: str) -> None:
    event = only_event(text)
    assert group in perpetrator_ids(event), event.perpetrators


# --- coreference inside an article ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "group"),
    [
        pytest.param(
            "Boko Haram has stepped up its campaign in Borno state this year. On Sunday the "
            "group attacked a military base in Marte, killing seven soldiers.",
            "boko_haram",
            id="the-group",
        ),
        pytest.param(
            "The ELN has rejected the peace talks. On Monday the organization blew up a section "
            "of the Cano Limon pipeline in Arauca.",
            "eln",
            id="the-organization",
        ),
        pytest.param(
            "JNIM has expanded its operations into Burkina Faso this year. On Sunday the "
            "jihadists attacked a gendarmerie post near Djibo, killing nine gendarmes.",
            "jnim",
            id="the-jihadists",
        ),
        pytest.param(
            "Hayat Tahrir al-Sham controls most of Idlib. Its fighters attacked a government "
            "position near Saraqib on Sunday, killing four soldiers.",
            "hts",
            id="its-fighters",
        ),
    ],
)
def test_coreference(text: str, group: str) -> None:
    """The phrase points back to the group named before: read from the text ('reported'), not
    merely implied by the article's one group."""
    event = only_event(text)
    found = [p for p in event.perpetrators if p.actor_id == group]
    assert [p.attribution for p in found] == ["reported"], event.perpetrators


def test_state_soldiers_are_not_the_group_named_before() -> None:
    event = only_event(
        "The army says it has weakened the FARC. Its soldiers killed five rebels near Cali on "
        "Sunday."
    )
    assert not any(p.actor_id == "farc" for p in event.perpetrators), event.perpetrators


# --- attribution strength ------------------------------------------------------------------------

ATTRIBUTIONS = [
    pytest.param(
        "A car bomb killed eight soldiers in Kabul on Monday. The Taliban claimed "
        "responsibility for the attack.",
        "taliban",
        "claimed",
        id="claimed",
    ),
    pytest.param(
        "A car bomb killed eight soldiers in Kabul on Monday. Authorities blamed the Haqqani "
        "network.",
        "haqqani_network",
        "accused",
        id="blamed-next-sentence",
    ),
    pytest.param(
        "A bomb exploded outside a bank in Bogota on Sunday. The army accused the FARC of the "
        "bombing.",
        "farc",
        "accused",
        id="accused-of",
    ),
    pytest.param(
        "A bomb exploded outside a bank in Bogota on Sunday. The government attributed the "
        "attack to the ELN.",
        "eln",
        "accused",
        id="attributed-to",
    ),
    pytest.param(
        "Suspected Boko Haram fighters attacked the village of Kautikari on Sunday.",
        "boko_haram",
        "suspected",
        id="suspected",
    ),
    pytest.param(
        "A car bomb killed eight soldiers in Kabul on Monday. The attack was believed to be the "
        "work of the Taliban.",
        "taliban",
        "suspected",
        id="believed-to-be-the-work-of",
    ),
    pytest.param(
        "A bomb exploded outside a police station in Cucuta on Sunday. Investigators said the "
        "bombing bore the hallmarks of the ELN.",
        "eln",
        "suspected",
        id="hallmarks",
    ),
    pytest.param(
        "Al-Shabaab fighters attacked an army base in Lower Shabelle on Sunday, killing six "
        "soldiers.",
        "al_shabaab",
        "reported",
        id="reported-as-fact",
    ),
    pytest.param(
        "A car bomb exploded outside a police station in Kirkuk on Sunday, killing seven "
        "people. Police said Islamic State militants were behind the attack.",
        "islamic_state",
        "accused",
        id="police-said-x-was-behind",
    ),
    pytest.param(
        "A CAR BOMB EXPLODED OUTSIDE A POLICE STATION IN KIRKUK ON SUNDAY, KILLING SEVEN "
        "PEOPLE. ISLAMIC STATE MILITANTS WERE BELIEVED TO BE BEHIND THE ATTACK.",
        "islamic_state",
        "suspected",
        id="believed-to-be-behind-all-caps",
    ),
]


@pytest.mark.parametrize(("text", "group", "attribution"), ATTRIBUTIONS)
def test_attribution(text: str, group: str, attribution: str) -> None:
    event = only_event(text)
    found = [p for p in event.perpetrators if p.actor_id == group]
    assert found, event.perpetrators
    assert found[0].attribution == attribution


def test_accused_phrase_stops_before_what_they_are_accused_of() -> None:
    event = only_event(
        "Gunmen killed 12 villagers in Zamfara state on Sunday. Police accused bandits of the "
        "killings."
    )
    accused = [p for p in event.perpetrators if p.attribution == "accused"]
    assert [p.name for p in accused] == ["bandits"]


# --- one party per incident ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        pytest.param(
            "Soldiers killed six Jesuit priests at the university on Thursday. The Jesuits had "
            "received threats of death before the attack on them.",
            "Jesuit priests",
            "Jesuits",
            id="the-jesuits-are-the-jesuit-priests",
        ),
        pytest.param(
            "Gunmen shot dead Attorney General Roberto Garcia Alvarado in San Salvador on "
            "Wednesday. The bomb that killed the attorney general had been placed on his car.",
            "Roberto Garcia Alvarado",
            "attorney general",
            id="title-alone-is-the-named-official",
        ),
    ],
)
def test_one_target_per_party(text: str, kept: str, dropped: str) -> None:
    names = [t.name.lower() for t in only_event(text).targets]
    assert kept.lower() in names
    assert dropped.lower() not in names


def test_a_whole_people_is_no_target() -> None:
    event = only_event(
        "Rebels burned three buses in Usulutan on Sunday, a crime against the Salvadoran people."
    )
    assert "buses" in {t.name.lower() for t in event.targets}
    assert not any("people" in t.name.lower() for t in event.targets), event.targets


@pytest.mark.parametrize(
    ("text", "expected", "kind"),
    [
        pytest.param(
            "Gunmen killed two journalists, John Smith and Maria Lopez, in Tijuana on Sunday.",
            ["John Smith", "Maria Lopez"],
            "journalists",
            id="journalists-named",
        ),
        pytest.param(
            "Two of her bodyguards, Dagoberto Rodriguez and Alfonso de Lima, were killed when "
            "gunmen attacked the car in Bogota on Friday.",
            ["Dagoberto Rodriguez", "Alfonso de Lima"],
            None,
            id="two-of-her-bodyguards",
        ),
    ],
)
def test_named_in_apposition_are_each_a_target(
    text: str, expected: list[str], kind: str | None
) -> None:
    """Each person named in apposition is a party of their own, of the kind the noun says."""
    targets = {t.name: t for t in only_event(text).targets}
    assert set(expected) <= set(targets), list(targets)
    if kind is not None:
        assert {targets[name].kind for name in expected} == {kind}


def test_what_the_blast_damaged_are_targets() -> None:
    event = only_event(
        "A bomb exploded near the embassy in La Paz on Sunday. The explosion damaged a book "
        "store, a bank and two houses."
    )
    names = {t.name.lower() for t in event.targets}
    assert {"book store", "bank"} <= names, names
    assert any("houses" in n for n in names), names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "A guerrilla attack on a power station in Usulutan on Sunday left two guards dead.",
            {"guerrillas"},
            id="guerrilla-attack-by-guerrillas",
        ),
        pytest.param(
            "A terrorist attack on a power station in Usulutan on Sunday left two guards dead.",
            set(),
            id="terrorist-attack-names-no-one",
        ),
    ],
)
def test_attack_modifier(text: str, expected: set[str]) -> None:
    """'a guerrilla attack' names who made it; 'a terrorist attack' only labels the act."""
    assert {p.name for p in only_event(text).perpetrators} == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param(
            "Gunmen killed the Salvadoran opposition leader Hector Oqueli in Guatemala City "
            "on Friday.",
            "Hector Oqueli",
            id="office-before-the-name",
        ),
        pytest.param(
            "UNIDENTIFIED MEN KIDNAPPED FORMER DEFENSE MINISTER ENRIQUE LOPEZ ALBUJAR IN LIMA "
            "YESTERDAY.",
            "Enrique Lopez Albujar",
            id="all-caps-title",
        ),
        pytest.param(
            "A sniper killed the veteran Dutch reporter Piet de Vries in Kabul on Monday.",
            "Piet de Vries",
            id="name-particle",
        ),
    ],
)
def test_target_named_by_the_person_with_titles_in_the_text(text: str, name: str) -> None:
    """A victim's name is the person's name; the office and titles before it stay in the
    evidence text ('Former Defense Minister Enrique Lopez Albujar')."""
    targets = only_event(text).targets
    named = [t for t in targets if t.name.lower() == name.lower()]
    assert named, [t.name for t in targets]
    assert len(named[0].text) > len(name)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        pytest.param(
            "Gunmen killed two farmers near Tumaco on Sunday. The victims were identified as "
            "Luis Alberto Mora and Jaime Ortiz.",
            ["Luis Alberto Mora", "Jaime Ortiz"],
            id="victims-identified-as",
        ),
        pytest.param(
            "A CAR BOMB KILLED A TAXI DRIVER IN MEDELLIN YESTERDAY. THE DEAD MAN HAS BEEN "
            "IDENTIFIED AS RAMIRO ALZATE.",
            ["Ramiro Alzate"],
            id="all-caps-dead-man",
        ),
        pytest.param(
            "A bomb wounded a woman outside a bank in Quito on Monday. The injured woman was "
            "named as Rosa Maldonado.",
            ["Rosa Maldonado"],
            id="named-as",
        ),
    ],
)
def test_victims_named_in_a_later_sentence(text: str, names: list[str]) -> None:
    """'The victims were identified as ...': a sentence with no attack word of its own names the
    victims of the incident told before it."""
    targets = {t.name.lower() for t in only_event(text).targets}
    assert {n.lower() for n in names} <= targets, targets


def test_suspects_identified_later_are_no_victims() -> None:
    text = (
        "Gunmen killed a policeman in Lima on Sunday. The suspects were identified as Juan "
        "Perez and Luis Soto."
    )
    targets = {t.name.lower() for t in only_event(text).targets}
    assert not targets & {"juan perez", "luis soto"}, targets


@pytest.mark.parametrize(
    ("text", "target"),
    [
        pytest.param("A bomb exploded outside a bank in Arequipa on Sunday.", "bank", id="outside"),
        pytest.param(
            "A car bomb went off in front of the police station in Cucuta on Monday.",
            "police station",
            id="in-front-of",
        ),
        pytest.param(
            "A BOMB EXPLODED NEAR A CHURCH IN HUANCAYO YESTERDAY.", "church", id="all-caps-near"
        ),
        pytest.param(
            "An explosion outside a hotel in Kandahar killed three people on Monday.",
            "hotel",
            id="explosion-outside",
        ),
    ],
)
def test_what_stood_where_the_bomb_went_off_is_a_target(text: str, target: str) -> None:
    """'A bomb exploded outside the bank': the bank is what the bomb hit."""
    names = {t.name.lower() for t in only_event(text).targets}
    assert target in names, names


def test_the_town_where_a_bomb_went_off_is_no_target() -> None:
    event = only_event("A bomb exploded in Arequipa on Sunday, near the main square.")
    assert not any("arequipa" in t.name.lower() for t in event.targets), event.targets


@pytest.mark.parametrize(
    ("text", "attribution"),
    [
        pytest.param(
            "A grenade was thrown at the residence of a judge in Bogota on Monday. The house was "
            "damaged. The National Liberation Army (ELN) was suspected.",
            "suspected",
            id="was-suspected",
        ),
        pytest.param(
            "Assailants opened fire on a checkpoint in Kirkuk on Monday, killing two soldiers. "
            "Officials attributed the attack to the Islamic State.",
            "accused",
            id="attributed-to",
        ),
        pytest.param(
            "Assailants opened fire on a checkpoint in Kirkuk on Monday, killing two soldiers. "
            "The Islamic State has been active in the province for years.",
            "implied",
            id="only-named",
        ),
    ],
)
def test_a_later_sentence_says_how_the_group_is_blamed(text: str, attribution: str) -> None:
    perpetrators = [p for p in only_event(text).perpetrators if p.actor_id]
    assert [p.attribution for p in perpetrators] == [attribution]


def test_suicide_bombers_are_one_party_of_a_bombing() -> None:
    event = only_event(
        "Suicide bombers struck three churches and two hotels in Colombo on Sunday, killing at "
        "least 207 people, police said."
    )
    assert event.type == "bombing"
    assert [(p.name, p.kind) for p in event.perpetrators] == [("Suicide bombers", "unknown_armed")]


def test_sources_who_tell_of_an_attack_do_not_claim_it() -> None:
    event = only_event(
        "GUNMEN KILLED FIVE PEOPLE WHEN THEY OPENED FIRE ON A BUS NEAR KHAN YUNIS ON TUESDAY, "
        "MILITARY SOURCES SAID."
    )
    assert all(p.attribution != "claimed" for p in event.perpetrators)
    assert event.claim is None or event.claim.status != "claimed"


@pytest.mark.parametrize(
    ("text", "perpetrator", "target"),
    [
        pytest.param(
            "Al Shabaab detonated an IED targeting an AMISOM convoy in Afgooye on Sunday.",
            "al_shabaab",
            "African Union Mission in Somalia",
            id="targeting",
        ),
        pytest.param(
            "Three policemen were killed when Maoists triggered an IED blast at Kirandul on "
            "Sunday.",
            None,
            "policemen",
            id="triggered-a-blast",
        ),
    ],
)
def test_what_an_explosive_targeted_and_who_set_it_off(
    text: str, perpetrator: str | None, target: str
) -> None:
    event = only_event(text)
    assert target in [t.name for t in event.targets]
    if perpetrator is not None:
        assert perpetrator in perpetrator_ids(event)
    else:
        assert [p.name for p in event.perpetrators] == ["Maoists"]
