"""Actors: who attacked (perpetrators, with how strongly the text attributes the attack) and who
or what was attacked (targets), read from the syntax around each attack word and normalised to
our actor gazetteer.

Roles come from syntax first (roles.py): the subject of an active attack verb, "by X", "X's
fighters", an "IS ambush"; targets from objects, passive subjects, "attack on/against X", "the
murder of X". "the group", "the organization", "the jihadists" point back to the group named
last. Accusations ("police blamed X", "the work of X") give attribution accused or suspected;
parties.py keeps each party of an incident once.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spacy.tokens import Token

from .actor_index import ActorIndex, GroupEntry, NounHit, load_actor_index, regular_plural
from .mentions import Mention
from .parse import ParsedArticle, Sentence
from .roles import (
    NAME_ENTITIES,
    Role,
    attribution_cue,
    clean_name,
    has_definite,
    is_adverbial,
    is_nation,
    named_victims,
    noun_phrase,
    objects_of,
    person_name,
    role_arguments,
    said_with_doubt,
)
from .schema import ActorKind, Attribution, Span
from .text import Match

_ANAPHORS = frozenset(
    "group organization organisation movement outfit faction network militia "
    "jihadist jihadists militants insurgents rebels guerrillas extremists terrorists".split()
)
_PRONOUNS = frozenset("it they them its their".split())
# Modifiers that label the act, not its author: "a terrorist attack" may be anyone's.
_LABEL_MODIFIERS = frozenset("terrorist terrorists terror criminal cowardly".split())
_ACCUSE_VERBS = frozenset("blame accuse attribute hold implicate charge".split())
# "the work of X", "bore the hallmarks of X": X did it.
_WORK_NOUNS = frozenset("work handiwork hallmark hallmarks signature".split())
_ATTACKER_KINDS: frozenset[str] = frozenset(
    {"armed_group", "unknown_armed", "militia", "criminal_group"}
)
_MAX_COREF_CHARS = 3000
# Heads that are never a party to an attack, though the parser puts them in object position:
# "opened fire", "caused damage", "in the death of".
_NOT_ACTORS = frozenset(
    "fire death deaths damage damages attention report reports number toll total casualty "
    "casualties injury injuries wound wounds attack attacks incident incidents action actions "
    "operation operations responsibility statement way time day night morning evening week "
    "month year area zone region place moment life lives it this that which what who one "
    # places, not parties: "attacked the outskirts of the city", "the northern sectors"
    "sector sectors outskirts vicinity surroundings part parts side sides highway road roads "
    "street streets areas zones regions neighborhood neighbourhood neighborhoods "
    # the means, not the target: "planted a bomb", "seized rifles"; clock times ("1700 GMT") and
    # transcription marks ("[words indistinct]")
    "bomb bombs explosive explosives device devices charge charges dynamite mine mines grenade "
    "grenades rifle rifles weapon weapons ammunition shot shots gmt word words indistinct".split()
)
_BAD_ENTITIES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
FORCE_KINDS = frozenset({"state_forces", "police"})
# A group name followed by one of these words qualifies another group: "Al-Qaeda-linked",
# "IS-affiliated", "Taliban-allied fighters".
_AFFILIATE = re.compile(
    r"[-\s](?:linked|affiliated|allied|aligned|inspired|backed|sponsored|connected|leaning)\b",
    re.IGNORECASE,
)
# The text says who did it is not known: no group is then implied from context.
_UNATTRIBUTED = re.compile(
    r"\b(?:not|never|yet to be) (?:been |yet |publicly )?(?:linked|attributed|tied|connected)\b"
    r"[^.;]{0,40}?\b(?:any|a particular|a specific|a) (?:group|organi[sz]ation|faction)|"
    r"\b(?:unclear|not clear|not known|unknown|no indication|did not say|declined to say|"
    r"would not say|could not say|not immediately clear|not immediately known) who\b|"
    r"\bno one knows who\b|\bidentity of the (?:attackers|assailants|gunmen|perpetrators|"
    r"killers|kidnappers)\b[^.;]{0,20}\b(?:unknown|not known|unclear)",
    re.IGNORECASE,
)


@dataclass(eq=False)
class ActorMention:
    """A perpetrator or target found for one mention."""

    role: Role
    mention: Mention
    start: int
    end: int
    text: str
    name: str
    kind: ActorKind
    actor_id: str | None = None
    country_code: str | None = None
    attribution: Attribution = "reported"
    syntactic: bool = True
    proper: bool = False

    @property
    def evidence(self) -> Span:
        return Span(start=self.start, end=self.end, text=self.text)

    @property
    def key(self) -> str:
        return self.actor_id or self.name.lower()

    @classmethod
    def of_group(
        cls,
        role: Role,
        mention: Mention,
        match: tuple[int, int, str],
        group: GroupEntry,
        attribution: Attribution = "reported",
        *,
        syntactic: bool = True,
    ) -> ActorMention:
        """A party that is a group of the gazetteer, named at match (start, end, text); its
        country when it fights in one only."""
        start, end, text = match
        country = group.countries[0] if len(group.countries) == 1 else None
        return cls(
            role,
            mention,
            start,
            end,
            text,
            group.name,
            group.kind,
            group.id,
            country,
            attribution,
            syntactic=syntactic,
        )


@functools.cache
def index() -> ActorIndex:
    """The actor gazetteer, loaded once per process."""
    return load_actor_index()


def article_groups(parsed: ParsedArticle) -> list[Match[GroupEntry]]:
    """The armed groups an article names, found once per article for every stage."""
    if parsed.groups is None:
        parsed.groups = index().find_groups(
            parsed.text, all_caps=parsed.all_caps, tokens=parsed.words
        )
    return parsed.groups


def article_nouns(parsed: ParsedArticle) -> list[Match[NounHit]]:
    """The actor nouns an article uses ('gunmen', 'soldiers'), found once per article."""
    if parsed.nouns is None:
        parsed.nouns = index().find_nouns(
            parsed.text, all_caps=parsed.all_caps, tokens=parsed.words
        )
    return parsed.nouns


def name_spans(parsed: ParsedArticle) -> list[tuple[int, int, str]]:
    """Spans of armed-group names, for truecasing ALL CAPS text: acronyms stay in capitals."""
    spans = []
    for match in article_groups(parsed):
        acronym = " " not in match.text and len(match.text) <= 7
        spans.append((match.start, match.end, "upper" if acronym else "title"))
    return spans


def find_actors(parsed: ParsedArticle, mentions: list[Mention]) -> list[ActorMention]:
    """Perpetrators and targets of every attack or casualty mention."""
    context = _Context(parsed, article_groups(parsed), article_nouns(parsed))
    found: list[ActorMention] = []
    told = {m.sent.index for m in mentions if m.kind in ("attack", "harm")}
    for mention in mentions:
        if mention.kind == "claim" and mention.sent.index not in told and not mention.negated:
            # "Police blamed Boko Haram.", "It was the work of the FARC.": a sentence of its
            # own that names who did the incident it joins
            found += context.accusations(mention)
            continue
        if mention.kind not in ("attack", "harm") or mention.negated:
            continue
        own = [
            actor
            for role, token in role_arguments(mention)
            if (actor := context.actor(mention, token, role)) is not None
        ]
        if not any(a.role == "perpetrator" for a in own):
            own += context.positional_subject(mention)
        found += own
        found += context.accusations(mention)
        if _UNATTRIBUTED.search(mention.sent.text):
            found.append(context.marker(mention, "unattributed", _UNATTRIBUTED))
    found += _named_later(context, mentions)
    found += _implied(context, mentions, found)
    return _dedupe(found)


def _named_later(context: _Context, mentions: list[Mention]) -> list[ActorMention]:
    """Victims a later sentence names ('The victims were identified as X and Y.'): targets of
    the nearest attack or casualty told before that sentence."""
    told = [m for m in mentions if m.kind in ("attack", "harm") and not m.negated]
    found: list[ActorMention] = []
    for sent in context.parsed.parsed:
        assert sent.doc is not None
        names = named_victims(sent.doc) if told else []
        before = [m for m in told if m.sent.start < sent.start]
        if not names or not before:
            continue
        mention = before[-1]
        for token in names:
            start_tok, end_tok = noun_phrase(token)
            bare = person_name(token) or (start_tok, end_tok)
            name = clean_name(sent.doc[bare[0] : bare[1]])
            start = sent.start + sent.doc[start_tok].idx
            end = sent.start + sent.doc[end_tok - 1].idx + len(sent.doc[end_tok - 1].text)
            if name:
                text = context.parsed.text[start:end]
                found.append(
                    ActorMention("target", mention, start, end, text, name, "other", proper=True)
                )
    return found


def _implied(
    context: _Context, mentions: list[Mention], found: list[ActorMention]
) -> list[ActorMention]:
    """The group an article's context points to, for its incidents that name no perpetrator:
    the one armed group its other incidents are attributed to, else the one armed group it
    names. Attribution "implied": a coder reads it from the article, the text never says it
    of this incident. event_actors keeps it only where nothing else is known."""
    attributed = {
        a.actor_id: a
        for a in found
        if a.role == "perpetrator" and a.actor_id and a.kind not in FORCE_KINDS
    }
    named = {m.value.id: m for m in context.groups if m.value.kind not in FORCE_KINDS}
    if len(attributed) == 1:
        group_id = next(iter(attributed))
    elif not attributed and len(named) == 1:
        group_id = next(iter(named))
    else:
        return []
    matches = [m for m in context.groups if m.value.id == group_id]
    told = {m.sent.index for m in mentions if m.kind in ("attack", "claim")}
    sentences = {s.index for m in matches if (s := context.parsed.sentence_at(m.start))}
    if len(matches) == 1 and sentences <= told:
        # named once, as the party of one incident ("a Taliban spokesman claimed the
        # checkpoint attack"): no evidence for the article's other incidents
        single = next(iter(sentences), None)
        clusters = {m.cluster for m in mentions if m.sent.index == single}
    else:
        clusters = set()
    implied: list[ActorMention] = []
    seen: set[int] = set()
    for mention in mentions:
        if mention.cluster in seen or not mention.counts_as_event:
            continue
        seen.add(mention.cluster)
        if clusters and mention.cluster not in clusters:
            continue
        match = _nearest_match(matches, mention.start)
        group = match.value
        sentence = context.parsed.sentence_at(match.start)
        implied.append(
            ActorMention.of_group(
                "perpetrator",
                mention,
                (match.start, match.end, match.text),
                group,
                _stated_attribution(sentence, mention),
                syntactic=False,
            )
        )
    return implied


# A sentence naming a group with no attack word of its own may still say how the attack is
# laid at its door: "The ELN was suspected", "sources attributed the attack to ISIL".
_SUSPECTED_WORDS = re.compile(r"\b(?:suspect\w*|believed|thought|presumed)\b", re.IGNORECASE)
_ACCUSED_WORDS = re.compile(
    r"\b(?:blam\w*|accus\w*|attribut\w*|held\s+responsible)\b", re.IGNORECASE
)


def _stated_attribution(sentence: Sentence | None, mention: Mention) -> Attribution:
    """How the sentence that names an implied group attributes the attack, when it follows the
    attack closely ('A grenade was thrown at a judge's house. ... The ELN was suspected.')."""
    if sentence is None or not 0 <= sentence.index - mention.sent.index <= 3:
        return "implied"
    if _ACCUSED_WORDS.search(sentence.text):
        return "accused"
    if _SUSPECTED_WORDS.search(sentence.text):
        return "suspected"
    return "implied"


def _nearest_match(matches: list[Match[GroupEntry]], offset: int) -> Match[GroupEntry]:
    """The match closest before an offset, else the first after it."""
    before = [m for m in matches if m.end <= offset]
    return before[-1] if before else matches[0]


def _dedupe(actors: list[ActorMention]) -> list[ActorMention]:
    seen: set[tuple[int, str, int]] = set()
    kept = []
    for actor in actors:
        key = (id(actor.mention), actor.role, actor.start)
        if key not in seen:
            seen.add(key)
            kept.append(actor)
    return kept


class _Context:
    """Article-level knowledge the role readers share: group and noun matches."""

    def __init__(
        self, parsed: ParsedArticle, groups: list[Match[GroupEntry]], nouns: list[Match[NounHit]]
    ) -> None:
        self.parsed = parsed
        # "an Al-Qaeda-linked alliance" names another group, not al-Qaeda
        self.groups = [m for m in groups if not _AFFILIATE.match(parsed.text, m.end)]
        self.nouns = nouns

    def actor(self, mention: Mention, token: Token, role: Role) -> ActorMention | None:
        if role == "modifier":
            return self._modifier(mention, token)
        if role == "site":
            return self._site(mention, token)
        if token.i in range(mention.span.start, mention.span.end) or (
            token.pos_ in ("PRON", "NUM") and token.lower_ not in _PRONOUNS
        ):
            return None
        if (
            token.ent_type_ in _BAD_ENTITIES
            or (
                (token.lemma_.lower() in _NOT_ACTORS or token.lower_ in _NOT_ACTORS)
                and token.lower_ not in _PRONOUNS
            )
            or is_nation(token)
        ):
            return None
        doc = token.doc
        start_tok, end_tok = noun_phrase(token)
        span = doc[start_tok:end_tok]
        offset = mention.sent.start
        start, end = offset + span.start_char, offset + span.end_char
        text = self.parsed.text[start:end]
        group = self._group_in(start, end)
        attribution = attribution_cue(token)
        anaphor = token.lemma_.lower() in _ANAPHORS
        if group is None and (
            token.lower_ in _PRONOUNS
            or (anaphor and has_definite(token))
            or (role == "perpetrator" and self._its_men(token, start, end))
        ):
            group = self._antecedent(start)
            if group is None and token.lower_ in _PRONOUNS:
                return None
        if group is not None:
            return ActorMention.of_group(role, mention, (start, end, text), group, attribution)
        head_start = offset + token.idx
        noun = self._noun_in(start, end, head=(head_start, head_start + len(token.text)))
        name = clean_name(span)
        if not name:
            return None
        bare = person_name(token) if role == "target" else None
        if bare is not None and start_tok <= bare[0] and bare[1] - bare[0] < len(span):
            # the person's name; their titles and office stay in the text
            name = clean_name(doc[bare[0] : bare[1]]) or name
        if noun is not None:
            kind: ActorKind = self._kind(noun, start, end)
            if (
                role == "perpetrator"
                and noun.entry.role == "target"
                and kind not in _ATTACKER_KINDS
                and kind not in ("state_forces", "police")
            ):
                return None  # "villagers attacked ...": rarely, and not what we can read here
            return ActorMention(
                role,
                mention,
                start,
                end,
                text,
                name,
                kind,
                None,
                noun.country,
                attribution,
                proper=token.pos_ == "PROPN" or token.ent_type_ == "PERSON",
            )
        if token.ent_type_ in NAME_ENTITIES or token.pos_ == "PROPN":
            # a name: a person, an organisation, a building ("Hector Oqueli", "Fenastras")
            kind = self._appositive_kind(mention, token) or "other"
            return ActorMention(
                role, mention, start, end, text, name, kind, None, None, attribution, True, True
            )
        # A common noun our lexicon does not list ("orders", "the clashes", "the towns") is
        # rarely who or what was attacked: the lexicon names people, forces and property.
        return None

    def _site(self, mention: Mention, token: Token) -> ActorMention | None:
        """What stood where a bomb went off ('outside the bank'): a target when it is property
        or people our lexicon names, or a named building; never a mere place ('in Lima')."""
        start = mention.sent.start + token.idx
        noun = self._noun_in(start, start + len(token.text))
        if token.ent_type_ == "FAC" or (
            noun is not None
            and noun.entry.role != "perpetrator"
            and noun.entry.kind not in _ATTACKER_KINDS
        ):
            return self.actor(mention, token, "target")
        return None

    def _its_men(self, token: Token, start: int, end: int) -> bool:
        """'its fighters', 'their militants': a group's own men, the group named before."""
        if not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in token.children):
            return False
        noun = self._noun_in(start, end)
        return noun is not None and noun.entry.kind in _ATTACKER_KINDS

    def _appositive_kind(self, mention: Mention, token: Token) -> ActorKind | None:
        """The kind of the noun a name stands in apposition to: 'two journalists, John Smith
        and Maria Lopez' are journalists."""
        while token.dep_ == "conj" and token.head.i != token.i:
            token = token.head
        if token.dep_ != "appos":
            return None
        heads = [token.head]
        if token.head.pos_ == "NUM":
            heads += [g for c in token.head.children if c.lower_ == "of" for g in c.children]
        offset = mention.sent.start
        for head in reversed(heads):
            start = offset + head.idx
            noun = self._noun_in(start, start + len(head.text))
            if noun is not None:
                return noun.entry.kind
        return None

    def positional_subject(self, mention: Mention) -> list[ActorMention]:
        """The group or attacker noun right before an active attack verb the parser gave no
        subject: capitals mislead it ("SHINING PATH GUERRILLAS YESTERDAY ATTACKED ...")."""
        head = mention.head
        passive = any(c.dep_ == "auxpass" for c in head.children)
        if not head.tag_.startswith("VB") or passive:
            return []
        offset = mention.sent.start
        verb_start = offset + head.idx
        spans = [(m.start, m.end) for m in self.groups] + [(m.start, m.end) for m in self.nouns]
        for start, end in sorted(spans, key=lambda span: -span[1]):
            if not (offset <= start and end <= verb_start):
                continue
            between = [t for t in head.doc if end <= offset + t.idx and offset + t.idx < verb_start]
            if len(between) > 3 or not all(is_adverbial(t) for t in between):
                continue
            group = self._group_in(start, end)
            text = self.parsed.text[start:end]
            if group is not None:
                return [ActorMention.of_group("perpetrator", mention, (start, end, text), group)]
            noun = self._noun_in(start, end)
            if noun is not None and noun.entry.kind in _ATTACKER_KINDS:
                name = " ".join(text.split())
                return [
                    ActorMention("perpetrator", mention, start, end, text, name, noun.entry.kind)
                ]
        return []

    def marker(self, mention: Mention, role: Role, pattern: re.Pattern[str]) -> ActorMention:
        """A statement about the parties with no party in it ('no group has been linked to the
        attack'), as evidence."""
        found = pattern.search(mention.sent.text)
        assert found is not None
        start = mention.sent.start + found.start()
        end = mention.sent.start + found.end()
        text = self.parsed.text[start:end]
        return ActorMention(role, mention, start, end, text, text, "other", syntactic=False)

    def _modifier(self, mention: Mention, token: Token) -> ActorMention | None:
        """'an IS ambush', 'a guerrilla attack', 'Taliban attacks': the modifier is the attacker."""
        offset = mention.sent.start
        start, end = offset + token.idx, offset + token.idx + len(token.text)
        group = self._group_in(start, end)
        text = self.parsed.text[start:end]
        if group is not None:
            return ActorMention.of_group("perpetrator", mention, (start, end, text), group)
        if token.lower_ in _LABEL_MODIFIERS:
            return None  # "a terrorist attack", "a criminal attack": what the act was called
        noun = self._noun_in(start, end)
        if noun is not None and noun.entry.kind in _ATTACKER_KINDS:
            return ActorMention(
                "perpetrator",
                mention,
                start,
                end,
                text,
                # "a guerrilla attack" was made by guerrillas
                regular_plural(token.lemma_.lower()) if token.tag_ != "NNS" else token.lower_,
                noun.entry.kind,
                None,
                noun.country,
                "reported",
            )
        if token.lower_ in ("guerrilla", "rebel", "militant", "insurgent", "jihadist"):
            plural = token.lower_ + "s"
            return ActorMention(
                "perpetrator",
                mention,
                start,
                end,
                text,
                plural,
                "unknown_armed",
                None,
                None,
                "reported",
            )
        return None

    def accusations(self, mention: Mention) -> list[ActorMention]:
        """'Police blamed Boko Haram for the attack', 'attributed to ISIS', 'accused the FARC
        of the bombing', 'the work of the Taliban', 'bore the hallmarks of al-Qaeda'."""
        found: list[ActorMention] = []
        for token in mention.doc:
            lemma = token.lemma_.lower()
            attribution: Attribution = "accused"
            if lemma == "attribute":
                targets = objects_of(token, "to")
            elif lemma in _ACCUSE_VERBS:
                targets = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
            elif token.lower_ == "responsible" and token.dep_ == "acomp":
                # "police said the ELN was responsible (for the kidnapping)"; a group that
                # says so of itself claims it (claims.py)
                copula = token.head
                if any(c.dep_ == "neg" for c in copula.children):
                    continue
                targets = [c for c in copula.children if c.dep_ == "nsubj"]
                said = copula.dep_ == "ccomp" and copula.head.pos_ == "VERB"
                attribution = "accused" if said else "reported"
            elif token.lower_ == "behind" and token.dep_ == "prep" and token.head.lemma_ == "be":
                # "police said IS militants were behind the attack", "believed to be behind it"
                copula = token.head
                if any(c.dep_ == "neg" for c in copula.children):
                    continue
                targets = [c for c in copula.children if c.dep_ == "nsubj"]
                said = copula.dep_ == "ccomp" and copula.head.pos_ == "VERB"
                doubt = said_with_doubt(token)
                attribution = "suspected" if doubt else ("accused" if said else "reported")
            elif lemma in _WORK_NOUNS or token.lower_ in _WORK_NOUNS:
                targets = objects_of(token, "of")
                cued = lemma.startswith("hallmark") or lemma == "signature"
                attribution = "suspected" if cued or said_with_doubt(token) else "reported"
            else:
                continue
            for target in targets:
                actor = self.actor(mention, target, "perpetrator")
                if (
                    actor is not None
                    and actor.kind in _ATTACKER_KINDS | {"other"}
                    and (actor.actor_id or actor.kind != "other")
                ):
                    if lemma in ("accuse", "charge"):
                        self._cut_of(actor, target)  # "accused bandits of the killings"
                    actor.attribution = attribution
                    actor.syntactic = False
                    found.append(actor)
        return found

    def _cut_of(self, actor: ActorMention, token: Token) -> None:
        """End a phrase before its 'of' phrase, which belongs to the verb ('accused X of Y')."""
        cut = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if cut is None or actor.actor_id:
            return
        end = actor.mention.sent.start + cut.idx
        if end <= actor.start:
            return
        name = clean_name(token.doc[noun_phrase(token)[0] : cut.i])
        if name:
            actor.end = end
            actor.text = self.parsed.text[actor.start : end].rstrip()
            actor.end = actor.start + len(actor.text)
            actor.name = name

    def _kind(self, head: NounHit, start: int, end: int) -> ActorKind:
        """The kind of a phrase: its head noun's, but a vehicle, post or base of the army or
        police belongs to the forces ("military vehicle", "police post", "army patrol")."""
        kind: ActorKind = head.entry.kind
        inside = [m.value.entry.kind for m in self.nouns if m.start < end and start < m.end]
        if kind in ("property", "infrastructure", "other"):
            forces = [k for k in inside if k in FORCE_KINDS]
            if forces:
                return forces[0]
        if kind == "other":
            # "rebel leader", "members of the civil defense": a generic word takes the kind
            # of the noun that says whose it is
            return next((k for k in inside if k != "other"), kind)
        return kind

    def _group_in(self, start: int, end: int) -> GroupEntry | None:
        for match in self.groups:
            if match.start < end and start < match.end:
                return match.value
        return None

    def _noun_in(
        self, start: int, end: int, *, head: tuple[int, int] | None = None
    ) -> NounHit | None:
        """The actor noun of a phrase: the one at its head word when there is one ("the house
        of a worker" is a house), else the last ("the floor of the hotel")."""
        best = None
        for match in self.nouns:
            if match.start < end and start < match.end:
                if head is not None and match.start < head[1] and head[0] < match.end:
                    return match.value
                best = match.value
        return best

    def _antecedent(self, before: int) -> GroupEntry | None:
        """The armed group named last before a position, not too far back."""
        chosen = None
        for match in self.groups:
            if match.end <= before and before - match.end <= _MAX_COREF_CHARS:
                chosen = match.value
        return chosen
