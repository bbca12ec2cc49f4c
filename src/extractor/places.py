"""Places: toponyms in the text, resolved against the gazetteer in the article's context, and
the place each event happened, with a precision code.

Toponyms come from the gazetteer matcher (case-blind, so it carries ALL CAPS text) and from the
NER's GPE/LOC/FAC entities in parsed sentences. Candidates are ranked by their prior (kind and
population), the countries the article is about (dateline, named countries, unambiguous places),
and containment the text states ("in Daraa province").
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.lang.en.stop_words import STOP_WORDS

from . import actors, lexicon
from .gazetteer import ADMIN_WORDS, SETTLEMENT_WORDS, PlaceEntry, PlaceIndex, load_place_index
from .parse import ParsedArticle, tree_distance
from .schema import GeoPrecision, Location, Perpetrator, Span

if TYPE_CHECKING:
    from .incidents import Incident
from .text import fold

# Words right before a toponym that make it the scene of an event rather than, say, a home town.
SCENE_CUES = frozenset("in near at outside on inside into around across throughout off".split())
NEAR_CUES = frozenset("near outside off around".split())
_DIRECTION_WORDS = frozenset(
    "north south east west northeast northwest southeast southwest "
    "northern southern eastern western central".split()
)
_PRECISION_BY_KIND: dict[str, GeoPrecision] = {
    "city": "exact",
    "admin2": "admin2",
    "admin1": "admin1",
    "country": "country",
    "region": "region",
}
# How much one mention of a country in the article (or the dateline) raises its places, in units of
# the prior (log10 population). Calibrated so that "Izra" in a Syrian article beats a Jordanian
# town ten times larger, while an unrelated megacity named once still wins over a hamlet.
_COUNTRY_WEIGHT = 2.0
_DATELINE_WEIGHT = 3.0
_MAX_COUNTRY_BONUS = 3.0
# A place inside a province the article names as a scene ("in Chhattisgarh", "Daraa province"):
# as strong as the dateline's country, so that "Bijapur district" in a story from Chhattisgarh
# is the town of 16k there, not the Karnataka district of 500k (log10 ratio 1.5).
_UNIT_WEIGHT = 3.0


@dataclass(eq=False)
class PlaceMention:
    """A toponym in the article with its candidate entries; `entry` is the chosen one."""

    start: int
    end: int
    text: str
    candidates: tuple[PlaceEntry, ...]
    cue: str = ""
    direction: bool = False
    unit_word: str = ""
    landmark: bool = False
    in_dateline: bool = False
    foreign: bool = False
    entry: PlaceEntry | None = None
    container: PlaceMention | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def evidence(self) -> Span:
        return Span(start=self.start, end=self.end, text=self.text)


@functools.cache
def index() -> PlaceIndex:
    """The gazetteer, loaded once per process."""
    return load_place_index()


def name_spans(parsed: ParsedArticle) -> list[tuple[int, int, str]]:
    """Spans of place names, for truecasing ALL CAPS text before the NER reads it."""
    return [
        (m.start, m.end, "title")
        for m in index().find_in(parsed.text, all_caps=parsed.all_caps)
        if m.value and not _all_common(m.text)
    ]  # "TO BE" is not the town of Be


def find_places(parsed: ParsedArticle) -> list[PlaceMention]:
    """Every toponym of the article, resolved in context, in text order."""
    text = parsed.text
    blocked = _blocked_spans(parsed)
    person_words = _person_words(parsed)
    found: list[PlaceMention] = []
    for match in index().find_in(text, all_caps=parsed.all_caps):
        if not _plausible(
            match.text, match.key, match.value, parsed, blocked, match.start, match.end
        ):
            continue
        cue, direction = _cue_before(text, match.start)
        if match.key in person_words and cue not in SCENE_CUES:
            continue  # "Guerrero" named as a person elsewhere in the article
        found.append(
            PlaceMention(
                match.start,
                match.end,
                match.text,
                match.value,
                cue,
                direction,
                _unit_word(text, match.start, match.end),
            )
        )
    covered = [(p.start, p.end) for p in found]
    for sent in parsed.parsed:
        assert sent.doc is not None
        for ent in sent.doc.ents:
            if ent.label_ not in ("GPE", "LOC", "FAC"):
                continue
            start, end = sent.start + ent.start_char, sent.start + ent.end_char
            if any(a < end and start < b for a, b in covered) or _overlaps(blocked, start, end):
                continue
            raw = _strip_article(text[start:end])
            start = end - len(raw)
            cue, direction = _cue_before(text, start)
            if cue not in SCENE_CUES or _all_common(raw):
                continue  # an entity the NER guessed, with no sign that it is a scene
            key = fold(raw)
            candidates = tuple(e for e in index().lookup(raw) if fold(e.name) == key)
            unit = _unit_word(text, start, end)
            found.append(PlaceMention(start, end, raw, candidates, cue, direction, unit))
    dateline = parsed.dateline
    if dateline and dateline.place and dateline.place_start is not None:
        place_end = dateline.place_start + len(dateline.place)
        region_end = (
            text.find(dateline.region, place_end) + len(dateline.region)
            if dateline.region
            else place_end
        )
        found = [
            p
            for p in found
            if p.start >= dateline.end
            or dateline.place_start <= p.start < max(place_end, region_end)
        ]
        for place in found:
            if place.start < dateline.end:
                place.in_dateline = True
    elif dateline:
        found = [p for p in found if p.start >= dateline.end]
    found.sort(key=lambda p: p.start)
    _mark_landmarks(found, text)
    _resolve(found, parsed)
    return found


# Names that the gazetteer knows as alternates of real places but that text uses generically.
_GENERIC = frozenset(
    {
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "north east",
        "the city",
        "city",
        "capital",
        "the capital",
        "capital city",
        "downtown",
        "the center",
        "the centre",
        "center",
        "centre",
        "no city",
        "the town",
        "the village",
        "the north",
        "the south",
        "the east",
        "the west",
        "north",
        "south",
        "east",
        "west",
        "the border",
        "border",
        "the coast",
        "coast",
        "the interior",
        "interior",
        "the front",
        "front",
        "the hills",
        "the mountains",
    }
)
_DATE_LIKE = re.compile(
    r"^\d+ (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|^(?:jan|feb|mar|"
    r"apr|may|jun|jul|aug|sep|oct|nov|dec)\w* \d+$"
)
_TITLES = frozenset(
    "mr mrs ms dr president colonel col general gen lieutenant lt captain capt "
    "major maj sergeant sgt commander minister judge mayor governor father "
    "bishop archbishop monsignor senator deputy congressman ambassador don dona "
    "doctor professor engineer attorney comrade brother sister msgr fr rev "
    "journalist priest minister spokesman chief officer agent".split()
)


def _blocked_spans(parsed: ParsedArticle) -> list[tuple[int, int]]:
    """Where a toponym cannot be: inside a person's name or an armed group's name
    ("Farabundo Marti", "Colonel Isaacs")."""
    spans = [
        (m.start, m.end)
        for m in actors.index().find_groups(
            parsed.text, all_caps=parsed.all_caps, tokens=parsed.words
        )
    ]
    for sent in parsed.parsed:
        assert sent.doc is not None
        for ent in sent.doc.ents:
            if (ent.label_ in ("PERSON", "ORG", "NORP") and len(ent) > 1) or ent.label_ == "PERSON":
                spans.append((sent.start + ent.start_char, sent.start + ent.end_char))
    return spans


def _person_words(parsed: ParsedArticle) -> set[str]:
    """Folded surnames and full names of the people the NER found anywhere in the article."""
    found: set[str] = set()
    for sent in parsed.parsed:
        assert sent.doc is not None
        for ent in sent.doc.ents:
            if ent.label_ == "PERSON":
                key = fold(ent.text)
                found.add(key)
                parts = key.split()
                if len(parts) > 1:
                    found.add(parts[-1])
                    found.add(" ".join(parts[-2:]))
    return found


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)


def _all_common(name: str) -> bool:
    """Whether a name is made of common English words ("Front", "The City", "Give"): flagged
    as a common word by the gazetteer build, or, for names it does not know, every word in our
    English word list (which also holds some proper nouns, so it alone is not enough)."""
    key = fold(name)
    keys = key.split()
    if not keys:
        return False
    if index().lookup(name):
        return index().common.get(key) == "cue"  # "case" names ("San Salvador") are names
    common = lexicon.english_words()
    return all(k in common or k in STOP_WORDS for k in keys)


def _plausible(
    raw: str,
    key: str,
    candidates: tuple[PlaceEntry, ...],
    parsed: ParsedArticle,
    blocked: list[tuple[int, int]],
    start: int,
    end: int,
) -> bool:
    """Whether a gazetteer hit reads as a place here."""
    if not candidates or key in _GENERIC or _DATE_LIKE.match(key):
        return False
    top = candidates[0]
    big_unit = top.kind in ("country", "admin1") and fold(top.name) == key
    if _all_common(raw) and not big_unit:
        return False  # "KILL", "THEM", "JUSTICE": words, not places, in capitals
    if _overlaps(blocked, start, end) and not (big_unit and top.kind == "country"):
        return False
    before = parsed.text[max(0, start - 25) : start].lower().replace(".", " ").split()
    return not (before and before[-1] in _TITLES)


def _strip_article(text: str) -> str:
    words = text.split()
    return " ".join(words[1:]) if len(words) > 1 and words[0].lower() == "the" else text


_SKIPPED_BEFORE_PLACE = frozenset(
    "the a of city town village province district area desert region zone hamlet locality state "
    "department governorate county municipality canton parish commune neighborhood neighbourhood "
    "suburb suburbs outskirts capital port island valley border nearby small remote rural "
    "restive troubled".split()
)


def _cue_before(text: str, start: int) -> tuple[str, bool]:
    """The preposition before a toponym, skipping articles, unit words, direction words and a
    possessive ("in Mexico's southern state of Guerrero" -> in; "30 km north of Kabul" ->
    near)."""
    words = text[max(0, start - 80) : start].lower().replace(",", " ").split()
    direction = False
    previous = ""
    for _ in range(8):
        if not words:
            break
        word = words[-1].strip('()[]"')
        if (
            word in ("km", "kms", "kilometres", "kilometers", "miles", "mi")
            or word.isdigit()
            or word in ("outskirts", "edge", "vicinity")
        ):
            direction = True
        elif word.rstrip("-") in _DIRECTION_WORDS:
            # "north of Kabul" is near Kabul; "the northern city of Kunduz" is in it
            direction = direction or previous == "of"
        elif not (word in _SKIPPED_BEFORE_PLACE or word.endswith(("'s", "\u2019s"))):
            return word, direction
        previous = word
        words.pop()
    return (words[-1] if words else ""), direction


# "Ghazni, southwest of Kabul", "Baidoa, 250 km northwest of Mogadishu": the second place is a
# landmark that locates the first, not a scene of its own.
_LANDMARK_GAP = re.compile(
    r"^\s*,?\s*(?:(?:about|some|around|nearly|roughly)\s+)?(?:[\d.,]+\s*(?:-\s*)?"
    r"(?:km|kms|kilomet(?:er|re)s?|miles?|mi)\.?\s+)?(?:\(\s*[\d.,]+\s*\w+\s*\)\s+)?"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|"
    r"south-east|south-west)(?:ern)?\s+of\s+(?:the\s+)?(?:(?:city|town|capital|village|"
    r"province|provincial capital)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)


def _mark_landmarks(places: list[PlaceMention], text: str) -> None:
    for first, second in itertools.pairwise(places):
        if _LANDMARK_GAP.match(text[first.end : second.start]):
            second.landmark = True


def _resolve(places: list[PlaceMention], parsed: ParsedArticle) -> None:
    """Choose each toponym's entry, preferring the countries the article is about, then the
    provinces it names ("Bijapur district" in a story from Chhattisgarh is Chhattisgarh's). A
    small place found only abroad is left unresolved (its name kept): in a Salvadoran story,
    "Cerezo" is a person before it is a village in Spain."""
    countries = article_countries(places, parsed)
    # countries the article is really about: the dateline's or named outright, not a passing
    # demonym ("the U.S. embassy") that would make every American town a candidate
    strong = {code for code, weight in countries.items() if weight >= _COUNTRY_WEIGHT}
    for place in places:
        _choose_entry(place, parsed, countries, strong, set())
    units = article_units(places, parsed)
    if units:
        for place in places:
            _choose_entry(place, parsed, countries, strong, units)
    # containment the text states: "X, in Y province" / "the X district of Y"
    for first, second in itertools.pairwise(places):
        gap = parsed.text[first.end : second.start]
        if len(gap) <= 12 and second.candidates and ("," in gap or " of " in gap or " in " in gap):
            if not first.candidates and second.entry is not None and not second.landmark:
                first.container = second  # "Awapalli in Bijapur district": not in the gazetteer
                continue
            container = _container(first, second) if first.candidates else None
            if container is not None:
                first.container = second
                second.entry = container


def _choose_entry(
    place: PlaceMention,
    parsed: ParsedArticle,
    countries: dict[str, float],
    strong: set[str],
    units: set[tuple[str, str]],
) -> None:
    place.entry, place.foreign = None, False
    if not place.candidates:
        return
    home = [c for c in place.candidates if c.country_code in strong]
    pool = home or list(place.candidates)
    place.entry = max(pool, key=lambda entry: _score(entry, countries, place, units))
    if (
        not home
        and strong
        and not (
            _notable(place.entry)
            and (place.cue in SCENE_CUES or place.entry.kind == "country" or not parsed.all_caps)
        )
    ):
        # in capitals, a foreign unit named with no "in" before it is as likely a surname
        place.notes.append(f"only abroad ({place.entry.country_code}); left unresolved")
        place.entry = None
        place.foreign = True


def article_units(places: list[PlaceMention], parsed: ParsedArticle) -> set[tuple[str, str]]:
    """The provinces (country, admin1 code) the article names as such: resolved admin1 units
    told as scenes or with a unit word, and the dateline's province."""
    units: set[tuple[str, str]] = set()
    for place in places:
        entry = place.entry
        if entry is None or not entry.country_code or not entry.admin1_code:
            continue
        named = entry.kind == "admin1" and (
            place.cue in SCENE_CUES or place.unit_word == "unit" or not parsed.all_caps
        )
        if named or (place.in_dateline and entry.kind == "city"):
            units.add((entry.country_code, entry.admin1_code))
    return units


def _notable(entry: PlaceEntry) -> bool:
    """Big enough to be named in a story from another country."""
    return entry.kind in ("country", "admin1", "region") or (entry.population or 0) >= 500_000


def article_countries(places: list[PlaceMention], parsed: ParsedArticle) -> dict[str, float]:
    """The countries an article is about, weighted: the dateline's, named countries, demonyms
    ("Salvadoran"), and admin units that exist in one country only."""
    weights: defaultdict[str, float] = defaultdict(float)
    for place in places:
        if not place.candidates:
            continue
        top = max(place.candidates, key=lambda e: (e.kind == "country", e.population or 0))
        if place.in_dateline:
            weights[top.country_code or ""] += _DATELINE_WEIGHT
        elif top.kind == "country":
            weights[top.country_code or ""] += _COUNTRY_WEIGHT
        elif (
            top.kind == "admin1"
            and (place.cue in SCENE_CUES or not parsed.all_caps)
            and len({c.country_code for c in place.candidates if c.kind == "admin1"}) == 1
        ):
            weights[top.country_code or ""] += 1  # not a bare surname in capitals
    for match in actors.index().find_demonyms(
        parsed.text, all_caps=parsed.all_caps, tokens=parsed.words
    ):
        if match.value.country:
            weights[match.value.country] += 0.5
    weights.pop("", None)
    return dict(weights)


def _container(inner: PlaceMention, outer: PlaceMention) -> PlaceEntry | None:
    """The candidate of `outer` that contains `inner`'s entry, re-choosing inner if needed."""
    for candidate in outer.candidates:
        if candidate.kind not in ("admin1", "admin2", "country", "region"):
            continue
        for entry in inner.candidates:
            if PlaceIndex.within(entry, candidate):
                inner.entry = entry
                return candidate
    return None


def _unit_word(text: str, start: int, end: int) -> str:
    """What a unit or settlement word next to a toponym makes of it: "unit" ("Daraa province",
    "the province of Daraa"), "settlement" ("Daraa city", "the town of Izra") or ""."""
    inside = fold(text[start:end]).split()
    after = fold(text[end : end + 16]).split()[:1]
    before = fold(text[max(0, start - 20) : start]).split()[-2:]
    for word in (
        (inside[-1:] if len(inside) > 1 else [])
        + after
        + (before[:1] if before[-1:] == ["of"] else [])
    ):
        if word in ADMIN_WORDS:
            return "unit"
        if word in SETTLEMENT_WORDS:
            return "settlement"
    return ""


def _score(
    entry: PlaceEntry,
    weights: dict[str, float],
    place: PlaceMention,
    units: AbstractSet[tuple[str, str]] = frozenset(),
) -> float:
    """A candidate's score: its prior (population and kind), the article's countries and
    provinces, and a unit word. A unit named after its seat ("Bogota", "San Salvador",
    "Kandahar") scores with its city: a bare name is the city, the more precise reading, as
    GeoNames ranks it, while "Kandahar province" is the unit."""
    if any(
        c.kind == "admin1" and (c.country_code, c.admin1_code) in units for c in place.candidates
    ):
        units = frozenset()  # the mention names the province itself, not a place inside it
    namesakes = [
        other
        for other in place.candidates
        if other.kind != entry.kind
        and (PlaceIndex.within(entry, other) or PlaceIndex.within(other, entry))
        and {entry.kind, other.kind} <= {"city", "admin1", "admin2"}
    ]
    own = _own_score(entry, weights, place, units)
    if not namesakes:
        return own
    best = max(_own_score(other, weights, place, units) for other in namesakes)
    wanted = (
        entry.kind in ("admin1", "admin2") if place.unit_word == "unit" else entry.kind == "city"
    )
    return max(own, best + 0.01) if wanted else own


def _own_score(
    entry: PlaceEntry,
    weights: dict[str, float],
    place: PlaceMention,
    units: AbstractSet[tuple[str, str]],
) -> float:
    prior = math.log10((entry.population or 0) + 10)
    kind_bonus = {"country": 3.0, "admin1": 1.5, "region": 1.0, "admin2": 0.5}.get(entry.kind, 0.0)
    if place.unit_word == "unit" and entry.kind in ("admin1", "admin2", "region"):
        kind_bonus += 0.5
    inside = (
        entry.kind != "admin1"
        and entry.country_code is not None
        and (entry.country_code, entry.admin1_code or "") in units
    )
    # the article's countries weigh in, but a country named ten times is not ten times likelier:
    # the cap keeps a dateline abroad from turning "San Salvador" into a Mexican district
    return (
        prior
        + kind_bonus
        + min(weights.get(entry.country_code or "", 0.0), _MAX_COUNTRY_BONUS)
        + (_UNIT_WEIGHT if inside else 0.0)
    )


def choose_scene(
    scored: list[tuple[PlaceMention, int]], supported: frozenset[str] | set[str] = frozenset()
) -> PlaceMention | None:
    """The toponym that reads as the incident's scene, from (toponym, dependency distance to
    the attack words) pairs: attached to the attack ("killed in X", "an ambush near X") before
    merely in the sentence; after a scene preposition; then the most specific.

    `supported` are the countries other evidence gives the incident; a foreign capital outside
    them is usually its government ("Washington condemned"), not a scene.
    """
    # a bare country name is the scene only when attached to the attack ("killed in Peru")
    scored = [
        (p, d)
        for p, d in scored
        if not p.foreign
        and not (
            p.entry is not None and p.entry.kind == "country" and (d > 2 or p.cue not in SCENE_CUES)
        )
        and not (
            supported
            and p.entry is not None
            and p.entry.feature == "PPLC"
            and p.entry.country_code not in supported
            and d > 1
        )
    ]
    if any(not p.landmark for p, _ in scored):
        scored = [(p, d) for p, d in scored if not p.landmark]
    if not scored:
        return None

    def rank(item: tuple[PlaceMention, int]) -> tuple[int, int, int, int, int]:
        place, distance = item
        scene = place.cue in SCENE_CUES or place.direction
        # "in the town of Khasavyurt in the southern region of Dagestan": both hang near the
        # attack; the more specific one is the scene, the other its container
        close = distance <= 6
        return (
            int(scene and close),
            int(scene),
            int(place.entry is not None),
            specificity(place),
            -distance,
        )

    best, distance = max(scored, key=rank)
    if distance > 8 and best.cue not in SCENE_CUES:
        return None
    return best


def article_country(places: list[PlaceMention]) -> PlaceEntry | None:
    """The country the article is most about: the dateline's, else the most mentioned one."""
    votes: Counter[str] = Counter()
    for place in places:
        if place.entry and place.entry.country_code:
            votes[place.entry.country_code] += 3 if place.in_dateline else 1
    if not votes:
        return None
    code = votes.most_common(1)[0][0]
    return index().country(code)


def location(place: PlaceMention, *, source: str = "text") -> Location:
    """The Location record of a resolved toponym."""
    entry = place.entry
    if entry is None:
        return Location(
            name=place.text.title() if place.text.isupper() else place.text,
            text=place.text,
            evidence=place.evidence,
            precision="unknown",
            source=source,
        )
    precision = _PRECISION_BY_KIND.get(entry.kind, "unknown")
    if precision == "exact" and (place.cue in NEAR_CUES or place.direction):
        precision = "near"
    return Location(
        name=entry.name,
        admin2=entry.admin2,
        admin1=entry.admin1 if entry.kind != "country" else None,
        country=entry.country,
        country_code=entry.country_code,
        lat=entry.lat,
        lon=entry.lon,
        geonames_id=entry.geonames_id,
        feature=entry.kind,
        precision=precision,
        text=place.text,
        evidence=place.evidence,
        source=source,
    )


def country_location(entry: PlaceEntry, *, source: str, evidence: Span | None = None) -> Location:
    """A country-level location (the article's country when the event names no place)."""
    return Location(
        name=entry.name,
        country=entry.country or entry.name,
        country_code=entry.country_code,
        lat=entry.lat,
        lon=entry.lon,
        geonames_id=entry.geonames_id,
        feature=entry.kind,
        precision="country",
        text=None,
        evidence=evidence,
        source=source,
    )


_AFTERMATH_NOUNS = frozenset(
    "hospital hospitals clinic morgue mortuary health centre center infirmary".split()
)


def aftermath(parsed: ParsedArticle, place: PlaceMention) -> bool:
    """Where the victims were taken, not where they were hit: 'died on the way to a hospital in
    the nearby city of Arcelia'."""
    sent = parsed.sentence_at(place.start)
    if sent is None or sent.doc is None:
        return False
    span = sent.doc.char_span(
        place.start - sent.start, place.end - sent.start, alignment_mode="expand"
    )
    if span is None:
        return False
    return any(t.lemma_.lower() in _AFTERMATH_NOUNS for t in list(span.root.ancestors)[:4])


_SPECIFICITY = {"city": 4, "admin2": 3, "region": 2, "admin1": 2, "country": 1}


def specificity(place: PlaceMention) -> int:
    """How precise a toponym is: populated place > admin2 > admin1/region > country."""
    if place.entry is None:
        return 3 if place.cue in SCENE_CUES else 0
    return _SPECIFICITY.get(place.entry.kind, 0)


def conflict(a: PlaceMention, b: PlaceMention) -> bool:
    """Two toponyms that cannot be the scene of one event: different places, neither inside
    the other, both at least admin1 level and in the same or different countries."""
    if a.landmark or b.landmark:
        return False  # "southwest of Kabul" places the scene; it is not another scene
    if a.entry is None or b.entry is None:
        if a.entry is None and b.entry is None and a.cue in SCENE_CUES and b.cue in SCENE_CUES:
            key_a, key_b = fold(a.text), fold(b.text)
            return key_a not in key_b and key_b not in key_a
        return False
    if a.entry.id == b.entry.id:
        return False
    if PlaceIndex.within(a.entry, b.entry) or PlaceIndex.within(b.entry, a.entry):
        return False
    if a.entry.kind == "country" or b.entry.kind == "country":
        return a.entry.country_code != b.entry.country_code
    if a.entry.kind == "region" or b.entry.kind == "region":
        # curated regions record no containment: only another country contradicts them
        return a.entry.country_code != b.entry.country_code
    return True  # two units, or a place outside a unit: "in Helmand" is not "in Ghazni"


# ---------------------------------------------------------------------------------------------
# The event's location
# ---------------------------------------------------------------------------------------------


_HERE_RE = re.compile(
    r"\b(?:in|near|outside|on the outskirts of)\s+(?:this|the)\s+(?:capital|city)\b|"
    r"\b(?:here|locally)\b",
    re.IGNORECASE,
)


def _location_from(
    incident: Incident,
    parsed: ParsedArticle,
    countries: list[str],
    dateline: list[PlaceMention],
    all_places: list[PlaceMention],
) -> Location | None:
    """The scene the text attaches to the incident; the dateline when the text says "here" or
    names no place; else the country the incident's actors or the article point to."""
    scored = []
    for fragment in incident.fragments:
        for place in fragment.places:
            if place.in_dateline:
                continue
            distance = _distance_to_triggers(parsed, place, incident)
            # a place told with the attack beats one told with its aftermath ("died in hospital")
            scored.append((place, distance if fragment.attack_words else distance + 3))
    scene = choose_scene(scored, set(countries[:2]))
    if scene is None:
        scene = _scene_in_context(parsed, incident, all_places)
    if scene is not None:
        result = location(scene)
        if result.country_code is None and countries:
            entry = index().country(countries[0])
            if entry is not None:
                result = result.model_copy(
                    update={
                        "country": entry.country or entry.name,
                        "country_code": entry.country_code,
                    }
                )
        return result
    says_here = any(_HERE_RE.search(parsed.sentences[f.sentence].text) for f in incident.fragments)
    if dateline and (
        says_here
        or not countries
        or (dateline[0].entry is not None and dateline[0].entry.country_code == countries[0])
    ):
        return location(dateline[0], source="dateline")
    if countries:
        entry = index().country(countries[0])
        if entry is not None:
            return country_location(entry, source="article")
    return None


def _scene_in_context(
    parsed: ParsedArticle, incident: Incident, places: list[PlaceMention]
) -> PlaceMention | None:
    """A scene the story set before telling the incident: "The weekend was deadly in Deir Ezzor
    province. A general and four soldiers were killed ..." The nearest resolved place after
    "in" in the two sentences before the incident, or in the story's first sentence."""
    first = incident.first_sentence
    body = parsed.dateline.end if parsed.dateline else 0
    window = {first - 1, first - 2, next((s.index for s in parsed.sentences if s.start >= body), 0)}
    candidates = [
        p
        for p in places
        if not p.in_dateline
        and not p.foreign
        and p.entry is not None
        and p.cue in SCENE_CUES
        and p.entry.kind != "country"
        and (s := parsed.sentence_at(p.start)) is not None
        and s.index in window
        and s.index < first
    ]
    return max(candidates, key=lambda p: p.start) if candidates else None


def _sentence_countries(parsed: ParsedArticle, incident: Incident) -> dict[str, float]:
    """Countries named in the incident's own sentences: resolved places, "Salvadoran"."""
    votes: defaultdict[str, float] = defaultdict(float)
    for place in incident.places:
        if place.entry is not None and place.entry.country_code and not place.in_dateline:
            votes[place.entry.country_code] += 2
    for fragment in incident.fragments:
        sent = parsed.sentences[fragment.sentence]
        for match in actors.index().find_demonyms(sent.text, all_caps=parsed.all_caps):
            if match.value.country:
                votes[match.value.country] += 1
    return votes


def _distance_to_triggers(parsed: ParsedArticle, place: PlaceMention, incident: Incident) -> int:
    """Dependency-path length from a toponym to the nearest attack word of its sentence."""
    sent = parsed.sentence_at(place.start)
    if sent is None or sent.doc is None:
        return 99
    span = sent.doc.char_span(
        place.start - sent.start, place.end - sent.start, alignment_mode="expand"
    )
    if span is None:
        return 99
    heads = [m.head for m in incident.mentions if m.sent.index == sent.index]
    return min((tree_distance(span.root, head) for head in heads), default=99)


def incident_countries(
    perpetrators: list[Perpetrator],
    dateline: list[PlaceMention],
    article: dict[str, float],
    own: dict[str, float] | None = None,
) -> list[str]:
    """Countries an incident points to, strongest first: its attackers' (a group active in one
    country, "Salvadoran soldiers"), the places and demonyms of its own sentences, the
    dateline's, the article's. A dateline abroad ("MANAGUA, 2 NOV") is where the reporter is."""
    votes: defaultdict[str, float] = defaultdict(float, own or {})
    # a target's nationality ("Spanish Jesuits") says nothing of where it was hit; an
    # attacker's ("Salvadoran army", a group active in one country) does
    for actor in perpetrators:
        if actor.country_code:
            votes[actor.country_code] += 2
    for perpetrator in perpetrators:
        if perpetrator.actor_id and not perpetrator.country_code:
            group = actors.index().groups.get(perpetrator.actor_id)
            if group is not None and group.countries:
                votes[group.countries[0]] += 2.5  # where the group chiefly operates
                for code in group.countries[1:]:
                    votes[code] += 0.5
    dateline_code = dateline[0].entry.country_code if dateline and dateline[0].entry else None
    if dateline_code:
        votes[dateline_code] += 2  # where the reporter files from
    for code, weight in article.items():
        # what the whole story is about; the dateline's own share is already counted
        share = weight - (_DATELINE_WEIGHT if code == dateline_code else 0)
        votes[code] += max(share, 0) / 2
    return [code for code, _ in sorted(votes.items(), key=lambda item: -item[1])]


def event_location(
    parsed: ParsedArticle,
    incident: Incident,
    perpetrators: list[Perpetrator],
    places: list[PlaceMention],
    article: dict[str, float],
) -> Location | None:
    """Where an incident happened: the scene its sentences give, else one the story set just
    before it, else the dateline or the country its attackers and sentences point to."""
    dateline = [p for p in places if p.in_dateline and p.entry is not None]
    countries = incident_countries(
        perpetrators, dateline, article, _sentence_countries(parsed, incident)
    )
    return _location_from(incident, parsed, countries, dateline, places)
