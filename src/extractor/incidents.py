"""Mentions -> incidents: the mentions of one sentence segment form a fragment; fragments that
describe the same attack are merged across sentences, and several attacks in one article are
kept apart.

Merging is where most of the quality lives. A fragment joins an earlier incident when nothing
contradicts it (a different place, a different day) and something links it: a definite
reference ("the attack", "the blast"), a casualty or claim sentence with no attack of its own,
or an elaboration right after it. It starts a new incident when it brings its own attack with
a new place or date, or after a discourse marker ("In a separate attack", "Elsewhere").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.tokens import Token

from .mentions import Mention, Sequence, same_form_past
from .parse import ParsedArticle
from .places import SCENE_CUES, PlaceMention, aftermath, conflict, specificity
from .roles import role_arguments
from .schema import EventDate
from .tolls import CountMention

# Sentence openings that announce another incident.
_NEW_INCIDENT = re.compile(
    r"^\W*(?:in (?:an|a) (?:other|separate|similar|second|third|earlier|later|unrelated|new)\b|"
    r"in another\b|separately\b|elsewhere\b|meanwhile\b|in (?:a|an) (?:\w+ )?(?:incident|attack|"
    r"development)\b|also on\b|in other (?:violence|incidents|news)\b|another\b|"
    r"a (?:second|third)\b|"
    r"earlier(?:,| on| this| in| that)\b|on (?:the )?(?:same day|previous day)\b)",
    re.IGNORECASE,
)
# "a second device", "a third bomb": one more attack, not the one already told.
_ORDINALS = frozenset("second third fourth fifth sixth".split())
# How far back (in sentences) an undistinguished fragment may still join an incident.
MAX_GAP = 8
# An indefinite attack noun more than this many sentences after an incident introduces another
# one; right after it, it is the lead restated ("A bomb killed five. A bomb hidden in a car...").
_INDEFINITE_GAP = 2
# An undated lead tells the news of the report's day or the days just before.
_LEAD_DAYS = 3


@dataclass(eq=False)
class Fragment:
    """The mentions of one sentence segment, with the arguments found in that segment."""

    sentence: int
    cluster: int
    start: int
    end: int
    mentions: list[Mention]
    counts: list[CountMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    date: EventDate | None = None
    sequence: Sequence | None = None
    opening: str = ""

    @property
    def founding(self) -> bool:
        """Whether the fragment can start an incident: a real (not negated, hypothetical or
        generic) attack or casualty word."""
        return any(m.counts_as_event for m in self.mentions)

    @property
    def useful(self) -> bool:
        """Says something about an incident: a real attack or casualty word, a claim, or a
        count that is not an aggregate."""
        return (
            self.founding
            or any(m.kind == "claim" for m in self.mentions)
            or any(not c.aggregate for c in self.counts)
            or any(
                m.kind == "attack" and m.definite and not (m.negated or m.hypothetical or m.generic)
                for m in self.mentions
            )
        )  # "the attack", a weak word that refers back

    @property
    def claim(self) -> bool:
        """Holds a claim, denial or 'no group has claimed' word."""
        return any(m.kind == "claim" for m in self.mentions)

    @property
    def attack_words(self) -> list[Mention]:
        return [m for m in self.mentions if m.kind == "attack" and m.counts_as_event]

    @property
    def definite(self) -> bool:
        """Refers back: 'the attack', 'the blast', 'the victims' with no new attack of its own."""
        attacks = self.attack_words
        return bool(attacks) and all(m.definite for m in attacks)

    @property
    def another(self) -> bool:
        """Introduces an attack as one more: 'another bomb', 'this second bomb'; not where the
        fragment also refers back ('wounded in the botched attack ... about to set off a second
        bomb')."""
        more = [m for m in self.attack_words if _one_more(m.head)]
        return bool(more) and not any(m.definite and m not in more for m in self.attack_words)

    @property
    def indefinite(self) -> bool:
        """Introduces an attack: 'an ambush', 'a bomb exploded', 'nine attacks on posts'."""
        for mention in self.attack_words:
            if mention.head.pos_ not in ("NOUN", "PROPN"):
                continue
            if any(
                (c.dep_ == "det" and c.lower_ in ("a", "an", "another")) or c.dep_ == "nummod"
                for c in mention.head.children
            ):
                return True
        return False

    @property
    def victims(self) -> frozenset[str]:
        """The words of the people its attack words name as victims ('gunmen murdered Juan
        Perez', 'the kidnapping of Maria Lopez'), lower case; empty when none is named."""
        names: set[str] = set()
        for mention in self.attack_words:
            if mention.kind != "attack":
                continue
            for role, token in role_arguments(mention):
                if role == "target":
                    names.update(_person_words(token))
        return frozenset(names)

    @property
    def aggregate(self) -> bool:
        """Only counts over a period or over many attacks, no specific attack word."""
        return (
            bool(self.counts)
            and all(c.aggregate for c in self.counts)
            and not any(m.counts_as_event and m.kind == "attack" for m in self.mentions)
        )

    @property
    def scene(self) -> PlaceMention | None:
        """The most specific place of the fragment that reads as the scene."""
        ranked = sorted(self.places, key=lambda p: (p.in_dateline, -specificity(p), p.start))
        return ranked[0] if ranked else None


@dataclass(eq=False)
class Incident:
    """One attack: its fragments in text order."""

    fragments: list[Fragment]

    @property
    def mentions(self) -> list[Mention]:
        return [m for f in self.fragments for m in f.mentions]

    @property
    def counts(self) -> list[CountMention]:
        return [c for f in self.fragments for c in f.counts]

    @property
    def places(self) -> list[PlaceMention]:
        return [p for f in self.fragments for p in f.places]

    @property
    def attack_words(self) -> list[Mention]:
        return [m for f in self.fragments for m in f.attack_words]

    @property
    def attacked(self) -> bool:
        """Has an attack word of its own, not only victims or a toll."""
        return bool(self.attack_words)

    @property
    def specific(self) -> bool:
        """Told as one event: a casualty count, an attack verb in the past, or an attack noun
        anchored by a day, a scene or a named victim. "the bombings" alone is a pattern."""
        if any(not c.aggregate for c in self.counts):
            return True
        for mention in self.mentions:
            if not mention.counts_as_event:
                continue
            head = mention.head
            if (
                head.tag_ in ("VBD", "VBN")
                or same_form_past(head)
                or (head.tag_ == "VBG" and head.dep_ in ("advcl", "xcomp", "acl", "conj"))
            ):
                return True
            if attempted(mention):
                return True  # "an armed group tried to attack the residence"
            if (
                head.dep_ == "nsubjpass"
                and head.head.tag_ == "VBN"
                and head.head.lemma_.lower() in _DELIVERY_VERBS
                and mention.kind == "attack"
            ):
                return True  # "incendiary bombs were hurled at a Mormon temple"
            if (
                head.pos_ in ("NOUN", "PROPN")
                and head.tag_ not in ("NNS", "NNPS")
                and mention.kind == "attack"
            ):
                determined = any(
                    c.dep_ in ("det", "poss", "nummod")
                    and c.lower_ not in ("no", "any", "every", "each")
                    for c in head.children
                )
                anchored = any(
                    f.date is not None and f.date.precision in ("day", "week")
                    for f in self.fragments
                ) or any(p.cue in SCENE_CUES for p in self.places)
                if anchored or determined:
                    return True
        return False

    @property
    def bare(self) -> bool:
        """Told once and with nothing about it: one attack word, no victim or target, no toll,
        no claim and no day of its own ('the guerrillas also attacked in Uchiza'). A passing
        mention of an attack, not a report of one."""
        words = [m for m in self.mentions if m.counts_as_event]
        if self.first_sentence <= 1:
            return False  # the lead tells the news: 'A bomb exploded in Quetta, police said.'
        if len(words) != 1 or self.counts or any(f.claim or _dated(f) for f in self.fragments):
            return False
        return not any(role == "target" for role, _ in role_arguments(words[0]))

    @property
    def last_sentence(self) -> int:
        return self.fragments[-1].sentence

    @property
    def first_sentence(self) -> int:
        return self.fragments[0].sentence


# What is done to a bomb to set it against a target: "bombs were hurled at a temple".
_DELIVERY_VERBS = frozenset(
    "hurl throw toss lob plant place hide leave detonate explode set fire launch".split()
)


def _one_more(head: Token) -> bool:
    """'another bomb', 'a second attack'."""
    if head.pos_ not in ("NOUN", "PROPN"):
        return False
    return any(
        (c.dep_ == "det" and c.lower_ == "another") or (c.dep_ == "amod" and c.lower_ in _ORDINALS)
        for c in head.children
    )


_ATTEMPT_VERBS = frozenset("try attempt seek".split())


def _person_words(token: Token) -> set[str]:
    """The words of the person names in a noun phrase, not in its clauses: 'Juan' and 'Perez'
    of 'the mayor of Cali, Juan Perez'."""
    words: set[str] = set()
    stack = [token]
    while stack:
        current = stack.pop()
        if current.ent_type_ == "PERSON" and current.pos_ == "PROPN" and len(current.text) > 1:
            words.add(current.lower_)
        stack += [c for c in current.children if c.dep_ not in _CLAUSES]
    return words


_CLAUSES = frozenset("relcl acl advcl ccomp xcomp".split())


def attempted(mention: Mention) -> bool:
    """'tried to attack', 'attempted to kidnap', 'an attempted kidnapping', 'failed to explode'."""
    head = mention.head
    governor = head.head
    if (
        head.tag_ == "VB"
        and governor.lemma_.lower() in _ATTEMPT_VERBS
        and governor.tag_ in ("VBD", "VBN", "VBZ", "VBP")
    ):
        return True
    if any(
        c.lower_ in ("attempted", "failed", "foiled", "thwarted", "botched")
        and c.dep_ in ("amod", "compound")
        for c in head.children
    ):
        return True
    if governor.lemma_.lower() == "fail" and head.dep_ in ("nsubj", "nsubjpass"):
        return True  # "the bomb failed to explode"
    return governor.lemma_.lower() == "fail" and head.tag_ == "VB"


# What the authorities do to a bomb or a plot that then never goes off.
_FOILING_VERBS = frozenset(
    "defuse deactivate dismantle disarm neutralize neutralise foil thwart avert frustrate "
    "intercept".split()
)


def foiled(mention: Mention) -> bool:
    """'police defused a bomb', 'a bomb was defused', 'troops thwarted an attack on the base'."""
    head = mention.head
    if head.dep_ not in ("dobj", "nsubjpass"):
        return False
    verb = head.head
    # "a bomb was found and defused": the verb the bomb hangs on, or the one joined to it
    verbs = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    return any(v.lemma_.lower() in _FOILING_VERBS for v in verbs)


def build_fragments(
    parsed: ParsedArticle,
    mentions: list[Mention],
    counts: list[CountMention],
    places: list[PlaceMention],
) -> list[Fragment]:
    """Group mentions by cluster and give each fragment the counts and places of its segment."""
    by_cluster: dict[int, Fragment] = {}
    for mention in mentions:
        fragment = by_cluster.get(mention.cluster)
        if fragment is None:
            fragment = Fragment(
                mention.sent.index,
                mention.cluster,
                mention.start,
                mention.end,
                [],
                opening=mention.sent.text[:60],
            )
            by_cluster[mention.cluster] = fragment
        fragment.mentions.append(mention)
        fragment.start = min(fragment.start, mention.start)
        fragment.end = max(fragment.end, mention.end)
        fragment.sequence = fragment.sequence or mention.sequence
    fragments = sorted(by_cluster.values(), key=lambda f: f.start)
    by_sentence: dict[int, list[Fragment]] = {}
    for fragment in fragments:
        by_sentence.setdefault(fragment.sentence, []).append(fragment)
    for count in counts:
        owner = next((f for f in fragments if f.cluster == count.mention.cluster), None)
        if owner is not None:
            owner.counts.append(count)
    for place in places:
        sent = parsed.sentence_at(place.start)
        if (
            sent is None
            or sent.index not in by_sentence
            or place.in_dateline
            or aftermath(parsed, place)
        ):
            continue
        _segment_owner(by_sentence[sent.index], place.start).places.append(place)
    return fragments


def _segment_owner(fragments: list[Fragment], offset: int) -> Fragment:
    """The fragment of a sentence whose segment holds a character offset: segments start at
    their sequence cut ("the day after ...")."""
    owner = fragments[0]
    for fragment in fragments[1:]:
        cut = fragment.sequence.start if fragment.sequence else fragment.start
        if offset >= cut:
            owner = fragment
    return owner


def merge(fragments: list[Fragment], anchor: dt.date | None = None) -> list[Incident]:
    """Incidents from fragments, in order of first mention."""
    incidents: list[Incident] = []
    by_cluster: dict[int, Incident] = {}
    waiting: list[Fragment] = []  # claims told before the attack they claim
    for fragment in fragments:
        if not fragment.useful or fragment.aggregate:
            continue  # generic, hypothetical or negated words, aggregates: part of no incident
        target = _choose(fragment, incidents, by_cluster, anchor)
        if target is None:
            if not fragment.founding or fragment.aggregate:
                if not incidents and fragment.claim:
                    waiting.append(fragment)
                continue
            target = Incident([])
            incidents.append(target)
            for claim in waiting:
                target.fragments.append(claim)
                by_cluster[claim.cluster] = target
            waiting = []
        target.fragments.append(fragment)
        by_cluster[fragment.cluster] = target
    return [incident for incident in incidents if incident.specific and not incident.bare]


def _choose(
    fragment: Fragment,
    incidents: list[Incident],
    by_cluster: dict[int, Incident],
    anchor: dt.date | None = None,
) -> Incident | None:
    """The incident a fragment continues, or None for a new one (or none at all).

    Most articles tell one attack over many sentences, so a fragment continues the latest
    incident it does not contradict (another scene, another day), unless it follows a
    discourse marker of a new incident or is chained to another one ("the day after").
    """
    if not incidents or fragment.sequence is not None:
        return None
    new_marker = bool(_NEW_INCIDENT.match(fragment.opening))
    if new_marker and fragment.attack_words:
        return None
    if fragment.another:
        return None  # "police said another bomb was defused at a school": not the first bomb
    if _when_and_where(fragment, incidents[-1]):
        latest = incidents[-1]
        date = fragment.date
        if (
            date is not None
            and _dated(fragment)
            and any(_dated(other) and not _overlap(date, other.date) for other in latest.fragments)
        ):
            fragment.date = None  # the day told first stands; a garbled one is no second attack
        return latest
    if fragment.definite or _tolls(fragment):
        same = _same_kind(fragment, incidents)
        if same is not None:
            return same
    if fragment.claim and not fragment.attack_words and not incidents[-1].attacked:
        # "No group claimed the incident" after "the victims were released two weeks later":
        # a claim is about the attack told before, not about its victims' release
        attacked = [i for i in incidents if i.attacked and not _contradicts(fragment, i)]
        if attacked and fragment.sentence - attacked[-1].last_sentence <= MAX_GAP:
            return attacked[-1]
    for incident in reversed(incidents):
        gap = fragment.sentence - incident.last_sentence
        if gap > MAX_GAP and not fragment.definite:
            break
        if fragment.indefinite and gap > _INDEFINITE_GAP:
            return None  # "an ambush", told paragraphs later, is another ambush
        if not _contradicts(fragment, incident, anchor):
            return incident
        if not fragment.attack_words:
            return None  # a toll or claim that contradicts the latest incident belongs to none
    return None


_HAPPEN_LEMMAS = frozenset({"occur", "happen"})


def _when_and_where(fragment: Fragment, incident: Incident) -> bool:
    """'The explosion occurred at 2130 on Thursday', 'the attack took place near the border',
    told right after an attack: when and where that attack happened, even where the day it
    gives disagrees with the one told before (a garbled day is the text's error, not a second
    explosion)."""
    if not fragment.definite or fragment.sentence - incident.last_sentence > 1:
        return False
    for mention in fragment.attack_words:
        head = mention.head
        verb = head.head
        if head.dep_ != "nsubj" or head.tag_ in ("NNS", "NNPS"):
            continue  # "the ambushes took place on the highway and in Los Masariegos": several
        lemma = verb.lemma_.lower()
        took_place = lemma == "take" and any(c.lower_ == "place" for c in verb.children)
        if lemma in _HAPPEN_LEMMAS or took_place:
            own = _kinds(incident.attack_words)
            wanted = _kinds([mention])
            return not wanted or not own or bool(wanted & own)
    return False


def _kinds(mentions: list[Mention]) -> set[str]:
    """What the attack words say was done: their methods, and their type when it is more than
    an armed assault ('the shooting' -> shooting; 'the blast' -> bombing; 'the attack' -> none)."""
    kinds: set[str] = set()
    for mention in mentions:
        kinds.update(mention.methods)
        if mention.type and mention.type != "armed_assault":
            kinds.add(mention.type)
    return kinds


def _tolls(fragment: Fragment) -> set[tuple[str, int, int | None]]:
    """The fragment's own tolls of people harmed, as (outcome, min, max)."""
    return {
        (c.outcome, c.value.min, c.value.max)
        for c in fragment.counts
        if not (c.aggregate or c.update or c.additional or c.attackers) and c.value.min > 0
    }


def _same_kind(fragment: Fragment, incidents: list[Incident]) -> Incident | None:
    """The latest incident of the fragment's kind that it refers back to or restates.

    'Two other police officers were wounded in the shooting', told after a grenade attack: a
    definite reference goes back to the latest shooting. 'A grenade attack killed five people'
    in a lead, then 'a man threw a grenade ..., killing five people' paragraphs later: an attack
    of the same kind with the same toll is the same attack told again in full."""
    wanted = _kinds(fragment.attack_words)
    if not wanted:
        return None
    tolls = set() if fragment.definite else _tolls(fragment)
    for incident in reversed(incidents):
        if fragment.sentence - incident.last_sentence > MAX_GAP:
            break
        if not wanted & _kinds(incident.attack_words) or _contradicts(fragment, incident):
            continue
        if fragment.definite or tolls & {t for f in incident.fragments for t in _tolls(f)}:
            return incident
    return None


def _update_only(fragment: Fragment) -> bool:
    """A toll that changed and nothing else: 'by Sunday the death toll had risen to 15' is
    dated when it was counted, not when the attack happened."""
    return (
        bool(fragment.counts)
        and all(c.update for c in fragment.counts)
        and not fragment.attack_words
    )


def _contradicts(fragment: Fragment, incident: Incident, anchor: dt.date | None = None) -> bool:
    """A different scene or a different day (a later toll's day is no other day)."""
    scene = fragment.scene
    if fragment.claim and not fragment.founding:
        scene = None  # "a caller told a radio station in Cali": where the claim was made
    if scene is not None and specificity(scene) >= 2:
        for place in incident.places:
            if specificity(place) >= 2 and conflict(scene, place):
                return True
    if _other_victim(fragment, incident):
        return True
    if _dated(fragment) and not fragment.claim and not _update_only(fragment):
        # a claim's day is when it was claimed ("in a statement released on Saturday"); a day
        # and a month, or two years, that do not overlap are two attacks
        assert fragment.date is not None
        for other in incident.fragments:
            if _dated(other) and not _overlap(fragment.date, other.date):
                return True
        if anchor is not None and _older_than_lead(fragment, incident, anchor):
            return True
    return False


def _other_victim(fragment: Fragment, incident: Incident) -> bool:
    """An attack told of another named person: 'Gunmen murdered the mayor, Juan Perez, on
    Monday. ... Guerrillas kidnapped Maria Lopez, a judge' are two attacks. A reference back
    ('the murder of Perez') or a toll of others ('his driver was also killed') is no attack
    word on another victim and does not split."""
    if fragment.definite:
        return False
    victims = fragment.victims
    if not victims:
        return False
    known = set().union(*(f.victims for f in incident.fragments))
    return bool(known) and not victims & known


def _older_than_lead(fragment: Fragment, incident: Incident, anchor: dt.date) -> bool:
    """An attack told with a day of its own days before the report, after an undated lead: the
    lead is the news of the day, the dated attack an earlier one ("... on 14 April guerrillas
    attacked the home of ...")."""
    assert fragment.date is not None and fragment.date.end is not None
    if fragment.definite or fragment.date.precision != "day":
        return False
    if (anchor - fragment.date.end).days < _LEAD_DAYS:
        return False
    if incident.first_sentence > 1 or any(_dated(f) for f in incident.fragments):
        return False
    return any(m.head.tag_ in ("VBD", "VBN") for m in fragment.attack_words)


def _dated(fragment: Fragment) -> bool:
    """A date of the fragment's own, at least as precise as a year."""
    date = fragment.date
    return (
        date is not None
        and date.start is not None
        and date.end is not None
        and not date.on_or_before
        and date.precision != "unknown"
    )


def _overlap(a: EventDate, b: EventDate | None) -> bool:
    assert b is not None and a.start and a.end and b.start and b.end
    return a.start <= b.end and b.start <= a.end
