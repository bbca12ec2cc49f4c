"""Claims of responsibility through the public extract(): claimed, denied, unclaimed or not
mentioned; the claimant; the claim's channel and date; and what only looks like a claim. Every
text is written for these tests; the article is published on Monday 22 November 2021.
"""

from __future__ import annotations

import datetime as dt

import pytest

from extractor import Event, extract

PUBLISHED = "2021-11-22"


def only_event(text: str) -> Event:
    events = extract(text, published=PUBLISHED).events
    assert len(events) == 1, [e.type for e in events]
    return events[0]


STATUSES = [
    pytest.param(
        "A bomb exploded at a market in Mogadishu on Sunday, killing 10 people. Al-Shabaab "
        "claimed responsibility for the attack.",
        "claimed",
        id="claimed-responsibility",
    ),
    pytest.param(
        "A suicide bomber killed 30 worshippers at a mosque in Kunduz on Friday. The Islamic "
        "State claimed the bombing.",
        "claimed",
        id="claimed-the-bombing",
    ),
    pytest.param(
        "A car bomb killed six people in Kabul on Tuesday. The Taliban said they were responsible.",
        "claimed",
        id="said-they-were-responsible",
    ),
    pytest.param(
        "Gunmen kidnapped a businessman in Medellin on Friday. Leaflets left at the scene said "
        "the ELN was responsible for the kidnapping.",
        "claimed",
        id="leaflets-at-the-scene",
    ),
    pytest.param(
        "A bomb exploded outside a police station in Diyarbakir on Sunday, killing two officers. "
        "The PKK denied any involvement.",
        "denied",
        id="denied-involvement",
    ),
    pytest.param(
        "Gunmen kidnapped a businessman in Medellin on Friday. The ELN said it was not "
        "responsible for the kidnapping.",
        "denied",
        id="said-it-was-not-responsible",
    ),
    pytest.param(
        "Gunmen attacked a police post in Borno on Sunday, killing three officers. No group has "
        "claimed responsibility for the attack.",
        "unclaimed",
        id="no-group-has-claimed",
    ),
    pytest.param(
        "Gunmen killed a police officer in Quetta on Sunday. The attack has not been claimed.",
        "unclaimed",
        id="has-not-been-claimed",
    ),
    pytest.param(
        "Gunmen attacked a police post in Borno on Sunday, killing three officers.",
        "not_mentioned",
        id="not-mentioned",
    ),
    pytest.param(
        "A bomb exploded at a bus station in Lahore on Monday. The blast claimed three lives, "
        "police said.",
        "not_mentioned",
        id="claimed-lives-is-a-toll",
    ),
]


@pytest.mark.parametrize(("text", "status"), STATUSES)
def test_claim_status(text: str, status: str) -> None:
    claim = only_event(text).claim
    assert claim is not None and claim.status == status, claim


@pytest.mark.parametrize(
    ("text", "group"),
    [
        pytest.param(
            "A bomb exploded at a market in Mogadishu on Sunday, killing 10 people. Al-Shabaab "
            "claimed responsibility for the attack.",
            "al_shabaab",
            id="al-shabaab",
        ),
        pytest.param(
            "A bomb destroyed a power pylon in Usulutan on Tuesday. A caller who said he spoke "
            "for the FMLN telephoned a radio station to claim the attack.",
            "fmln",
            id="spoke-for",
        ),
    ],
)
def test_claimant_is_a_claimed_perpetrator(text: str, group: str) -> None:
    event = only_event(text)
    assert event.claim is not None and event.claim.status == "claimed"
    assert event.claim.by, event.claim
    assert [p.attribution for p in event.perpetrators if p.actor_id == group] == ["claimed"]


