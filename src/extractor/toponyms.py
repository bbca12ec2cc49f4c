"""Toponyms: where the article names places, before any is resolved.

Three sources: the gazetteer matcher (case-blind, so it carries ALL CAPS text), the NER's
GPE/LOC/FAC entities told as scenes, and names after a settlement noun ("the village of
Qwarbeta") that neither knows. Each mention keeps the cue before it ("in", "near", "between"),
a unit word ("Daraa province"), and whether it is a landmark locating another place
("Ghazni, southwest of Kabul") or one end of "between X and Y". Resolution against the
gazetteer in the article's context is places.py's.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

from . import actors, lexicon
from .gazetteer import ADMIN_WORDS, SETTLEMENT_WORDS, PlaceEntry, PlaceIndex, load_place_index
from .parse import ParsedArticle
from .schema import Span
from .text import fold

# Words right before a toponym that make it the scene of an event rather than, say, a home town.
SCENE_CUES = frozenset(
    "in near at outside on inside into around across throughout off between".split()
)
NEAR_CUES = frozenset("near outside off around between".split())
_DIRECTION_WORDS = frozenset(
    "north south east west northeast northwest southeast southwest "
    "northern southern eastern western central".split()
)
# Spans where a toponym cannot be, or only with support: (armed groups, persons, organisations).
Blocked = tuple[list[tuple[int, int]], list[tuple[int, int]], list[tuple[int, int]]]


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
    partner: PlaceMention | None = None  # the other end of "between X and Y"
    between: Span | None = None  # "between Cheikh Maskin and Izra", when it has a partner
    in_dateline: bool = False
    foreign: bool = False
    entry: PlaceEntry | None = None
    container: PlaceMention | None = None
    area: PlaceEntry | None = None  # a unit a place the gazetteer lacks lies in, from its list
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
        for m in index().find_in(parsed.text, all_caps=parsed.all_caps, tokens=parsed.words)
        if m.value and not _all_common(m.text)
    ]  # "TO BE" is not the town of Be


def recognise(parsed: ParsedArticle) -> list[PlaceMention]:
    """Every toponym candidate of the article, unresolved and in no particular order: gazetteer
    matches, NER entities told as scenes, and names after a settlement noun."""
    text = parsed.text
    blocked = _blocked_spans(parsed)
    person_words = _person_words(parsed)
    ner_places = _ner_places(parsed)
    found: list[PlaceMention] = []
    for match in index().find_in(text, all_caps=parsed.all_caps, tokens=parsed.words):
        cue, direction = _cue_before(text, match.start)
        # "in Nice", "in Reading": a common word written with a capital after a scene word,
        # which the NER also reads as a place, is the place (mixed case only)
        named_scene = cue in SCENE_CUES and (match.start, match.end) in ner_places
        if not _plausible(
            match.text,
            match.key,
            match.value,
            parsed,
            blocked,
            match.start,
            match.end,
            cue,
            named_scene=named_scene,
        ):
            continue
        country = any(e.kind == "country" and fold(e.name) == match.key for e in match.value)
        if match.key in person_words and cue not in SCENE_CUES and not country:
            continue  # "Guerrero" named as a person elsewhere in the article; "Burkina Faso"
            # read as a person's name by the NER is still the country
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
            if any(a < end and start < b for a, b in covered) or _overlaps(
                blocked[0] + blocked[1] + blocked[2], start, end
            ):
                continue
            raw = _strip_article(text[start:end])
            start = end - len(raw)
            cue, direction = _cue_before(text, start)
            key = fold(raw)
            if cue not in SCENE_CUES or _all_common(raw) or key in _GENERIC:
                continue  # an entity the NER guessed, with no sign that it is a scene
            head = ent.root.head
            if (
                ent.root.dep_ in ("compound", "amod")
                and head.i > ent.root.i
                and head.lemma_.lower() not in PLACE_NOUNS
            ):
                continue  # "near the U.S. embassy": a modifier; "the Zacamil neighborhood" is not
            candidates = tuple(e for e in index().lookup(raw) if fold(e.name) == key)
            if not candidates and _demonym(raw, parsed.all_caps):
                continue  # "U.S.", "the Salvadorans": a nationality, or a country we count there
            unit = _unit_word(text, start, end)
            found.append(PlaceMention(start, end, raw, candidates, cue, direction, unit))
    found.extend(_named_settlements(parsed, found, blocked))
    found.extend(_event_cities(parsed, found))
    return found


def _event_cities(parsed: ParsedArticle, found: list[PlaceMention]) -> list[PlaceMention]:
    """'the Boston Marathon', 'the Manchester Arena': an event or a building named after a
    city lies in it, even when the city's name is also a common word (mixed case only)."""
    if parsed.all_caps:
        return []
    covered = [(p.start, p.end) for p in found]
    cities: list[PlaceMention] = []
    for sent in parsed.parsed:
        assert sent.doc is not None
        for ent in sent.doc.ents:
            if ent.label_ not in ("EVENT", "FAC") or len(ent) < 2:
                continue
            first = ent[1] if ent[0].lower_ == "the" and len(ent) > 2 else ent[0]
            if first.pos_ != "PROPN" or not first.text[:1].isupper():
                continue
            start = sent.start + first.idx
            end = start + len(first.text)
            if _overlaps(covered, start, end):
                continue
            key = fold(first.text)
            candidates = tuple(
                e
                for e in index().lookup(first.text)
                if fold(e.name) == key and e.kind == "city" and (e.population or 0) >= 100_000
            )
            if not candidates:
                continue
            cue, direction = _cue_before(parsed.text, sent.start + ent.start_char)
            cities.append(PlaceMention(start, end, first.text, candidates, cue, direction))
    return cities


