"""The event's location: the scene the text attaches to an incident, as a Location record with a
precision code and the evidence it was read from.

The scene is the toponym attached to the attack ("killed in X", "an ambush near X", "on a road
between X and Y"); else one the story set just before telling the incident; the dateline only
when the text says "here" or names no place; else the country the incident points to.

Precision follows ACLED's geo_precision and UCDP's where_prec in spirit:

- exact: a populated place the text names as the scene ("in Baidoa");
- near: next to a place ("near X", "30 km north of X", "on the outskirts of X", or a place we do
  not know, told inside a town we do);
- route: somewhere between two towns ("on a road between X and Y"; ACLED would code it near the
  first, UCDP as a place within some 25 km); located at the first town the gazetteer knows;
- admin2 / admin1: a district or province, named as the scene or as the smallest unit that
  encloses a place the gazetteer does not know ("the desert area of Masrib" in a story set in
  Deir ez-Zor province: name Masrib, the province's admin1, coordinates and precision);
- region: a curated region ("the Badiya", "the Sahel");
- country: only the country is known;
- unknown: a name we could place nowhere, not even in a country.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING, Literal

from . import actors
from .gazetteer import PlaceEntry, PlaceIndex
from .parse import ParsedArticle, tree_distance
from .places import _DATELINE_WEIGHT, NEAR_CUES, SCENE_CUES, PlaceMention, index, specificity
from .schema import GeoPrecision, Location, Perpetrator, Span

if TYPE_CHECKING:
    from .incidents import Fragment, Incident

__all__ = ["choose_scene", "event_location", "incident_countries", "location"]

Source = Literal["text", "dateline", "article"]

_PRECISION_BY_KIND: dict[str, GeoPrecision] = {
    "city": "exact",
    "admin2": "admin2",
    "admin1": "admin1",
    "country": "country",
    "region": "region",
}
# The precision of a place we cannot resolve, by the kind of unit it falls back to: inside a
# town we know it is near that town; inside a unit it is as precise as the unit.
_FALLBACK_PRECISION: dict[str, GeoPrecision] = {**_PRECISION_BY_KIND, "city": "near"}

_HERE_RE = re.compile(
    r"\b(?:in|near|outside|on the outskirts of)\s+(?:this|the)\s+(?:capital|city)\b|"
    r"\b(?:here|locally)\b",
    re.IGNORECASE,
)


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
    scored = []
    for fragment in incident.fragments:
        for place in fragment.places:
            if place.in_dateline:
                continue
            distance = _distance_to_triggers(parsed, place, incident)
            # a place told with the attack beats one told with its aftermath ("died in hospital")
            # or with a mere reference back to it ("this attack ... near the road to Damascus")
            if not fragment.attack_words:
                distance += 3
            elif _refers_back(fragment):
                distance += 2
            scored.append((place, distance))
    own = _sentence_countries(parsed, incident, scored)
    countries = incident_countries(perpetrators, dateline, article, own)
    scene = choose_scene(scored, set(countries[:2]))
    context = _scene_in_context(parsed, incident, places)
    if scene is None:
        scene = context
    if scene is not None:
        container = None
        if scene.entry is None:
            container = _enclosing(scene, context, dateline, countries)
        return _with_country(location(scene, container=container), countries)
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


_REFERRING = frozenset("the this that these those".split())


def _refers_back(fragment: Fragment) -> bool:
    """Whether every attack word of a fragment is a noun phrase that points back to an attack
    told before ("this attack", "the blast"), not one that tells it ("its sixth attack", "the
    assassination of six Jesuits")."""
    return all(
        m.head.pos_ in ("NOUN", "PROPN")
        and any(c.dep_ == "det" and c.lower_ in _REFERRING for c in m.head.children)
        and not any(c.dep_ == "prep" and c.lower_ == "of" for c in m.head.children)
        for m in fragment.attack_words
    )


def choose_scene(
    scored: list[tuple[PlaceMention, int]], supported: frozenset[str] | set[str] = frozenset()
) -> PlaceMention | None:
    """The toponym that reads as the incident's scene, from (toponym, dependency distance to
    the attack words) pairs: attached to the attack ("killed in X", "an ambush near X") before
    merely in the sentence; after a scene preposition; then the most specific.

    `supported` are the countries other evidence gives the incident; a foreign capital outside
    them is usually its government ("Washington condemned"), not a scene. A landmark ("Ghazni,
    southwest of Kabul") is a scene only when nothing else is.
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
            # a place the gazetteer lacks but the text puts inside one it has ("the village of
            # Qwarbeta in Helmand province") is as good as a resolved one, and more specific
            int(place.entry is not None or _contained(place)),
            specificity(place),
            -distance,
        )

    best, distance = max(scored, key=rank)
    if distance > 8 and best.cue not in SCENE_CUES:
        return None
    # "an attack in the province of Daraa ... on a road between Cheikh Maskin and Izra", "the
    # mayor of a town in Guerrero ... Mayor X of Tlalchapa was shot": a place of the incident
    # inside the chosen unit, told as a scene or close to the attack, refines it
    inside = [
        (p, d)
        for p, d in scored
        if best.entry is not None
        and best.entry.kind in ("country", "admin1", "admin2")
        and (entry := _where(p)) is not None
        and (p.cue in SCENE_CUES or d <= 3)
        and specificity(p) > specificity(best)
        and (entry is best.entry or PlaceIndex.within(entry, best.entry))
    ]
    return max(inside, key=rank)[0] if inside else best


def _where(place: PlaceMention) -> PlaceEntry | None:
    """A place's entry, or the container's the text puts it in when the gazetteer lacks it."""
    if place.entry is not None:
        return place.entry
    return place.container.entry if place.container is not None else None


def _contained(place: PlaceMention) -> bool:
    container = place.container
    return container is not None and container is not place and container.entry is not None


def location(
    place: PlaceMention, *, source: Source = "text", container: PlaceEntry | None = None
) -> Location:
    """The Location record of a toponym: its entry when resolved; else its name inside the
    `container` the text gives (coordinates, units and precision of the container); else its
    name alone. "between X and Y" is located at the first of the two the gazetteer knows, with
    precision route when the two are towns, and says so in its text and evidence."""
    text, evidence = place.text, place.evidence
    entry, near = place.entry, place.cue in NEAR_CUES or place.direction
    route = False
    if place.partner is not None and place.between is not None:
        text, evidence = place.between.text, place.between
        pair = sorted((place, place.partner), key=lambda p: p.start)
        resolved = [p for p in pair if p.entry is not None]
        if resolved:
            place, entry, near = resolved[0], resolved[0].entry, True
            route = True
    name = place.text.title() if place.text.isupper() else place.text
    if entry is None:
        if container is None:
            return Location(
                name=name, text=text, evidence=evidence, precision="unknown", source=source
            )
        return _located(
            container,
            name=name,
            precision=_FALLBACK_PRECISION.get(container.kind, "unknown"),
            text=text,
            evidence=evidence,
            source=source,
            own_id=False,
        )
    precision = _PRECISION_BY_KIND.get(entry.kind, "unknown")
    if precision == "exact" and near:
        precision = "route" if route else "near"
    return _located(
        entry, name=entry.name, precision=precision, text=text, evidence=evidence, source=source
    )


def country_location(
    entry: PlaceEntry, *, source: Source, evidence: Span | None = None
) -> Location:
    """A country-level location (the article's country when the event names no place)."""
    return _located(
        entry, name=entry.name, precision="country", text=None, evidence=evidence, source=source
    )


def _located(
    entry: PlaceEntry,
    *,
    name: str,
    precision: GeoPrecision,
    text: str | None,
    evidence: Span | None,
    source: Source,
    own_id: bool = True,
) -> Location:
    """A Location at a gazetteer entry: the entry's units, coordinates and id (`own_id`: the
    name is the entry's own, not a place we put inside it)."""
    return Location(
        name=name,
        admin2=entry.admin2 if entry.kind in ("city", "region", "admin2") else None,
        admin1=entry.admin1 if entry.kind != "country" else None,
        country=entry.country or (entry.name if entry.kind == "country" else None),
        country_code=entry.country_code,
        lat=entry.lat,
        lon=entry.lon,
        geonames_id=entry.geonames_id if own_id else None,
        feature=entry.kind,
        precision=precision,
        text=text,
        evidence=evidence,
        source=source,
    )


def _enclosing(
    scene: PlaceMention,
    context: PlaceMention | None,
    dateline: list[PlaceMention],
    countries: list[str],
) -> PlaceEntry | None:
    """The smallest unit the text gives around a place the gazetteer does not know: the one it
    is said to be in ("Awapalli in Bijapur district"), the scene the story set before telling
    the incident ("The weekend was deadly in Deir Ezzor province. ... in the desert area of
    Masrib"), the country of the places it is listed with, the dateline's place when in the
    incident's country, else the country."""
    for holder in (scene.container, context):
        if (
            holder is not None
            and holder is not scene
            and holder.entry is not None
            and (not countries or holder.entry.country_code in countries[:2])
        ):
            return holder.entry
    if scene.area is not None:
        return scene.area
    if dateline and dateline[0].entry is not None:
        entry = dateline[0].entry
        if countries and entry.country_code == countries[0] and entry.kind != "country":
            return entry
    return index().country(countries[0]) if countries else None


def _with_country(result: Location, countries: list[str]) -> Location:
    """A location with no country takes the one the incident points to."""
    if result.country_code is not None or not countries:
        return result
    entry = index().country(countries[0])
    if entry is None:
        return result
    return result.model_copy(
        update={"country": entry.country or entry.name, "country_code": entry.country_code}
    )


def _scene_in_context(
    parsed: ParsedArticle, incident: Incident, places: list[PlaceMention]
) -> PlaceMention | None:
    """A scene the story set before telling the incident: "The weekend was deadly in Deir Ezzor
    province. A general and four soldiers were killed ..." The nearest resolved place after
    "in" in the two sentences before the incident, or in the story's first sentence (the lead
    sentence may be the incident's own: "... in Deir Ezzor province. ... in Masrib")."""
    first = incident.first_sentence
    body = parsed.dateline.end if parsed.dateline else 0
    lead = next((s.index for s in parsed.sentences if s.start >= body), 0)
    window = {first - 1, first - 2, lead}
    candidates = [
        p
        for p in places
        if not p.in_dateline
        and not p.foreign
        and not p.landmark
        and p.entry is not None
        and p.cue in SCENE_CUES
        and p.entry.kind != "country"
        and (s := parsed.sentence_at(p.start)) is not None
        and s.index in window
        and (s.index < first or (s.index == lead and p.start < incident.fragments[0].start))
    ]
    return max(candidates, key=lambda p: p.start) if candidates else None


def _sentence_countries(
    parsed: ParsedArticle, incident: Incident, scored: list[tuple[PlaceMention, int]]
) -> dict[str, float]:
    """Countries named in the incident's own sentences: resolved places, told as scenes ("in
    El Salvador", "attacked Nicaragua") or in passing ("Panama's archbishop condemned"), and
    demonyms ("Salvadoran"). `scored` pairs the places with their distance to the attack."""
    votes: defaultdict[str, float] = defaultdict(float)
    for place, distance in scored:
        if place.entry is not None and place.entry.country_code:
            scene = place.cue in SCENE_CUES or place.direction
            # told as the scene of the attack ("the assassination of six Jesuits in El
            # Salvador", "attacked Nicaragua"), it outweighs the dateline's country, where the
            # reporter is; told as a scene of something else ("arrived in Costa Rica"), less
            if distance <= 1 or (scene and distance <= 4):
                votes[place.entry.country_code] += 3
            else:
                votes[place.entry.country_code] += 1 if scene else 0.5
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