def test_denier_is_no_perpetrator() -> None:
    event = only_event(
        "A bomb exploded outside a police station in Diyarbakir on Sunday, killing two officers. "
        "The PKK denied any involvement."
    )
    assert event.claim is not None and event.claim.by, event.claim
    assert not any(p.actor_id == "pkk" for p in event.perpetrators), event.perpetrators


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        pytest.param(
            "A bomb exploded at a market in Mogadishu on Sunday, killing 10 people. Al-Shabaab "
            "claimed responsibility for the attack in a statement.",
            "statement",
            id="statement",
        ),
        pytest.param(
            "A suicide bomber killed 30 worshippers at a mosque in Kunduz on Friday. The Islamic "
            "State claimed the bombing through its Amaq news agency.",
            "news_agency",
            id="amaq",
        ),
        pytest.param(
            "Gunmen killed four soldiers at a checkpoint near Kidal on Sunday. JNIM claimed the "
            "attack in a message posted on Telegram.",
            "social_media",
            id="telegram",
        ),
        pytest.param(
            "A car bomb killed six people in Kabul on Tuesday. The Taliban said they were "
            "responsible, in a video released on Wednesday.",
            "video",
            id="video",
        ),
        pytest.param(
            "A bomb destroyed a power pylon in Usulutan on Tuesday. A caller who said he spoke "
            "for the FMLN telephoned a radio station to claim the attack.",
            "phone_call",
            id="phone-call",
        ),
        pytest.param(
            "Gunmen kidnapped a businessman in Medellin on Friday. Leaflets left at the scene "
            "said the ELN was responsible for the kidnapping.",
            "note",
            id="leaflets",
        ),
    ],
)
def test_claim_channel(text: str, channel: str) -> None:
    claim = only_event(text).claim
    assert claim is not None and claim.channel == channel, claim
    assert claim.evidence is not None and claim.evidence.text in text


@pytest.mark.parametrize(
    ("text", "day"),
    [
        pytest.param(
            "A bomb exploded at a market in Mogadishu on Saturday, killing 10 people. Al-Shabaab "
            "claimed responsibility for the attack in a statement on Sunday.",
            dt.date(2021, 11, 21),
            id="statement-on-sunday",
        ),
        pytest.param(
            "A car bomb killed six people in Kabul on Tuesday. The Taliban said they were "
            "responsible, in a video released on Wednesday.",
            dt.date(2021, 11, 17),
            id="video-on-wednesday",
        ),
    ],
)
def test_claim_date_is_not_the_attack_date(text: str, day: dt.date) -> None:
    event = only_event(text)
    assert event.claim is not None and event.claim.date == day, event.claim
    assert event.date.start != day


def test_accusation_is_no_claim() -> None:
    event = only_event(
        "Gunmen kidnapped a businessman in Medellin on Friday. Police said the ELN was "
        "responsible for the kidnapping."
    )
    assert event.claim is not None and event.claim.status == "not_mentioned", event.claim
    assert [p.attribution for p in event.perpetrators if p.actor_id == "eln"] == ["accused"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "A bomb damaged an oil pipeline near Cali on Thursday. A woman who said she was "
            "speaking on behalf of the ELN called a radio station to claim responsibility for "
            "the attack.",
            id="mixed-case",
        ),
        pytest.param(
            "A BOMB DAMAGED AN OIL PIPELINE NEAR CALI ON THURSDAY. A WOMAN WHO SAID SHE WAS "
            "SPEAKING ON BEHALF OF THE ELN CALLED A RADIO STATION TO CLAIM RESPONSIBILITY FOR "
            "THE ATTACK.",
            id="all-caps",
        ),
    ],
)
def test_called_to_claim_is_a_claim_by_the_group_spoken_for(text: str) -> None:
    """'called ... to claim' is a claim made (not a hypothetical one), by the group named."""
    event = only_event(text)
    assert event.claim is not None and event.claim.status == "claimed", event.claim
    assert event.claim.channel == "phone_call"
    assert [p.attribution for p in event.perpetrators if p.actor_id == "eln"] == ["claimed"]


@pytest.mark.parametrize(
    ("text", "by"),
    [
        pytest.param(
            "Gunmen attacked two hotels in Mumbai on Wednesday night, killing 101 people. A "
            "little-known group, the Deccan Mujahideen, claimed responsibility.",
            ["Deccan Mujahideen"],
            id="group-in-apposition",
        ),
        pytest.param(
            "Gunmen attacked two hotels in Mumbai on Wednesday night, killing 101 people. The "
            "Deccan Mujahideen claimed responsibility in an email.",
            ["Deccan Mujahideen"],
            id="group-as-subject",
        ),
        pytest.param(
            "Gunmen attacked two hotels in Mumbai on Wednesday night, killing 101 people. A "
            "spokesman, Ali Hassan, claimed responsibility.",
            [],
            id="a-person-speaking-is-no-group",
        ),
    ],
)
def test_a_claimant_missing_from_the_gazetteer_keeps_its_name(text: str, by: list[str]) -> None:
    claim = only_event(text).claim
    assert claim is not None and claim.status == "claimed"
    assert claim.by == by