# "the village of Qwarbeta": a capitalised name after a settlement noun and "of" is a place,
# known or not; in capitals, where every word looks like a name, the words up to the first
# common English word ("THE SUBURB OF QUIRIGUA YESTERDAY")
_SETTLEMENT_OF = (
    r"\b(?:village|town|hamlet|settlement|locality|neighbou?rhood|suburb|area|district)s? of "
)
_NAMED_SETTLEMENT = re.compile(
    _SETTLEMENT_OF
    + r"((?:al-|el-|Al-|El-)?[A-Z][\w'’-]+(?: (?:al-|el-|de |del |la )?[A-Z][\w'’-]+){0,2})"
)
_NAMED_SETTLEMENT_CAPS = re.compile(
    _SETTLEMENT_OF + r"([A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+){0,2})", re.IGNORECASE
)


def _named_settlements(
    parsed: ParsedArticle, found: list[PlaceMention], blocked: Blocked
) -> list[PlaceMention]:
    """Places named after a settlement noun that neither the gazetteer matcher nor the NER found
    ("in the village of Qwarbeta"), told as scenes."""
    text, more = parsed.text, []
    spans = [(p.start, p.end) for p in found] + blocked[0] + blocked[2]
    pattern = _NAMED_SETTLEMENT_CAPS if parsed.all_caps else _NAMED_SETTLEMENT
    for match in pattern.finditer(text):
        start, end = match.span(1)
        raw = _name_words(match.group(1)) if parsed.all_caps else match.group(1)
        end = start + len(raw)
        if not raw or _overlaps(spans, start, end) or _all_common(raw) or fold(raw) in _GENERIC:
            continue
        cue, direction = _cue_before(text, start)
        if cue not in SCENE_CUES:
            continue
        key = fold(raw)
        candidates = tuple(e for e in index().lookup(raw) if fold(e.name) == key)
        unit = _unit_word(text, start, end)
        more.append(PlaceMention(start, end, raw, candidates, cue, direction, unit))
    return more


def _name_words(words: str) -> str:
    """The leading words of a run of capitals that are no common English words."""
    common = lexicon.english_words()
    kept = []
    for word in words.split(" "):
        key = fold(word)
        if key in common or key in STOP_WORDS:
            break
        kept.append(word)
    return " ".join(kept)


# Nouns that a name modifies and still names a place: "the Zacamil neighborhood".
PLACE_NOUNS = frozenset(
    "neighborhood neighbourhood district area sector zone village town city hamlet municipality "
    "province department region state county canton jurisdiction commune parish locality "
    "settlement camp mountain mountains hill hills volcano farm estate ranch hacienda plantation "
    "street avenue road highway bridge river valley market square park suburb border "
    "corregimiento vereda barrio colonia".split()
)
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


