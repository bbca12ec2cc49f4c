"""The actor gazetteer: its data files, their validation, and matching groups, nouns, demonyms.

Every text below was written for these tests; the expected ids were read from
gazetteers/actors.jsonl.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pycountry
import pytest
from wordfreq import zipf_frequency

from extractor import actor_index, resources
from extractor.actor_index import (
    ACTORS_FILE,
    CAPS_WORDS,
    DEMONYMS_FILE,
    NOUNS_FILE,
    ActorIndex,
    build_index,
    load_actor_index,
    regular_plural,
)
from extractor.errors import ResourceError
from extractor.lexicon import english_words
from extractor.schema import ActorKind
from extractor.text import fold, words

FILES = (ACTORS_FILE, NOUNS_FILE, DEMONYMS_FILE)


@pytest.fixture(scope="module")
def index() -> ActorIndex:
    return load_actor_index()


def group_ids(index: ActorIndex, text: str, **options: object) -> list[str]:
    all_caps = bool(options.pop("all_caps", False))
    return [m.value.id for m in index.find_groups(text, all_caps=all_caps, **options)]  # type: ignore[arg-type]


# --- The files and their manifest -------------------------------------------------------------


@pytest.mark.parametrize("relative", FILES)
def test_manifest_sha256_matches_file(relative: str) -> None:
    folder, name = relative.split("/")
    entry = resources.manifest(folder)["files"][name]
    assert set(entry) >= {"version", "sha256", "source", "licence", "description", "built_by"}
    digest = hashlib.sha256(resources.path(relative).read_bytes()).hexdigest()
    assert entry["sha256"] == digest, f"{name} changed: run scripts/update_manifest.py"


def test_files_are_sorted_one_row_a_line() -> None:
    groups = [row["id"] for row in resources.iter_jsonl(ACTORS_FILE)]
    assert groups == sorted(groups)
    nouns = [fold(row["noun"]) for row in resources.iter_jsonl(NOUNS_FILE)]
    assert nouns == sorted(nouns)
    order = ["country", "adjective", "people", "abbreviation", "region", "ethnic"]
    demonyms = [
        (" ".join(row["countries"]) or "~", order.index(row["type"]), fold(row["form"]))
        for row in resources.iter_jsonl(DEMONYMS_FILE)
    ]
    assert demonyms == sorted(demonyms)


def test_sizes(index: ActorIndex) -> None:
    assert len(index.groups) >= 250
    assert len(index.nouns) >= 500
    assert len(index.demonyms) >= 1000


def test_noun_kinds_are_schema_kinds(index: ActorIndex) -> None:
    kinds = set(ActorKind.__args__)  # type: ignore[attr-defined]
    assert {entry.kind for entry in index.nouns} <= kinds
    assert {entry.kind for entry in index.groups.values()} <= kinds


def test_explicit_plurals_are_irregular() -> None:
    """A plural written in the file must be one the rule would get wrong (else leave it out)."""
    for row in resources.iter_jsonl(NOUNS_FILE):
        if row.get("plural"):
            assert regular_plural(row["noun"]) != row["plural"], row


def test_keys_are_the_words_text_reads(index: ActorIndex) -> None:
    """The fast key of a name equals the words text.words reads from it."""
    names = [n for e in index.groups.values() for n in (e.name, *e.aliases, *e.acronyms)]
    names += [n for e in index.nouns for n in (e.noun, e.plural) if n]
    names += [e.form for e in index.demonyms]
    for name in names:
        assert actor_index._key(name) == " ".join(w.key for w in words(name)), name


# Acronyms whose letters are frequent in English text without being ordinary words there: names
# and abbreviations that in capitals still mean the group (or a state force) in our sources.
REVIEWED_NOT_WORDS = {
    "isis",
    "cia",
    "aa",
    "ji",
    "ira",
    "wagner",
    "rn",
    "raf",
    "sl",
    "eta",
    "als",
    "idf",
    "hua",
    "kkk",
    "lei",
    "ccc",
    "isi",
    "gia",
}


def test_caps_words_cover_frequent_acronyms(index: ActorIndex) -> None:
    """Every one-word acronym that is also a frequent English word form is either in CAPS_WORDS
    (needs a cue in capitals) or reviewed here as meaning the group even in capitals."""
    acronyms = {fold(a) for e in index.groups.values() for a in e.acronyms}
    english = english_words()
    frequent = {a for a in acronyms if a in english and zipf_frequency(a, "en") >= 3.0}
    unreviewed = frequent - CAPS_WORDS - REVIEWED_NOT_WORDS
    assert not unreviewed, f"add to CAPS_WORDS or REVIEWED_NOT_WORDS: {sorted(unreviewed)}"
    parts = {part for acronym in acronyms for part in acronym.split()}
    assert parts >= CAPS_WORDS, "CAPS_WORDS lists words no acronym uses"


def test_every_country_has_a_name() -> None:
    rows = list(resources.iter_jsonl(DEMONYMS_FILE))
    named = {row["countries"][0] for row in rows if row["type"] == "country" and row["countries"]}
    current = {country.alpha_2 for country in pycountry.countries}
    assert current <= named, sorted(current - named)
    historical = {"SU", "YU", "CS", "DD", "XK"}  # ISO 3166-3 codes and Kosovo's user code
    used = {code for row in rows for code in row["countries"]}
    assert used <= current | historical, sorted(used - current - historical)


# --- Groups: lookups --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Daesh", "islamic_state"),
        ("ISIL", "islamic_state"),
        ("État islamique", "islamic_state"),
        ("Estado Islámico", "islamic_state"),
        ("Islamic State group", "islamic_state"),
        ("ISWAP", "iswap"),
        ("IS-K", "iskp"),
        ("Wilayat Sinai", "is_sinai"),
        ("ISCAP", "iscap"),
        ("ISGS", "is_sahel"),
        ("AQAP", "aqap"),
        ("AQIM", "aqim"),
        ("al-Shabaab", "al_shabaab"),
        ("JNIM", "jnim"),
        ("Ansar Dine", "ansar_dine"),
        ("al-Mourabitoun", "al_mourabitoun"),
        ("Jabhat al-Nusra", "nusra_front"),
        ("Hurras al-Din", "hurras_al_din"),
        ("AQIS", "aqis"),
        ("Boko Haram", "boko_haram"),
        ("JAS", "boko_haram"),
        ("Hayat Tahrir al-Sham", "hts"),
        ("Taliban", "taliban"),
        ("Pakistani Taliban", "ttp"),
        ("Haqqani network", "haqqani_network"),
        ("Lashkar-e-Taiba", "lashkar_e_taiba"),
        ("Jaish-e-Mohammed", "jaish_e_mohammed"),
        ("Hizbul Mujahideen", "hizbul_mujahideen"),
        ("LeJ", "lashkar_e_jhangvi"),
        ("Baloch Liberation Army", "bla"),
        ("Ansar Allah", "houthis"),
        ("Hezbollah", "hezbollah"),
        ("Hamas", "hamas"),
        ("Islamic Jihad", "palestinian_islamic_jihad"),
        ("al-Aqsa Martyrs Brigades", "al_aqsa_martyrs_brigades"),
        ("PFLP", "pflp"),
        ("PKK", "pkk"),
        ("TAK", "tak"),
        ("YPG", "ypg"),
        ("SDF", "sdf"),
        ("Peshmerga", "peshmerga"),
        ("FARC", "farc"),
        ("ELN", "eln"),
        ("EPL", "epl"),
        ("M-19", "m19"),
        ("AUC", "auc"),
        ("Clan del Golfo", "clan_del_golfo"),
        ("Shining Path", "sendero_luminoso"),
        ("SENDERO LUMINOSO", "sendero_luminoso"),
        ("PCP-SL", "sendero_luminoso"),
        ("MRTA", "mrta"),
        ("FMLN", "fmln"),
        ("the FMLN", "fmln"),
        ("FPL", "fpl_el_salvador"),
        ("FAL", "fal_el_salvador"),
        ("RN", "rn_el_salvador"),
        ("URNG", "urng"),
        ("EGP", "egp_guatemala"),
        ("ORPA", "orpa"),
        ("Cinchoneros", "cinchoneros"),
        ("Morazanist Patriotic Front", "morazanist_front"),
        ("FPMR", "fpmr"),
        ("MIR", "mir_chile"),
        ("Lautaro Youth Movement", "lautaro_movement"),
        ("Medellín cartel", "medellin_cartel"),
        ("THE EXTRADITABLES", "extraditables"),
        ("Contras", "contras"),
        ("Zapatistas", "ezln"),
        ("IRA", "pira"),
        ("Real IRA", "real_ira"),
        ("UVF", "uvf"),
        ("UDA", "uda"),
        ("ETA", "eta"),
        ("Red Brigades", "red_brigades"),
        ("Red Army Faction", "raf"),
        ("Revolutionary Organization 17 November", "n17"),
        ("Grey Wolves", "grey_wolves"),
        ("DHKP-C", "dhkp_c"),
        ("LTTE", "ltte"),
        ("CPI (Maoist)", "cpi_maoist"),
        ("Naxalites", "cpi_maoist"),
        ("ULFA", "ulfa"),
        ("NSCN", "nscn"),
        ("NPA", "npa"),
        ("Abu Sayyaf", "abu_sayyaf"),
        ("MILF", "milf"),
        ("BIFF", "biff"),
        ("Maute group", "maute_group"),
        ("Jemaah Islamiyah", "jemaah_islamiyah"),
        ("Allied Democratic Forces", "adf"),
        ("M23", "m23"),
        ("CODECO", "codeco"),
        ("LRA", "lra"),
        ("Ansaru", "ansaru"),
        ("Fulani militia", "fulani_militias"),
        ("Séléka", "seleka"),
        ("anti-Balaka", "anti_balaka"),
        ("Rapid Support Forces", "rsf"),
        ("Wagner Group", "wagner_group"),
        ("Africa Corps", "africa_corps"),
        ("Janjaweed", "janjaweed"),
        ("Ansar al-Sharia", "ansar_al_sharia_libya"),
        ("Caucasus Emirate", "caucasus_emirate"),
        ("Aum Shinrikyo", "aum_shinrikyo"),
        ("People's Protection Units", "ypg"),
    ],
)
def test_canonical(index: ActorIndex, name: str, expected: str) -> None:
    entry = index.canonical(name)
    assert entry is not None and entry.id == expected


@pytest.mark.parametrize("name", ["SNA", "ADF", "RAF", "ERP", "FAR", "the group", "gunmen"])
def test_canonical_unknown_or_shared(index: ActorIndex, name: str) -> None:
    assert index.canonical(name) is None


def test_affiliates_have_parents(index: ActorIndex) -> None:
    assert [g.id for g in index.lineage("iswap")] == ["iswap", "islamic_state"]
    assert [g.id for g in index.lineage("ansar_dine")] == ["ansar_dine", "jnim", "al_qaeda"]
    assert index.group("erp_el_salvador").parent == "fmln"
    with pytest.raises(KeyError, match="no group"):
        index.group("no_such_group")


# --- Groups: matching -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Daesh claimed the bombing on its Amaq channel.", ["islamic_state"]),
        ("Fighters loyal to ISIL overran the outpost.", ["islamic_state"]),
        ("#Irak l'# EI revendique une embuscade", ["islamic_state"]),
        ("The Islamic State group said its fighters did it.", ["islamic_state"]),
        ("ISWAP fighters raided the base near Lake Chad.", ["iswap"]),
        ("the Islamic State West Africa Province (ISWAP) said", ["iswap", "iswap"]),
        ("Hayat Tahrir al-Cham (HTS) controls Idleb.", ["hts", "hts"]),
        ("posts of the People's Protection Units (YPG) were hit", ["ypg", "ypg"]),
        ("Police blamed the Communist Party of India (Maoist).", ["cpi_maoist"]),
        ("blamed al Shabaab, the al Qaeda-linked insurgency", ["al_shabaab", "al_qaeda"]),
        ("A JeM cell in Pulwama and JEM rebels in Darfur", ["jaish_e_mohammed", "jem_sudan"]),
        ("The Guardian wrote that Isis and the Farc had", ["islamic_state", "farc"]),
        ("The Pakistani Taliban and the Afghan Taliban", ["ttp", "taliban"]),
        ("It is a matter of time, he said, and this is why.", []),
        ("the Lautaro Youth Movement and the MIR", ["lautaro_movement", "mir_chile"]),
        ("The SDF (a Kurdish-led alliance) said the SDF lost men.", ["sdf", "sdf"]),
        ("ISIS (also known as Daesh) struck.", ["islamic_state", "islamic_state"]),
        ("The IRA (Individual Retirement Account) rules changed; the IRA is a savings plan.", []),
    ],
)
def test_find_groups_mixed_case(index: ActorIndex, text: str, expected: list[str]) -> None:
    assert group_ids(index, text) == expected


def test_match_offsets_and_text(index: ActorIndex) -> None:
    text = "Police blamed the Communist Party of India (Maoist) for it."
    (match,) = index.find_groups(text, all_caps=False)
    assert text[match.start : match.end] == match.text == "Communist Party of India (Maoist)"


def test_headline_capitals_in_mixed_text(index: ActorIndex) -> None:
    """A word-like acronym in a run of capitals is read as a word, as in caps copy."""
    text = "WHY IS THIS HAPPENING\n\nIslamic State fighters attacked the town. IS said so."
    assert group_ids(index, text) == ["islamic_state", "islamic_state"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SENDERO LUMINOSO GUERRILLAS ATTACKED A POLICE POST.", ["sendero_luminoso"]),
        (
            "TERRORISTS OF THE FARABUNDO MARTI NATIONAL LIBERATION FRONT [FMLN] KIDNAPPED 50"
            " PEASANTS. THE FMLN DENIED IT.",
            ["fmln", "fmln", "fmln"],
        ),
        ("IT IS A SAD DAY FOR THE COUNTRY, HE SAID.", []),
        ("THE ATTACK WAS CLAIMED BY IS.", []),  # no cue that IS is the group
        (
            "JIHADISTS OF THE ISLAMIC STATE (IS) AMBUSHED TROOPS. IT IS CLEAR THE IS IS BACK,"
            " THE ATTACK WAS CLAIMED BY IS.",
            ["islamic_state", "islamic_state", "islamic_state", "islamic_state"],
        ),
        ("THE SOCIALIST INTERNATIONAL [IS] MET IN QUITO. THE IS CONDEMNED THE ATTACK.", []),
        ("THE REBEL ARMED FORCES [FAR] ATTACKED. SO FAR NO ONE WAS HURT.", ["far_guatemala"] * 2),
        ("AN ATTACK ON AN IRA [INSTITUTE OF SUPPLY REGULATION] CENTER", []),
        ("THE ARMY SEIZED A FAL RIFLE AND M-18 MINES.", []),
        ("A LEADER OF THE COLOMBIAN COMMUNIST PARTY (PCC) WAS SHOT.", []),
        ("A COMMANDO OF THE EPL [POPULAR LIBERATION ARMY] AMBUSHED", ["epl", "epl"]),
        ("THE LET CLAIMED IT.", []),  # LET is a word; Lashkar-e-Taiba is not named otherwise
    ],
)
def test_find_groups_all_caps(index: ActorIndex, text: str, expected: list[str]) -> None:
    assert group_ids(index, text, all_caps=True) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "SNA troops retook the town from al-Shabaab in central Somalia.",
            ["somali_national_army", "al_shabaab"],
        ),
        (
            "SNA fighters clashed with the SDF near Manbij in northern Syria.",
            ["syrian_national_army", "sdf"],
        ),
        ("ADF rebels killed 20 villagers in the Democratic Republic of Congo.", ["adf"]),
        ("ADF fighters set up roadblocks around Bamenda, Cameroon.", ["ambazonia_defence_forces"]),
        ("The RSF shelled El Fasher, Sudan's army said.", ["rsf"]),
        ("The SNA said nothing.", []),  # nothing in the text decides between Somalia and Syria
    ],
)
def test_shared_acronyms_resolved_by_country(
    index: ActorIndex, text: str, expected: list[str]
) -> None:
    assert group_ids(index, text) == expected


def test_country_hints_and_year(index: ActorIndex) -> None:
    assert group_ids(index, "The SNA said nothing.", countries=["SO"]) == ["somali_national_army"]
    text = "A bomb went off near the offices of the PCC."
    assert group_ids(index, text, year=1989) == []  # Brazil's PCC was founded in 1993
    assert group_ids(index, text, year=2016) == ["pcc_brazil"]


# --- Nouns and demonyms -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "noun", "kind", "plural", "country"),
    [
        ("the Syrian army lost a general", "Syrian army", "state_forces", False, "SY"),
        (
            "Iraqi security forces sealed the area",
            "Iraqi security forces",
            "state_forces",
            True,
            "IQ",
        ),
        ("additional U.S. troops arrived", "U.S. troops", "state_forces", True, "US"),
        ("Syria's army shelled the town", "Syria's army", "state_forces", False, "SY"),
        ("Salvadoran soldiers fired", "Salvadoran soldiers", "state_forces", True, "SV"),
        ("Kurdish fighters held the line", "Kurdish fighters", "armed_group", True, None),
        ("Congolese soldiers were deployed", "Congolese soldiers", "state_forces", True, None),
        ("unidentified gunmen abducted four", "unidentified gunmen", "unknown_armed", True, None),
        ("a gunman opened fire", "gunman", "unknown_armed", False, None),
        ("outside a police station", "police station", "police", False, None),
        ("two members of parliament were shot", "members of parliament", "politicians", True, None),
        ("the bomb hit a power pylon", "power pylon", "infrastructure", False, None),
        ("us troops", "troops", "state_forces", True, None),  # "us" is not the US
    ],
)
def test_find_nouns(
    index: ActorIndex, text: str, noun: str, kind: str, plural: bool, country: str | None
) -> None:
    found = [m for m in index.find_nouns(text, all_caps=False) if m.text == noun]
    assert len(found) == 1, [m.text for m in index.find_nouns(text, all_caps=False)]
    hit = found[0].value
    assert (hit.entry.kind, hit.plural, hit.country) == (kind, plural, country)


def test_noun_roles_and_context_flag(index: ActorIndex) -> None:
    hits = {
        m.text: m.value.entry
        for m in index.find_nouns("herdsmen, villagers, sicarios", all_caps=False)
    }
    assert hits["herdsmen"].context_only and hits["herdsmen"].role == "either"
    assert hits["villagers"].role == "target" and hits["villagers"].kind == "civilians"
    assert hits["sicarios"].role == "perpetrator"
    congolese = index.demonym_entry("Congolese")
    assert congolese is not None and congolese.countries == ("CD", "CG")


@pytest.mark.parametrize(
    ("noun", "plural"),
    [
        ("gunman", "gunmen"),
        ("policewoman", "policewomen"),
        ("embassy", "embassies"),
        ("convoy", "convoys"),
        ("bus", "buses"),
        ("church", "churches"),
        ("militia", "militias"),
        ("member of parliament", "members of parliament"),
        ("power pylon", "power pylons"),
        ("German", "Germans"),
    ],
)
def test_regular_plural(noun: str, plural: str) -> None:
    assert regular_plural(noun) == plural


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("Syrian", "SY"),
        ("Syrians", "SY"),
        ("Syria", "SY"),
        ("Salvadoran", "SV"),
        ("Salvadorean", "SV"),
        ("Colombian", "CO"),
        ("Pakistani", "PK"),
        ("Afghan", "AF"),
        ("Nigerien", "NE"),
        ("Nigerian", "NG"),
        ("Congolese", None),
        ("Kurdish", None),
        ("Israeli", "IL"),
        ("Palestinian", "PS"),
        ("American", "US"),
        ("U.S.", "US"),
        ("US", "US"),
        ("us", None),
        ("Russian", "RU"),
        ("Burkinabe", "BF"),
        ("Ivory Coast", "CI"),
        ("South Sudanese", "SS"),
        ("Sudanese", "SD"),
        ("Soviet", "SU"),
        ("Zairean", "CD"),
        ("Latin American", None),
        ("Northern Ireland", "GB"),
        ("DRC", "CD"),
        ("Gazan", "PS"),
    ],
)
def test_demonym(word: str, code: str | None) -> None:
    assert actor_index.demonym(word) == code


# --- Validation -------------------------------------------------------------------------------

GOOD_GROUP = {
    "id": "test_front",
    "name": "Test Liberation Front",
    "kind": "armed_group",
    "aliases": [],
    "acronyms": ["TLF"],
    "countries": ["SY"],
    "parent": None,
    "active": [2001, None],
}
DEMONYMS = [(1, {"form": "Syria", "countries": ["SY"], "type": "country"})]
NOUNS = [(1, {"noun": "gunman", "role": "perpetrator", "kind": "unknown_armed"})]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([{**GOOD_GROUP, "kind": "rebels"}], r"actors\.jsonl:1: kind"),
        ([{**GOOD_GROUP, "colour": "red"}], r"actors\.jsonl:1: colour: Extra inputs"),
        ([{**GOOD_GROUP, "id": "Test Front"}], r"actors\.jsonl:1: id"),
        ([GOOD_GROUP, GOOD_GROUP], r"actors\.jsonl:2: id 'test_front' is already used on line 1"),
        ([{**GOOD_GROUP, "parent": "nobody"}], r"actors\.jsonl:1: test_front: parent 'nobody'"),
        ([{**GOOD_GROUP, "parent": "test_front"}], r"own parent"),
        ([{**GOOD_GROUP, "countries": ["ZZ"]}], r"unknown country code ZZ"),
        ([{**GOOD_GROUP, "active": [2001, 1999]}], r"active"),
        (
            [
                GOOD_GROUP,
                {
                    **GOOD_GROUP,
                    "id": "other",
                    "name": "Other",
                    "aliases": ["test liberation FRONT"],
                },
            ],
            r"actors\.jsonl:2: other: alias 'test liberation front' is already claimed",
        ),
        (
            [GOOD_GROUP, {**GOOD_GROUP, "id": "other", "name": "Other"}],
            r"actors\.jsonl:2: other: acronym 'TLF' is also test_front's",
        ),
        ([{**GOOD_GROUP, "aliases": ["TLF"]}], r"listed twice"),
    ],
)
def test_bad_group_rows(rows: list[dict[str, object]], message: str) -> None:
    with pytest.raises(ResourceError, match=message):
        build_index(list(enumerate(rows, 1)), NOUNS, DEMONYMS)


def test_shared_acronym_in_other_countries_is_fine() -> None:
    other = {**GOOD_GROUP, "id": "other", "name": "Other", "countries": ["IQ"]}
    demonyms = [*DEMONYMS, (2, {"form": "Iraq", "countries": ["IQ"], "type": "country"})]
    index = build_index([(1, GOOD_GROUP), (2, other)], NOUNS, demonyms)
    assert index.canonical("TLF") is None
    assert [m.value.id for m in index.find_groups("TLF fighters in Iraq", all_caps=False)] == [
        "other"
    ]


@pytest.mark.parametrize(
    ("nouns", "demonyms", "message"),
    [
        (
            [*NOUNS, (2, {"noun": "Gunman", "role": "perpetrator", "kind": "unknown_armed"})],
            DEMONYMS,
            r"actor_nouns\.jsonl:2: 'Gunman' is already listed on line 1",
        ),
        (
            [
                (
                    1,
                    {
                        "noun": "troops",
                        "plural_only": True,
                        "plural": "troopses",
                        "role": "either",
                        "kind": "state_forces",
                    },
                )
            ],
            DEMONYMS,
            r"actor_nouns\.jsonl:1: .*plural-only",
        ),
        (
            [(1, {"noun": "gunman", "role": "attacker", "kind": "unknown_armed"})],
            DEMONYMS,
            r"actor_nouns\.jsonl:1: role",
        ),
        (
            NOUNS,
            [*DEMONYMS, (2, {"form": "syria", "countries": ["SY"], "type": "country"})],
            r"demonyms\.jsonl:2: 'syria' is already listed on line 1",
        ),
        (
            NOUNS,
            [(1, {"form": "Syria", "countries": ["Syria"], "type": "country"})],
            r"demonyms\.jsonl:1: countries\.0",
        ),
    ],
)
def test_bad_noun_and_demonym_rows(
    nouns: list[tuple[int, dict[str, object]]],
    demonyms: list[tuple[int, dict[str, object]]],
    message: str,
) -> None:
    with pytest.raises(ResourceError, match=message):
        build_index([(1, GOOD_GROUP)], nouns, demonyms)


def test_bad_file_names_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through EXTRACTOR_DATA: the line number counts the comment and blank lines."""
    (tmp_path / "models").mkdir()
    gazetteers = tmp_path / "gazetteers"
    gazetteers.mkdir()
    for relative in (NOUNS_FILE, DEMONYMS_FILE):
        shutil.copy(resources.path(relative), tmp_path / relative)
    good = resources.path(ACTORS_FILE).read_text(encoding="utf-8").splitlines()[:2]
    bad = json.dumps({**GOOD_GROUP, "kind": "rebels"})
    (gazetteers / "actors.jsonl").write_text("\n".join(["// two groups", "", *good, bad]) + "\n")
    monkeypatch.setenv("EXTRACTOR_DATA", str(tmp_path))
    load_actor_index.cache_clear()
    try:
        with pytest.raises(ResourceError, match=r"gazetteers/actors\.jsonl:5: kind"):
            load_actor_index()
    finally:
        load_actor_index.cache_clear()