# A rebel radio's bulletin: attacks told in the first person, and one told in the third.
BULLETIN = (
    "CLANDESTINE, 28 NOV 89 (RADIO VENCEREMOS) -- AT 0640 AN FMLN GUERRILLA UNIT LAUNCHED AN "
    "ATTACK ON ARMY TROOPS NEAR LISLIQUE. WE KILLED THREE AND WOUNDED FIVE. URBAN GUERRILLAS "
    "SABOTAGED PYLONS AND TRANSFORMERS IN SAN MIGUEL CITY."
)


def test_attacks_told_in_the_groups_own_voice_are_claimed() -> None:
    """A bulletin in the first person is the group's own word: the sabotage it tells in the
    third person is claimed by the FMLN too."""
    events = extract(BULLETIN, published="1989-11-28").events
    sabotage = [e for e in events if any(t.text == "SABOTAGED" for t in e.triggers)]
    assert len(sabotage) == 1, [[t.text for t in e.triggers] for e in events]
    claim = sabotage[0].claim
    assert claim is not None and claim.status == "claimed", claim
    assert claim.by == ["Farabundo Martí National Liberation Front"]
    assert claim.channel == "radio"  # the dateline names the rebels' radio
    fmln = [p for p in sabotage[0].perpetrators if p.actor_id == "fmln"]
    assert [p.attribution for p in fmln] == ["claimed"]


def test_a_quoted_first_person_is_not_the_articles_voice() -> None:
    """'"We killed three soldiers," a commander said' claims that ambush, not the sabotage the
    reporter tells in another paragraph."""
    text = (
        "Rebels of the FMLN sabotaged pylons in San Miguel on Monday, police said.\n\n"
        "In a separate attack, rebels ambushed an army patrol near Lislique on Sunday. "
        '"We killed three soldiers," a rebel commander told reporters.'
    )
    events = extract(text, published="1989-11-28").events
    sabotage = [e for e in events if any(t.text == "sabotaged" for t in e.triggers)]
    assert len(sabotage) == 1, [[t.text for t in e.triggers] for e in events]
    assert sabotage[0].claim is not None and sabotage[0].claim.status == "not_mentioned"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        pytest.param(
            "SAN SALVADOR, 6 JUL 89 -- THE FMLN COMMUNIQUE SAYS THAT ON 2 JULY A VEHICLE OF "
            "BODYGUARDS DID NOT OBEY THE ORDER TO STOP, WHICH PROVOKED A CLASH WITH OUR UNITS. "
            "ONE WOMAN WAS KILLED.",
            "claimed",
            id="a-clash-with-our-units",
        ),
        pytest.param(
            "Gunmen kidnapped and murdered five student leaders in Guatemala City last month. "
            '"We never thought they would order us kidnapped and murdered," one of the '
            "students said.",
            "not_mentioned",
            id="us-is-no-attacker",
        ),
    ],
)
def test_first_person_sides(text: str, status: str) -> None:
    """'Our units' fought in the clash; 'us' is who was kidnapped, not who kidnapped."""
    claim = only_event(text).claim
    assert claim is not None and claim.status == status, claim


def test_the_place_a_claim_was_made_from_is_not_another_scene() -> None:
    """The caller rang the Cali media; the attack was on a pipeline near Tumaco: one incident,
    claimed."""
    text = (
        "Rebels of the ELN blew up a section of the oil pipeline near Tumaco on Thursday. The "
        "authorities said no oil was spilled. A woman who said she was speaking for the ELN "
        "called the Cali media to claim responsibility for the attack."
    )
    claim = only_event(text).claim
    assert claim is not None and claim.status == "claimed", claim