def _blocked_spans(parsed: ParsedArticle) -> Blocked:
    """Where a toponym cannot be: inside an armed group's name ("Farabundo Marti"); inside a
    name the NER reads as an organisation's, unless it is a unit named with its unit word
    ("Chalatenango Department"); inside a person's name, unless told as a scene ("a road
    between Cheikh Maskin and Izra")."""
    groups = [(m.start, m.end) for m in actors.article_groups(parsed)]
    persons, orgs = [], []
    for sent in parsed.parsed:
        assert sent.doc is not None
        for ent in sent.doc.ents:
            span = (sent.start + ent.start_char, sent.start + ent.end_char)
            if ent.label_ == "PERSON":
                persons.append(span)
            elif ent.label_ in ("ORG", "NORP") and len(ent) > 1:
                orgs.append(span)
    return groups, persons, orgs


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


def _demonym(raw: str, all_caps: bool) -> bool:
    """Whether a name is wholly a country adjective, people or abbreviation ("U.S.")."""
    return any(
        m.start == 0 and m.end >= len(raw.rstrip(". "))
        for m in actors.index().find_demonyms(raw, all_caps=all_caps)
    )


def _ner_places(parsed: ParsedArticle) -> set[tuple[int, int]]:
    """The spans the NER labels as places, in mixed-case text (in capitals it guesses)."""
    if parsed.all_caps:
        return set()
    spans = set()
    for sent in parsed.parsed:
        assert sent.doc is not None
        for ent in sent.doc.ents:
            if ent.label_ in ("GPE", "LOC"):
                spans.add((sent.start + ent.start_char, sent.start + ent.end_char))
    return spans


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
    blocked: Blocked,
    start: int,
    end: int,
    cue: str,
    *,
    named_scene: bool = False,
) -> bool:
    """Whether a gazetteer hit reads as a place here."""
    if not candidates or key in _GENERIC or _DATE_LIKE.match(key):
        return False
    top = candidates[0]
    big_unit = top.kind in ("country", "admin1") and fold(top.name) == key
    if _all_common(raw) and not big_unit and not (named_scene and raw[:1].isupper()):
        return False  # "KILL", "THEM", "JUSTICE": words, not places, in capitals
    groups, persons, orgs = blocked
    if _overlaps(groups, start, end) and not (big_unit and top.kind == "country"):
        return False
    org = [(a, b) for a, b in orgs if a < end and start < b]
    if (
        org
        and not (big_unit and top.kind == "country")
        and not (  # the NER's ORG is the unit itself: "Chalatenango Department"
            fold(raw).split()[-1] in ADMIN_WORDS and all(start <= a and b <= end for a, b in org)
        )
    ):
        return False
    person = [(a, b) for a, b in persons if a < end and start < b]
    if (
        person
        and not (big_unit and top.kind == "country")
        and not (  # the NER's PERSON is the name itself, told as a scene: "between Cheikh Maskin"
            cue in _PLACE_PREPOSITIONS and all(start <= a and b <= end for a, b in person)
        )
    ):
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


# "a road between Cheikh Maskin and Izra": the second place of a pair takes "between" as cue.
_BETWEEN_AND = re.compile(r"\bbetween\s+[^.;:()\n]{2,60}?\s+(?:and|&)\s+$", re.IGNORECASE)
# Prepositions after which a name the NER reads as a person's is still a place.
_PLACE_PREPOSITIONS = frozenset("in near outside between".split())


def _cue_before(text: str, start: int) -> tuple[str, bool]:
    """The preposition before a toponym, skipping articles, unit words, direction words and a
    possessive ("in Mexico's southern state of Guerrero" -> in; "30 km north of Kabul" ->
    near)."""
    if _BETWEEN_AND.search(text[max(0, start - 80) : start]):
        return "between", False
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


def mark_landmarks(places: list[PlaceMention], text: str) -> None:
    for first, second in itertools.pairwise(places):
        if _LANDMARK_GAP.match(text[first.end : second.start]):
            second.landmark = True
        elif (
            first.cue == second.cue == "between"
            and re.fullmatch(r"\s*(?:and|&)\s*", text[first.end : second.start], re.IGNORECASE)
            and first.partner is None
        ):
            first.partner, second.partner = second, first
            start = text.lower().rfind("between", max(0, first.start - 40), first.start)
            span = Span(start=start, end=second.end, text=text[start : second.end])
            first.between = second.between = span


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
