"""Places: the article's toponyms (toponyms.py finds them) resolved against the gazetteer in
the article's context, and the relations incidents need (conflict, specificity, aftermath).

Candidates are ranked by their prior (kind and population), the countries the article is about
(dateline, named countries, unambiguous places), the provinces it names as scenes, and
containment the text states ("in Daraa province"). The event's location is location.py's.
"""

from __future__ import annotations

import difflib
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Set as AbstractSet

from geopy.distance import great_circle

from . import actors
from .gazetteer import PlaceEntry, PlaceIndex
from .parse import ParsedArticle
from .text import fold
from .toponyms import (
    NEAR_CUES,
    PLACE_NOUNS,
    SCENE_CUES,
    PlaceMention,
    index,
    mark_landmarks,
    name_spans,
    recognise,
)

__all__ = [
    "NEAR_CUES",
    "SCENE_CUES",
    "PlaceMention",
    "aftermath",
    "article_countries",
    "conflict",
    "find_places",
    "index",
    "name_spans",
    "specificity",
]

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
# Slack of "on the road between X and Y" in km, on top of a detour a fifth longer than the line.
_ROUTE_SLACK_KM = 25.0


def find_places(parsed: ParsedArticle) -> list[PlaceMention]:
    """Every toponym of the article, resolved in context, in text order."""
    text = parsed.text
    found = recognise(parsed)
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
    mark_landmarks(found, text)
    _resolve(found, parsed)
    return found


def _resolve(places: list[PlaceMention], parsed: ParsedArticle) -> None:
    """Choose each toponym's entry, preferring the countries the article is about, then the
    provinces it names ("Bijapur district" in a story from Chhattisgarh is Chhattisgarh's). A
    small place found only abroad is left unresolved (its name kept): in a Salvadoran story,
    "Cerezo" is a person before it is a village in Spain."""
    countries = article_countries(places, parsed)
    # countries the article is really about: the dateline's or named outright, not a passing
    # demonym ("the U.S. embassy") that would make every American town a candidate
    strong = {code for code, weight in countries.items() if weight >= _COUNTRY_WEIGHT}
    if not strong and countries:
        # no country named outright ("CLANDESTINE, 11 FEB 90 (RADIO VENCEREMOS)"): the one its
        # people and provinces point to, when they point to one more than to any other
        ranked = sorted(countries.values(), reverse=True)
        code = max(countries, key=lambda c: countries[c])
        if ranked[0] >= 1.0 and (len(ranked) == 1 or ranked[0] >= 2 * ranked[1]):
            strong = {code}
    for place in places:
        _choose_entry(place, parsed, countries, strong, set())
    units = article_units(places, parsed)
    if units:
        for place in places:
            _choose_entry(place, parsed, countries, strong, units)
    # containment the text states: "X, in Y province" / "the X district of Y"
    for first, second in itertools.pairwise(places):
        gap = parsed.text[first.end : second.start].lower()  # " IN " in capitals too
        if len(gap) <= 12 and second.candidates and ("," in gap or " of " in gap or " in " in gap):
            if not first.candidates and second.entry is not None and not second.landmark:
                # "Awapalli in Bijapur district": a place the gazetteer lacks, in one it has;
                # after a bare comma only a unit contains it ("Zanbrillo, Ocotal, Somoto" lists
                # towns)
                stated = " of " in gap or " in " in gap or second.entry.kind != "city"
                # "the northern city of Monteria" names Monteria; it is not a place inside it
                apposition = " of " in gap and fold(first.text).rsplit(" ", 1)[-1] in PLACE_NOUNS
                if (
                    stated
                    and not apposition
                    and (not strong or second.entry.country_code in strong)
                ):
                    first.container = second
                continue
            container = _container(first, second) if first.candidates else None
            if container is not None:
                first.container = second
                second.entry = container
    _list_countries(places, parsed.text)
    # "Villagers in Avapalli, as the name is also written": a spelling of a contained place
    # lies where it does
    contained = [p for p in places if p.entry is None and p.container is not None]
    for place in places:
        if place.entry is None and place.container is None:
            key = fold(place.text)
            place.container = next(
                (c.container for c in contained if _variants(key, fold(c.text))), None
            )


# Between two places of a list: a comma or "and", perhaps around one more item the gazetteer
# does not know ("Trojes, Cifuentes, Jamastran, El Paraiso").
_LIST_GAP = re.compile(
    # starts only at the first of a run of spaces, and takes runs whole: linear on long lines
    r"(?<!\s)\s*+(?:,|,?\s*+(?:and|or))\s*+(?:[^\W\d][^,.;:()\n]{0,30}?\s*+(?:,|,?\s*+(?:and|or))\s*+)?",
    re.IGNORECASE,
)


