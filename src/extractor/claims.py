"""Claims of responsibility: who claimed an attack, who denied it, and that nobody has, with the
claim's date and channel (statement, video, news agency, social media, note, phone call).

A claim is part of the incident it claims, never an incident of its own: its sentence joins the
incident it refers to, and its claimant becomes a perpetrator with attribution "claimed".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.tokens import Token

from .actors import ActorMention, _Context, index
from .dates import find_dates, resolve
from .mentions import Mention
from .parse import ParsedArticle
from .schema import Claim, ClaimChannel, ClaimStatus, Perpetrator, Span

_CHANNELS: tuple[tuple[str, ClaimChannel], ...] = (
    (r"\b(?:amaq|aamaq|a'maq|al-naba|naba)\b", "news_agency"),
    (r"\bnews agency\b|\bagency\b", "news_agency"),
    (
        r"\b(?:telegram|twitter|tweet|x\.com|facebook|social media|whatsapp|online post|"
        r"posted online)\b",
        "social_media",
    ),
    (r"\bvideo\b|\bfootage\b|\bfilmed\b", "video"),
    (r"\bwebsite\b|\bweb site\b|\bonline statement\b", "website"),
    (r"\b(?:phone|telephone)(?:d)?\b|\bcall(?:ed|er)?\b", "phone_call"),
    (r"\bradio\b|\bbroadcast\b", "radio"),
    (r"\bnote\b|\bleaflets?\b|\bpamphlets?\b|\bletter\b|\bgraffiti\b", "note"),
    (r"\bstatement\b|\bcommuniqu[eé]s?\b|\bdeclaration\b|\bmessage\b", "statement"),
    (r"\bnewspaper\b|\bpress\b|\breporters?\b|\bjournalists?\b", "press"),
)
_UNCLAIMED = re.compile(
    r"\b(?:no (?:one|group|organi[sz]ation|faction|militant group|armed group|party|one group)|"
    r"nobody|none of the groups?)\b[^.;]{0,40}\b(?:claim|claimed|has claimed|have claimed|took|"
    r"has taken)\b|\bno (?:immediate )?claims? of responsibility\b|\bhas not been claimed\b|"
    r"\bwas not claimed\b|\bwent unclaimed\b|\bremain(?:s|ed)? unclaimed\b|\byet to (?:be )?claim|"
    r"\bno immediate claim\b|"
    r"\bnot (?:yet )?claimed\b",
    re.IGNORECASE,
)
_DENIAL_LEMMAS = frozenset("deny reject disown dismiss refute".split())
_CLAIM_OBJECTS = frozenset(
    "responsibility attack attacks bombing bombings ambush killing killings "
    "kidnapping abduction assault blast explosion operation operations it "
    "them raid assassination murder".split()
)


@dataclass(eq=False)
class ClaimMention:
    """A claim, denial or statement that nobody claimed, found in one sentence."""

    status: ClaimStatus
    mention: Mention | None
    sentence: int
    start: int
    end: int
    text: str
    by: list[ActorMention] = field(default_factory=list)
    channel: ClaimChannel | None = None
    cluster: int = -1

    @property
    def evidence(self) -> Span:
        return Span(start=self.start, end=self.end, text=self.text)


def find_claims(parsed: ParsedArticle, mentions: list[Mention]) -> list[ClaimMention]:
    """Claims, denials and 'no group has claimed' statements of the parsed sentences."""
    groups = index().find_groups(parsed.text, all_caps=parsed.all_caps, tokens=parsed.words)
    nouns = index().find_nouns(parsed.text, all_caps=parsed.all_caps, tokens=parsed.words)
    context = _Context(parsed, groups, nouns)
    found: list[ClaimMention] = []
    by_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sent.index, []).append(mention)
    for sent in parsed.parsed:
        doc = sent.doc
        assert doc is not None
        anchor = by_sentence.get(sent.index, [None])[0]
        if anchor is None:
            continue
        text = sent.text
        unclaimed = _UNCLAIMED.search(text)
        if unclaimed:
            found.append(
                ClaimMention(
                    "unclaimed",
                    anchor,
                    sent.index,
                    sent.start + unclaimed.start(),
                    sent.start + unclaimed.end(),
                    unclaimed.group(),
                    cluster=anchor.cluster,
                )
            )
            continue
        for token in doc:
            status = _claim_status(token)
            if status is None:
                continue
            found_for = _nearest(by_sentence[sent.index], token)
            subject = _subject(token)
            claimants = []
            if subject is not None and found_for is not None:
                actor = context.actor(found_for, subject, "perpetrator")
                if actor is not None and (
                    actor.actor_id or actor.kind in ("armed_group", "unknown_armed", "militia")
                ):
                    actor.attribution = "claimed" if status == "claimed" else actor.attribution
                    actor.syntactic = False
                    claimants.append(actor)
            head_span = doc[token.left_edge.i : token.right_edge.i + 1]
            start = sent.start + head_span.start_char
            end = sent.start + head_span.end_char
            found.append(
                ClaimMention(
                    status,
                    found_for,
                    sent.index,
                    start,
                    end,
                    parsed.text[start:end],
                    claimants,
                    _channel(text),
                    cluster=found_for.cluster if found_for else -1,
                )
            )
            break
    return found


def _claim_status(token: Token) -> ClaimStatus | None:
    """'claimed responsibility', 'claimed the attack', 'took responsibility', 'denied
    involvement'."""
    lemma = token.lemma_.lower()
    if token.pos_ not in ("VERB", "AUX") and not token.tag_.startswith("VB"):
        return None
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
    object_words = {o.lemma_.lower() for o in objects} | {o.lower_ for o in objects}
    negated = any(c.dep_ == "neg" for c in token.children)
    if lemma == "claim":
        if object_words & {"life", "lives"}:
            return None  # "the blast claimed 12 lives": a toll, not a claim
        if object_words & _CLAIM_OBJECTS or any(
            c.dep_ == "prep" and c.lower_ == "for" for c in token.children
        ):
            return "unclaimed" if negated else "claimed"
        return None
    if lemma in ("take", "accept", "assume", "bear") and "responsibility" in object_words:
        return "unclaimed" if negated else "claimed"
    if lemma in _DENIAL_LEMMAS and object_words & {
        "responsibility",
        "involvement",
        "role",
        "part",
        "participation",
        "link",
        "links",
        "claim",
    }:
        return "denied"
    return None


def _subject(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "nsubj":
            return child
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    if token.dep_ in ("xcomp", "conj") and token.head.i != token.i:
        return _subject(token.head)
    return None


def _nearest(mentions: list[Mention], token: Token) -> Mention | None:
    """The attack mention a claim verb is about: one in its object, else the nearest."""
    for mention in mentions:
        if (
            mention.kind == "attack"
            and token.i < mention.head.i
            and mention.head.is_ancestor is not None
            and token.is_ancestor(mention.head)
        ):
            return mention
    attacks = [m for m in mentions if m.kind != "claim"] or mentions
    return min(attacks, key=lambda m: abs(m.head.i - token.i)) if attacks else None


def _channel(text: str) -> ClaimChannel | None:
    lowered = text.lower()
    for pattern, channel in _CHANNELS:
        if re.search(pattern, lowered):
            return channel
    return None


def event_claim(
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
        for found in find_dates(parsed.text, start=first.start, end=first.end):
            resolved = resolve(
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
