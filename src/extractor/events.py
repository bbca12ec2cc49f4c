"""Incidents -> Event records: each field chosen from the evidence of the incident's mentions.

Type follows GTD's hierarchy (the more specific kind of attack wins); the toll prefers the
latest update and never adds up counts that describe the same people; the place is the one the
text attaches to the incident, the dateline only as a fallback; a date chained to another
incident ("the day after") is resolved against that incident's date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from spacy.tokens import Token

from . import actors as actors_stage
from . import dates as dates_stage
from . import places as places_stage
from .actors import ActorMention
from .claims import ClaimMention
from .dates import DateMention
from .incidents import Fragment, Incident, attempted
from .parse import ParsedArticle
from .places import PlaceMention
from .schema import (
    Aggregate,
    Casualties,
    Claim,
    Event,
    EventDate,
    EventType,
    Location,
    Method,
    Perpetrator,
    Span,
    Target,
)
from .tolls import CountMention

# GTD's hierarchy of attack types: when an incident has several, the first listed wins.
TYPE_RANK: tuple[EventType, ...] = (
    "assassination",
    "hijacking",
    "kidnapping",
    "hostage_taking",
    "bombing",
    "armed_assault",
    "arson",
    "unarmed_assault",
    "facility_attack",
    "other",
)
_REPORTING = frozenset(
    "say said says tell told report reported reports announce announced add "
    "added state stated confirm confirmed claim claimed explain explained note "
    "noted insist insisted declare declared according".split()
)
_SOURCE_RE = re.compile(
    r"\b(?:according to|a count by|count by|figures (?:from|by)|data (?:from|by)|"
    r"tally by)\s+(?:the\s+)?([A-Z][\w'’-]*(?:\s+(?:for|of|on|de|the|[A-Z][\w'’-]*)){0,8})"
)


def assign_dates(parsed: ParsedArticle, fragments: list[Fragment], anchor: dt.date | None) -> None:
    """Give each fragment the date its segment states, chained dates resolved in order."""
    found = [
        d
        for d in dates_stage.find_dates(parsed.text)
        if not (parsed.dateline and d.start < parsed.dateline.end)
    ]
    by_cluster: dict[int, Fragment] = {}
    for fragment in fragments:
        by_cluster[fragment.cluster] = fragment
        sent = parsed.sentences[fragment.sentence]
        lower = fragment.sequence.start if fragment.sequence else sent.start
        upper = sent.end
        later = [
            f
            for f in fragments
            if f.sentence == fragment.sentence and f.sequence and f.sequence.start > lower
        ]
        if later:
            upper = min(f.sequence.start for f in later if f.sequence is not None)
        candidates = [d for d in found if lower <= d.start < upper and d.kind not in ("period",)]
        fragment.date = _best_date(fragment, candidates, parsed, anchor)
        if fragment.sequence and fragment.sequence.days is not None:
            base = by_cluster.get(fragment.sequence.relative_to)
            if base is not None and base.date is not None and base.date.start is not None:
                evidence = Span(
                    start=fragment.sequence.start,
                    end=fragment.sequence.start + len(fragment.sequence.text),
                    text=fragment.sequence.text,
                )
                fragment.date = dates_stage.shift(
                    base.date, fragment.sequence.days, fragment.sequence.text, evidence
                )


def _best_date(
    fragment: Fragment, candidates: list[DateMention], parsed: ParsedArticle, anchor: dt.date | None
) -> EventDate | None:
    """The date the syntax attaches to the fragment's attack words, skipping dates of reporting
    verbs ("police said on Monday"); a year or month far from the attack words is background."""
    scored = []
    for mention in candidates:
        if mention.kind == "sequence" or _reporting_date(parsed, mention):
            continue
        distance = _date_distance(parsed, mention, fragment)
        coarse = mention.kind in ("year", "month", "calendar")
        if coarse and distance > 3:
            continue
        scored.append((distance + (2 if coarse else 0), mention.start, mention))
    for _, _, mention in sorted(scored, key=lambda item: (item[0], item[1])):
        evidence = Span(
            start=mention.start, end=mention.end, text=parsed.text[mention.start : mention.end]
        )
        resolved = dates_stage.resolve(mention, anchor, evidence)
        if resolved is not None:
            return resolved
    return None


def _date_distance(parsed: ParsedArticle, mention: DateMention, fragment: Fragment) -> int:
    """Dependency-path length from a date expression to the nearest mention of the fragment;
    the character distance in tens when the sentence has no parse."""
    sent = parsed.sentence_at(mention.start)
    if sent is not None and sent.doc is not None:
        span = sent.doc.char_span(
            mention.start - sent.start, mention.end - sent.start, alignment_mode="expand"
        )
        heads = [m.head for m in fragment.mentions if m.sent.index == sent.index]
        if span is not None and heads:
            return min(_tree_distance(span.root, head) for head in heads)
    return min(abs(mention.start - m.start) for m in fragment.mentions) // 10


def _reporting_date(parsed: ParsedArticle, mention: DateMention) -> bool:
    """'police said on Monday': the date of the report, not of the attack."""
    sent = parsed.sentence_at(mention.start)
    if sent is None or sent.doc is None:
        before = parsed.text[max(0, mention.start - 25) : mention.start].lower().split()
        return bool(before) and before[-1] in _REPORTING
    doc = sent.doc
    span = doc.char_span(
        mention.start - sent.start, mention.end - sent.start, alignment_mode="expand"
    )
    if span is None:
        return False
    head = span.root
    for _ in range(3):
        governor = head.head
        if governor.i == head.i:
            break
        if governor.lemma_.lower() in _REPORTING and governor.pos_ == "VERB":
            return True
        if governor.pos_ == "VERB":
            return False
        head = governor
    return False


def assemble(
    parsed: ParsedArticle,
    incidents: list[Incident],
    actors: list[ActorMention],
    claims: list[ClaimMention],
    places: list[PlaceMention],
    anchor: dt.date | None,
) -> list[Event]:
    """Event records, one per incident, in text order."""
    events = []
    article = places_stage.article_countries(places, parsed)
    for number, incident in enumerate(incidents, 1):
        clusters = {f.cluster for f in incident.fragments}
        own_actors = [a for a in actors if a.mention.cluster in clusters]
        own_claims = [c for c in claims if c.cluster in clusters]
        dateline = [p for p in places if p.in_dateline and p.entry is not None]
        events.append(
            _event(
                parsed, number, incident, own_actors, own_claims, anchor, article, dateline, places
            )
        )
    return events


def _event(
    parsed: ParsedArticle,
    number: int,
    incident: Incident,
    actors: list[ActorMention],
    claims: list[ClaimMention],
    anchor: dt.date | None,
    article: dict[str, float],
    dateline: list[PlaceMention],
    places: list[PlaceMention],
) -> Event:
    mentions = incident.mentions
    attack = [m for m in mentions if m.kind == "attack" and m.counts_as_event]
    strong = [m for m in attack if not m.entry.weak] or attack
    types = {m.type for m in strong if m.type}
    counts = [c for c in incident.counts if not c.aggregate]
    if not types:
        types = (
            {"kidnapping"} if any(c.outcome == "kidnapped" for c in counts) else {"armed_assault"}
        )
    event_type = next(t for t in TYPE_RANK if t in types)
    methods: list[Method] = []
    for mention in attack:
        for method in mention.methods:
            if method not in methods:
                methods.append(method)
    perpetrators, targets = _actors(actors, claims)
    victims = [
        c for c in counts if not c.attackers and not (c.armed and _same_side(c, perpetrators))
    ]
    attackers = [c for c in counts if c.attackers or (c.armed and _same_side(c, perpetrators))]
    claim = _claim(claims, perpetrators, parsed, anchor)
    triggers = [Span(start=m.start, end=m.end, text=parsed.text[m.start : m.end]) for m in attack]
    evidence = []
    for fragment in incident.fragments:
        sent = parsed.sentences[fragment.sentence]
        span = Span(start=sent.start, end=sent.end, text=sent.text)
        if span not in evidence:
            evidence.append(span)
    return Event(
        id=f"e{number}",
        type=event_type,
        methods=methods,
        date=_date(incident, anchor),
        location=_location(
            incident,
            parsed,
            incident_countries(
                perpetrators, targets, dateline, article, _sentence_countries(parsed, incident)
            ),
            dateline,
            places,
        ),
        perpetrators=perpetrators,
        targets=targets,
        status="attempted" if attack and all(attempted(m) for m in attack) else "accomplished",
        killed=_toll(victims, "killed"),
        wounded=_toll(victims, "wounded"),
        kidnapped=_toll(victims, "kidnapped"),
        perpetrators_killed=_toll(attackers, "killed"),
        claim=claim,
        confidence=_confidence(incident, perpetrators, targets),
        triggers=triggers,
        evidence=evidence,
    )


def _same_side(count: CountMention, perpetrators: list[Perpetrator]) -> bool:
    """Armed men who died in an attack by armed men are the attackers ('three militants were
    killed' in a militant attack); in an army raid they are the targets."""
    return bool(perpetrators) and all(
        p.kind in ("armed_group", "unknown_armed", "militia") for p in perpetrators
    )


def _toll(counts: list[CountMention], outcome: str) -> Casualties | None:
    """The toll: the latest update if the text gives one, else the largest count."""
    own = [c for c in counts if c.outcome == outcome]
    if not own:
        return None
    updates = [c for c in own if c.update]
    if updates:
        return updates[-1].value
    return max(own, key=lambda c: (c.value.min, c.value.max or c.value.min)).value


def _date(incident: Incident, anchor: dt.date | None) -> EventDate:
    attack_first = sorted(incident.fragments, key=lambda f: (not f.attack_words, f.start))
    for fragment in attack_first:
        if fragment.date is not None:
            return fragment.date
    return dates_stage.undated(anchor)


_HERE_RE = re.compile(
    r"\b(?:in|near|outside|on the outskirts of)\s+(?:this|the)\s+(?:capital|city)\b|"
    r"\b(?:here|locally)\b",
    re.IGNORECASE,
)


def _location(
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
    scene = places_stage.choose_scene(scored, set(countries[:2]))
    if scene is None:
        scene = _scene_in_context(parsed, incident, all_places)
    if scene is not None:
        result = places_stage.location(scene)
        if result.country_code is None and countries:
            entry = places_stage.index().country(countries[0])
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
        return places_stage.location(dateline[0], source="dateline")
    if countries:
        entry = places_stage.index().country(countries[0])
        if entry is not None:
            return places_stage.country_location(entry, source="article")
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
        and p.cue in places_stage.SCENE_CUES
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
        for match in actors_stage.index().find_demonyms(sent.text, all_caps=parsed.all_caps):
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
    return min((_tree_distance(span.root, head) for head in heads), default=99)


def _tree_distance(a: Token, b: Token) -> int:
    """Number of dependency arcs between two tokens of one parse."""
    up_a = [a, *a.ancestors]
    index_a = {t.i: n for n, t in enumerate(up_a)}
    for n, token in enumerate([b, *b.ancestors]):
        if token.i in index_a:
            return n + index_a[token.i]
    return 99


def incident_countries(
    perpetrators: list[Perpetrator],
    targets: list[Target],
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
            group = actors_stage.index().groups.get(perpetrator.actor_id)
            if group is not None and group.countries:
                votes[group.countries[0]] += 2.5  # where the group chiefly operates
                for code in group.countries[1:]:
                    votes[code] += 0.5
    dateline_code = dateline[0].entry.country_code if dateline and dateline[0].entry else None
    if dateline_code:
        votes[dateline_code] += 2  # where the reporter files from
    for code, weight in article.items():
        # what the whole story is about; the dateline's own share is already counted
        share = weight - (places_stage._DATELINE_WEIGHT if code == dateline_code else 0)
        votes[code] += max(share, 0) / 2
    return [code for code, _ in sorted(votes.items(), key=lambda item: -item[1])]


def _actors(
    actors: list[ActorMention], claims: list[ClaimMention]
) -> tuple[list[Perpetrator], list[Target]]:
    perpetrators: dict[str, Perpetrator] = {}
    targets: dict[str, Target] = {}
    strength = {"claimed": 4, "accused": 3, "reported": 2, "suspected": 1, "implied": 0}
    claimants = [a for c in claims if c.status == "claimed" for a in c.by]
    for actor in [*claimants, *actors]:
        confidence = 0.8 if actor.syntactic else 0.6
        if actor.role == "perpetrator":
            existing = perpetrators.get(actor.key)
            if existing is None or strength[actor.attribution] > strength[existing.attribution]:
                perpetrators[actor.key] = Perpetrator(
                    name=actor.name,
                    text=actor.text,
                    kind=actor.kind,
                    actor_id=actor.actor_id,
                    country_code=actor.country_code,
                    evidence=actor.evidence,
                    confidence=confidence,
                    attribution=actor.attribution,
                )
        elif actor.role == "target" and actor.key not in targets:
            targets[actor.key] = Target(
                name=actor.name,
                text=actor.text,
                kind=actor.kind,
                actor_id=actor.actor_id,
                country_code=actor.country_code,
                evidence=actor.evidence,
                confidence=confidence,
            )
    # an unnamed perpetrator ("gunmen") adds nothing next to a named group
    named = [p for p in perpetrators.values() if p.actor_id]
    result = list(perpetrators.values())
    if named:
        result = [p for p in result if p.actor_id or p.kind not in ("unknown_armed",)]
    target_list = [
        t for t in targets.values() if t.name.lower() not in {p.name.lower() for p in result}
    ]
    return result, target_list


def _claim(
    claims: list[ClaimMention],
    perpetrators: list[Perpetrator],
    parsed: ParsedArticle,
    anchor: dt.date | None,
) -> Claim:
    for status in ("claimed", "denied", "unclaimed"):
        own = [c for c in claims if c.status == status]
        if not own:
            continue
        first = own[0]
        by = []
        for claim in own:
            for actor in claim.by:
                if actor.name not in by:
                    by.append(actor.name)
        if status == "claimed" and not by:
            by = [p.name for p in perpetrators if p.actor_id][:1]
        date = None
        for found in dates_stage.find_dates(parsed.text, start=first.start, end=first.end):
            resolved = dates_stage.resolve(
                found, anchor, Span(start=found.start, end=found.end, text=found.text)
            )
            if resolved is not None and resolved.precision == "day":
                date = resolved.start
        return Claim(
            status=status,
            by=by,
            date=date,
            channel=first.channel,
            text=first.text,
            evidence=first.evidence,
        )
    return Claim(status="not_mentioned")


def _confidence(
    incident: Incident, perpetrators: list[Perpetrator], targets: list[Target]
) -> float:
    """Higher with more mentions, a non-weak attack word, counts, a place and actors."""
    score = 0.3
    mentions = incident.mentions
    if any(m.kind == "attack" and not m.entry.weak for m in mentions):
        score += 0.2
    if len(incident.fragments) > 1:
        score += 0.1
    if incident.counts:
        score += 0.1
    if incident.places:
        score += 0.1
    if perpetrators:
        score += 0.1
    if targets:
        score += 0.1
    return round(min(score, 1.0), 2)


def aggregates(parsed: ParsedArticle, counts: list[CountMention]) -> list[Aggregate]:
    """Totals over a period or over many attacks: recorded, never an incident's toll."""
    found = []
    for count in counts:
        if not count.aggregate:
            continue
        sent = count.mention.sent
        source = _SOURCE_RE.search(sent.text)
        outcome = count.outcome if count.outcome in ("killed", "wounded", "kidnapped") else "killed"
        found.append(
            Aggregate(
                kind=outcome,
                count=count.value,
                period=count.period,
                source=source.group(1).strip() if source else None,
                evidence=Span(start=sent.start, end=sent.end, text=sent.text),
            )
        )
    return found