_MAX_LIST_GAP = 48


def _list_countries(places: list[PlaceMention], text: str) -> None:
    """A place the gazetteer lacks, listed among places it has ("the areas of Trojes,
    Cifuentes, Jamastran, El Paraiso and Danli"), lies in their country when at least two of
    them and two thirds agree; every mention of the name learns it."""
    runs: list[list[PlaceMention]] = []
    for place in places:
        gap = text[runs[-1][-1].end : place.start] if runs else ""
        # a list's gap is a comma or a conjunction, at most a short word between: a long gap is
        # no list, and is not handed to the pattern (whose nested spaces backtrack on it)
        if runs and len(gap) <= _MAX_LIST_GAP and _LIST_GAP.fullmatch(gap):
            runs[-1].append(place)
        else:
            runs.append([place])
    learned: dict[str, PlaceEntry] = {}
    for run in runs:
        codes = [p.entry.country_code for p in run if p.entry is not None and p.entry.country_code]
        if len(run) < 3 or len(codes) < 2:
            continue
        code, votes = Counter(codes).most_common(1)[0]
        country = index().country(code)
        if country is None or votes * 3 < len(codes) * 2:
            continue
        for place in run:
            if place.entry is None:
                learned.setdefault(fold(place.text), country)
    for place in places:
        if place.entry is None and place.area is None:
            place.area = learned.get(fold(place.text))


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
    # a country's name is the country wherever the story is ("Colombia" is no Mexican village)
    key = fold(place.text)
    home = [
        c
        for c in place.candidates
        if c.country_code in strong or (c.kind == "country" and fold(c.name) == key)
    ]
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
        # in capitals, a foreign unit named with no "in" before it is as likely a surname; told
        # as a scene ("kidnapped at the Cifuentes border region") it is more likely a local
        # place the gazetteer lacks: unresolved either way, foreign only in the first case
        note = f"only abroad ({place.entry.country_code}); left unresolved"
        if note not in place.notes:
            place.notes.append(note)
        place.entry = None
        place.foreign = place.cue not in SCENE_CUES


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
            # "in Syria" says where the story is; "Panama's archbishop" says less
            scene = place.cue in SCENE_CUES or place.direction
            weights[top.country_code or ""] += _COUNTRY_WEIGHT if scene else _COUNTRY_WEIGHT / 2
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
    """How precise a toponym is: populated place > admin2 > admin1/region > country; a place
    the gazetteer lacks, told inside one it has ("the village of Awapalli in Bijapur district"),
    is finer than its container."""
    if place.entry is None:
        container = place.container
        if container is not None and container is not place and container.entry is not None:
            return _SPECIFICITY.get(container.entry.kind, 0) + 1
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
            return key_a not in key_b and key_b not in key_a and not _variants(key_a, key_b)
        return False
    if a.entry.id == b.entry.id:
        return False
    if PlaceIndex.within(a.entry, b.entry) or PlaceIndex.within(b.entry, a.entry):
        return False
    if a.entry.kind == b.entry.kind == "city" and (_on_route(a, b) or _on_route(b, a)):
        return False  # a town on "the road between X and Y"
    if a.entry.kind == "country" or b.entry.kind == "country":
        return a.entry.country_code != b.entry.country_code
    if a.entry.kind == "region" or b.entry.kind == "region":
        # curated regions record no containment: only another country contradicts them
        return a.entry.country_code != b.entry.country_code
    return True  # two units, or a place outside a unit: "in Helmand" is not "in Ghazni"


def _variants(a: str, b: str) -> bool:
    """Whether two names the gazetteer lacks are spellings of one ("Awapalli", "Avapalli"):
    the same first letter and at most one letter in six different."""
    if not a or not b or a[0] != b[0]:
        return False
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    edits = max(len(a), len(b)) - sum(block.size for block in matcher.get_matching_blocks())
    return edits * 6 <= max(len(a), len(b))


def _km(a: PlaceEntry, b: PlaceEntry) -> float:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    return float(great_circle((a.lat, a.lon), (b.lat, b.lon)).km)


def _on_route(place: PlaceMention, pair: PlaceMention) -> bool:
    """Whether `place` lies along "between X and Y" (`pair` is X or Y): the detour through it
    is at most a fifth longer than the straight line, plus some slack."""
    if pair.partner is None or pair.entry is None or pair.partner.entry is None:
        return False
    assert place.entry is not None
    ends = pair.entry, pair.partner.entry
    detour = _km(ends[0], place.entry) + _km(place.entry, ends[1])
    return detour <= 1.2 * _km(*ends) + _ROUTE_SLACK_KM