@pytest.mark.parametrize(
    ("text", "group"),
    [
        pytest.param(
            "Guerrillas of the Tupac Amaru Revolutionary Movement kidnapped the businessman "
            "Carlos Ferreyros in Lima on 2 November. The MRTA is asking a $10 million ransom "
            "for his release.",
            "mrta",
            id="ransom",
        ),
        pytest.param(
            "The ELN kidnapped the anthropologist Bruce Olson in the Catatumbo jungle on "
            "Friday. The ELN has promised to release Olson within the next few days.",
            "eln",
            id="promised-to-release",
        ),
        pytest.param(
            "GUERRILLAS OF THE ELN KIDNAPPED THREE PETROBRAS ENGINEERS IN ARAUCA ON FRIDAY. THE "
            "GUERRILLAS SENT A COMMUNIQUE SAYING THAT THEY WILL ONLY RELEASE THE ENGINEERS WHEN "
            "COLOMBIA NATIONALIZES THE OIL SECTOR.",
            "eln",
            id="release-on-conditions-all-caps",
        ),
    ],
)
def test_kidnappers_who_set_the_terms_of_release_claim_the_kidnapping(
    text: str, group: str
) -> None:
    """A group that asks a ransom or sets the terms of a release speaks for the kidnapping."""
    event = only_event(text)
    assert event.claim is not None and event.claim.status == "claimed", event.claim
    assert [p.attribution for p in event.perpetrators if p.actor_id == group] == ["claimed"]
    assert event.claim.evidence is not None
    assert event.claim.evidence.text.lower().startswith(("asking", "promised", "will only"))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "The ELN kidnapped a British engineer in Arauca on Friday. Police believe the "
            "rebels might demand a ransom.",
            id="a-guess-at-a-ransom",
        ),
        pytest.param(
            "The ELN kidnapped a rancher in Arauca on Friday. The army has promised to free "
            "the rancher within days.",
            id="someone-else-promises",
        ),
    ],
)
def test_terms_guessed_or_set_by_others_are_no_claim(text: str) -> None:
    claim = only_event(text).claim
    assert claim is not None and claim.status == "not_mentioned", claim


def test_claimed_to_have_killed_is_a_claim() -> None:
    """'claimed to have killed 12 soldiers': the group claims the deed, whatever the toll."""
    event = only_event(
        "Al-Shabaab militants ambushed a convoy of Somali soldiers near Afgoye on Sunday. "
        "Al-Shabaab claimed to have killed 12 soldiers; the army said three soldiers died."
    )
    assert event.claim is not None and event.claim.status == "claimed", event.claim
    assert event.claim.by == ["al-Shabaab"]


def test_nobody_claimed_the_kidnapping_whose_victims_were_released_later() -> None:
    """The release two weeks later is no second incident for the claim sentence to belong to."""
    event = only_event(
        "07/21/2018: Suspected Boko Haram militants abducted 12 women from Gubio town, Borno "
        "state, Nigeria. The victims were released two weeks later after a ransom was paid. No "
        "group claimed responsibility for the incident."
    )
    assert event.claim is not None and event.claim.status == "unclaimed", event.claim
    assert event.kidnapped is not None and event.kidnapped.min == 12


KIRKUK = "A car bomb exploded outside a police station in Kirkuk on Sunday, killing seven people. "


@pytest.mark.parametrize(
    ("tail", "status", "by"),
    [
        pytest.param(
            "The Islamic State said it carried out the attack.",
            "claimed",
            ["Islamic State"],
            id="said-it-carried-out-the-attack",
        ),
        pytest.param(
            "The Islamic State said its fighters had detonated the car bomb.",
            "claimed",
            ["Islamic State"],
            id="said-its-fighters-detonated",
        ),
        pytest.param(
            "The Islamic State issued a statement saying its fighters were responsible.",
            "claimed",
            ["Islamic State"],
            id="a-statement-saying-its-fighters-were-responsible",
        ),
        pytest.param(
            "The Taliban said they did not carry out the attack.",
            "denied",
            ["Taliban"],
            id="said-they-did-not-carry-it-out",
        ),
        pytest.param(
            "Police said the Islamic State carried out the attack.",
            "not_mentioned",
            [],
            id="the-police-say-who-did-it",
        ),
    ],
)
def test_a_group_telling_of_its_own_deed(tail: str, status: str, by: list[str]) -> None:
    """What a group says it did (or did not do) is its claim (or denial); what the police say
    it did is not."""
    claim = only_event(KIRKUK + tail).claim
    assert claim is not None and claim.status == status, claim
    assert claim.by == by


def test_its_attack_is_the_doers_not_the_reporters() -> None:
    """'the police reported that the ELN carried out its sixth attack': 'its' is the ELN's; the
    police are no perpetrator and claim nothing."""
    event = only_event(
        "The national police reported that the ELN today carried out its sixth attack this "
        "year against the Pacific oil pipeline near Tumaco, blowing up a section of it."
    )
    assert event.claim is not None and event.claim.status == "not_mentioned", event.claim
    assert [p.actor_id for p in event.perpetrators if p.kind == "police"] == []
