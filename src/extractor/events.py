"""Incidents -> Event records: each field chosen from the evidence of the incident's mentions.

Type follows GTD's hierarchy (the more specific kind of attack wins); the toll prefers the
latest update and never adds up counts that describe the same people; the place is the one the
text attaches to the incident, the dateline only as a fallback; a date chained to another
incident ("the day after") is resolved against that incident's date.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from . import claims as claims_stage
from . import dates as dates_stage
from . import location as location_stage
from . import parties
from . import places as places_stage
from . import tolls as tolls_stage
from .actors import ActorMention
from .claims import ClaimMention
from .incidents import MAX_GAP, Incident, attempted, foiled
from .mentions import Mention
from .parse import ParsedArticle
from .places import PlaceMention
from .schema import Event, EventType, Perpetrator, Span, Target

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


def assemble(
    parsed: ParsedArticle,
    incidents: list[Incident],
    actors: list[ActorMention],
    claims: list[ClaimMention],
    places: list[PlaceMention],
    anchor: dt.date | None,
) -> list[Event]:
    """Event records, one per incident, in text order."""
    article = places_stage.article_countries(places, parsed)
    events = []
    orphans = _orphan_claims(incidents, claims)
    for number, incident in enumerate(incidents, 1):
        clusters = {f.cluster for f in incident.fragments}
        clusters |= {c.cluster for c in orphans.get(id(incident), [])}
        own_actors = [a for a in actors if a.mention.cluster in clusters]
        own_claims = [c for c in claims if c.cluster in clusters]
        event = _event(parsed, number, incident, own_actors, own_claims, places, article, anchor)
        events.append((clusters, event))
    voice = claims_stage.own_voice(claims, events, parsed)
    built = [event for _, event in events]
    if voice is not None:
        built = [claims_stage.voice_claim(event, voice) for event in built]
    return claims_stage.hostage_terms(built, parsed)


def _orphan_claims(
    incidents: list[Incident], claims: list[ClaimMention]
) -> dict[int, list[ClaimMention]]:
    """Claims about 'the attack' told in a sentence that joined no incident ('the Taliban said
    they did not carry out the attack': a denial, with no attack word of its own), by the
    incident they refer back to: the latest one told before them, within reach."""
    placed = {f.cluster for incident in incidents for f in incident.fragments}
    found: dict[int, list[ClaimMention]] = {}
    for claim in claims:
        if claim.cluster in placed or claim.mention is None or not claim.mention.definite:
            continue
        before = [i for i in incidents if i.first_sentence < claim.sentence]
        if before and claim.sentence - before[-1].last_sentence <= MAX_GAP:
            found.setdefault(id(before[-1]), []).append(claim)
    return found


def _event(
    parsed: ParsedArticle,
    number: int,
    incident: Incident,
    actors: list[ActorMention],
    claims: list[ClaimMention],
    places: list[PlaceMention],
    article: dict[str, float],
    anchor: dt.date | None,
) -> Event:
    """One Event: the type and methods here, every other field from its stage."""
    attack = [m for m in incident.mentions if m.kind == "attack" and m.counts_as_event]
    perpetrators, targets = parties.event_actors(actors, claims)
    tolls = tolls_stage.event_tolls(incident.counts, perpetrators)
    evidence: list[Span] = []
    for fragment in incident.fragments:
        sent = parsed.sentences[fragment.sentence]
        span = Span(start=sent.start, end=sent.end, text=sent.text)
        if span not in evidence:
            evidence.append(span)
    return Event(
        id=f"e{number}",
        type=_type(incident, parsed),
        methods=list(dict.fromkeys(method for m in attack for method in m.methods)),
        status=_status(attack or [m for m in incident.mentions if m.kind == "harm"]),
        date=dates_stage.event_date(incident, anchor),
        location=location_stage.event_location(parsed, incident, perpetrators, places, article),
        perpetrators=perpetrators,
        targets=targets,
        killed=tolls["killed"],
        wounded=tolls["wounded"],
        kidnapped=tolls["kidnapped"],
        perpetrators_killed=tolls["perpetrators_killed"],
        claim=claims_stage.event_claim(claims, perpetrators, parsed, anchor),
        confidence=_confidence(incident, perpetrators, targets),
        triggers=[
            Span(start=m.start, end=m.end, text=parsed.text[m.start : m.end]) for m in attack
        ],
        evidence=evidence,
    )


def _status(mentions: list[Mention]) -> Literal["accomplished", "attempted", "foiled"]:
    """Foiled when every attack word is a bomb or plot the authorities stopped ('defused a
    bomb'); attempted when every one was tried and failed ('tried to kill the mayor')."""
    if mentions and all(foiled(m) for m in mentions):
        return "foiled"
    if mentions and all(attempted(m) or foiled(m) for m in mentions):
        return "attempted"
    return "accomplished"


def _type(incident: Incident, parsed: ParsedArticle) -> EventType:
    """The GTD-style type: the highest-ranked of the incident's non-weak attack words; with
    none, explosives in its sentences make it a bombing ('explosives that caused no
    fatalities')."""
    attack = [m for m in incident.mentions if m.kind == "attack" and m.counts_as_event]
    strong = [m for m in attack if not m.entry.weak] or attack
    types: set[str] = {m.type for m in strong if m.type}
    if not types:
        kidnapped = any(c.outcome == "kidnapped" and not c.aggregate for c in incident.counts)
        explosives = any(
            "ied" in cue.methods
            for f in incident.fragments
            for cue in parsed.cues_in(parsed.sentences[f.sentence])
        )
        types = {"kidnapping"} if kidnapped else {"bombing" if explosives else "armed_assault"}
    return next(t for t in TYPE_RANK if t in types)


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
