"""Actors: who attacked (perpetrators, with how strongly the text attributes the attack) and who
or what was attacked (targets), read from the syntax around each attack word and normalised to
our actor gazetteer.

Roles come from syntax first: the subject of an active attack verb, "by X", "X's fighters", an
"IS ambush"; targets from objects, passive subjects, "attack on/against X", "the murder of X".
"the group", "the organization", "the jihadists" point back to the group named last.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from spacy.tokens import Token

from .actor_index import ActorIndex, GroupEntry, NounHit, load_actor_index, regular_plural
from .mentions import Mention
from .parse import ParsedArticle
from .schema import ActorKind, Attribution, Perpetrator, Span, Target

if TYPE_CHECKING:
    from .claims import ClaimMention
from .text import Match, fold

Role = str  # "perpetrator" | "target"

# Attack words whose possessor or "of" phrase is the victim, not the attacker.
_VICTIM_NOUNS = frozenset(
    "murder murders assassination assassinations killing killings kidnapping "
    "kidnappings abduction abductions death deaths execution beheading "
    "massacre slaying".split()
)
_ANAPHORS = frozenset(
    "group organization organisation movement outfit faction network militia "
    "jihadists militants insurgents rebels guerrillas extremists terrorists".split()
)
_PRONOUNS = frozenset("it they them its their".split())
_DYING_VERBS = frozenset("die perish succumb drown lose".split())
_SUSPECT_CUES = frozenset(
    "suspected alleged presumed presumably suspect probable apparent "
    "likely possibly probably believed thought".split()
)
# Modifiers that label the act, not its author: "a terrorist attack" may be anyone's.
_LABEL_MODIFIERS = frozenset("terrorist terrorists terror criminal cowardly".split())
# Verbs whose object an attack noun hit: "the blast destroyed two houses".
_DAMAGE_VERBS = frozenset(
    "damage destroy wreck gut shatter raze demolish hit strike rip tear flatten level "
    "devastate".split()
)
_ACCUSE_VERBS = frozenset("blame accuse attribute hold implicate charge".split())
# "the work of X", "bore the hallmarks of X": X did it.
_WORK_NOUNS = frozenset("work handiwork hallmark hallmarks signature".split())
_DETERMINERS = frozenset("the a an this that these those its their his her our some".split())
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
_NAME_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "FAC"})
_FORCE_KINDS = frozenset({"state_forces", "police"})
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
_POSSESSIVE_END = re.compile(r"(?<=\w)['\u2019](?:[sS])?$")


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


@functools.cache
def index() -> ActorIndex:
    """The actor gazetteer, loaded once per process."""
    return load_actor_index()


def name_spans(parsed: ParsedArticle) -> list[tuple[int, int, str]]:
    """Spans of armed-group names, for truecasing ALL CAPS text: acronyms stay in capitals."""
    spans = []
    for match in index().find_groups(parsed.text, all_caps=parsed.all_caps, tokens=parsed.words):
        acronym = " " not in match.text and len(match.text) <= 7
        spans.append((match.start, match.end, "upper" if acronym else "title"))
    return spans


def find_actors(parsed: ParsedArticle, mentions: list[Mention]) -> list[ActorMention]:
    """Perpetrators and targets of every attack or casualty mention."""
    groups = index().find_groups(parsed.text, all_caps=parsed.all_caps, tokens=parsed.words)
    nouns = index().find_nouns(parsed.text, all_caps=parsed.all_caps, tokens=parsed.words)
    context = _Context(parsed, groups, nouns)
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
            for role, token in _arguments(mention)
            if (actor := context.actor(mention, token, role)) is not None
        ]
        if not any(a.role == "perpetrator" for a in own):
            own += context.positional_subject(mention)
        found += own
        found += context.accusations(mention)
        if _UNATTRIBUTED.search(mention.sent.text):
            found.append(context.marker(mention, "unattributed", _UNATTRIBUTED))
    found += _implied(context, mentions, found)
    return _dedupe(found)


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
        if a.role == "perpetrator" and a.actor_id and a.kind not in _FORCE_KINDS
    }
    named = {m.value.id: m for m in context.groups if m.value.kind not in _FORCE_KINDS}
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
        implied.append(
            ActorMention(
                "perpetrator",
                mention,
                match.start,
                match.end,
                match.text,
                group.name,
                group.kind,
                group.id,
                group.countries[0] if len(group.countries) == 1 else None,
                "implied",
                syntactic=False,
            )
        )
    return implied


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


# ---------------------------------------------------------------------------------------------
# Syntax: which noun phrases fill which role
# ---------------------------------------------------------------------------------------------
def _arguments(mention: Mention) -> list[tuple[Role, Token]]:
    """Role-filling tokens; each conjunct of a list is its own party ("the governor, a judge
    and the police commander")."""
    args = _direct_arguments(mention)
    expanded: list[tuple[Role, Token]] = []
    for role, token in args:
        if role == "target":
            named = _named_parts(token)
            if named:
                expanded += [("target", t) for t in named]
                continue
        expanded.append((role, token))
        if role != "modifier":
            expanded += [
                (role, c) for c in token.conjuncts if c.i > token.i and c.pos_ in ("NOUN", "PROPN")
            ]
        if role == "target":
            # "a book store, a bank and two houses": a list the parser read as an apposition
            # (an apposition itself has no conjuncts)
            for item in (c for c in token.children if c.dep_ == "appos" and c.pos_ == "NOUN"):
                conjuncts = [c for c in item.conjuncts if c.pos_ in ("NOUN", "PROPN")]
                if conjuncts:
                    expanded += [(role, t) for t in (item, *conjuncts)]
    return expanded


def _direct_arguments(mention: Mention) -> list[tuple[Role, Token]]:
    head = mention.head
    args: list[tuple[Role, Token]] = []
    if head.pos_ in ("VERB", "AUX") or head.tag_.startswith("VB"):
        children = list(head.children)
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in children) or (
            head.tag_ == "VBN"
            and head.dep_ in ("acl", "amod", "relcl")
            and not any(c.dep_ == "dobj" for c in children)
        )
        # "two militants died", "he lost his life": the subject of a dying verb is a victim
        dying = head.lemma_.lower() in _DYING_VERBS
        for child in children:
            if child.dep_ == "nsubj" and not passive:
                args.append(("target" if dying else "perpetrator", child))
            elif child.dep_ == "agent":
                args += [("perpetrator", g) for g in _agents(child)]
            elif child.dep_ in ("dobj", "nsubjpass"):
                args.append(("target", child))
            elif child.dep_ == "prep" and child.lower_ in (
                "on",
                "at",
                "against",
                "upon",
                "to",
                "into",
            ):
                args += [("target", g) for g in child.children if g.dep_ == "pobj"]
        if (
            passive
            and head.dep_ in ("acl", "relcl", "amod")
            and head.head.pos_ in ("NOUN", "PROPN")
        ):
            args.append(("target", head.head))  # "the soldiers killed in the ambush"
        if not any(role == "perpetrator" for role, _ in args) and not passive:
            subject = _inherited_subject(head)
            if subject is not None:
                args.append(("perpetrator", subject))
    else:
        victim_noun = head.lemma_.lower() in _VICTIM_NOUNS or head.lower_ in _VICTIM_NOUNS
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                args += [("perpetrator", g) for g in child.children if g.dep_ == "pobj"]
            elif (
                child.dep_ == "prep"
                and child.lower_ in ("on", "against", "at", "targeting", "upon")
            ) or (child.dep_ == "prep" and child.lower_ == "of" and victim_noun):
                args += [("target", g) for g in child.children if g.dep_ == "pobj"]
            elif child.dep_ == "poss":
                args.append(("target" if victim_noun else "perpetrator", child))
            elif child.dep_ in ("compound", "amod", "nmod") and not victim_noun:
                args.append(("modifier", child))
        if head.dep_ == "dobj" and head.head.lemma_.lower() in (
            "carry",
            "launch",
            "stage",
            "mount",
            "conduct",
            "commit",
            "perpetrate",
        ):
            args += [("perpetrator", c) for c in head.head.children if c.dep_ == "nsubj"]
        if head.dep_ == "nsubj" and head.head.lemma_.lower() in _DAMAGE_VERBS:
            # "the explosion damaged a book store and a bank": what the blast hit
            args += [("target", c) for c in head.head.children if c.dep_ == "dobj"]
        if head.dep_ == "pobj" and head.head.dep_ == "prep":
            # "13 fighters were killed in an ambush": the verb's passive subject are victims
            verb = head.head.head
            if verb.pos_ in ("VERB", "AUX"):
                args += [("target", c) for c in verb.children if c.dep_ == "nsubjpass"]
                args += [
                    ("perpetrator", g)
                    for c in verb.children
                    if c.dep_ == "agent"
                    for g in c.children
                    if g.dep_ == "pobj"
                ]
    return args


def _named_parts(token: Token) -> list[Token]:
    """The people a phrase names in apposition, each a party: 'two journalists, John Smith and
    Maria Lopez', 'two of her bodyguards, Dagoberto Rodriguez and Alfonso de Lima'."""
    heads = [token]
    if token.pos_ == "NUM":
        heads += [g for c in token.children if c.lower_ == "of" for g in c.children]
    names = [
        c
        for head in heads
        for c in head.children
        if c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ in ("PERSON", "")
    ]
    return [n for name in names for n in (name, *name.conjuncts) if n.pos_ == "PROPN"]


def _inherited_subject(verb: Token) -> Token | None:
    """The subject of a coordinated or controlled verb: 'gunmen stormed the hotel and killed 12',
    'rebels tried to seize the town'."""
    current = verb
    for _ in range(3):
        if current.dep_ not in ("conj", "xcomp", "advcl") or current.head.i == current.i:
            return None
        current = current.head
        subjects = [c for c in current.children if c.dep_ == "nsubj"]
        if subjects:
            return subjects[0]
    return None


def noun_phrase(token: Token) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase a token heads, without relative clauses,
    trailing prepositional phrases (other than 'of') or appositions' own clauses; an 'of'
    complement is pruned the same way ("the residences of leaders such as X and Y, ...")."""
    doc = token.doc
    indices = sorted(t.i for t in _phrase_tokens(token))
    start, end = indices[0], indices[-1] + 1
    # stop at the first gap (a clause we skipped); line breaks of wire copy are no gap
    for i, j in itertools.pairwise(indices):
        if j != i + 1 and not all(t.is_space for t in doc[i + 1 : j]):
            end = i + 1 if i >= token.i else end
            break
    while end - 1 > token.i and doc[end - 1].pos_ == "ADP":
        end -= 1  # "the residences of" with its object lost to a bad parse
    return start, end


def _phrase_tokens(token: Token, depth: int = 0) -> list[Token]:
    keep = [token]
    for child in token.children:
        if child.dep_ in ("relcl", "acl", "punct", "cc", "advcl", "conj"):
            continue
        if child.dep_ == "prep":
            if child.lower_ != "of" or child.i < token.i:
                continue
            keep.append(child)
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and depth < 3:
                    keep += _phrase_tokens(grandchild, depth + 1)
            continue
        keep += list(child.subtree)
    return keep


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
            or _a_nation(token)
        ):
            return None
        doc = token.doc
        start_tok, end_tok = noun_phrase(token)
        span = doc[start_tok:end_tok]
        offset = mention.sent.start
        start, end = offset + span.start_char, offset + span.end_char
        text = self.parsed.text[start:end]
        group = self._group_in(start, end)
        attribution = _attribution(token)
        if group is None and (
            token.lower_ in _PRONOUNS
            or (token.lemma_.lower() in _ANAPHORS and _has_definite(token))
        ):
            group = self._antecedent(start)
            if group is None and token.lower_ in _PRONOUNS:
                return None
        if group is not None:
            return ActorMention(
                role,
                mention,
                start,
                end,
                text,
                group.name,
                group.kind,
                group.id,
                group.countries[0] if len(group.countries) == 1 else None,
                attribution,
            )
        head_start = offset + token.idx
        noun = self._noun_in(start, end, head=(head_start, head_start + len(token.text)))
        name = _clean_name(span)
        if not name:
            return None
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
        if token.ent_type_ in _NAME_ENTITIES or token.pos_ == "PROPN":
            # a name: a person, an organisation, a building ("Hector Oqueli", "Fenastras")
            kind = self._appositive_kind(mention, token) or "other"
            return ActorMention(
                role, mention, start, end, text, name, kind, None, None, attribution, True, True
            )
        # A common noun our lexicon does not list ("orders", "the clashes", "the towns") is
        # rarely who or what was attacked: the lexicon names people, forces and property.
        return None

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
            if len(between) > 3 or not all(_adverbial(t) for t in between):
                continue
            group = self._group_in(start, end)
            text = self.parsed.text[start:end]
            if group is not None:
                return [
                    ActorMention(
                        "perpetrator",
                        mention,
                        start,
                        end,
                        text,
                        group.name,
                        group.kind,
                        group.id,
                        group.countries[0] if len(group.countries) == 1 else None,
                    )
                ]
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
            return ActorMention(
                "perpetrator",
                mention,
                start,
                end,
                text,
                group.name,
                group.kind,
                group.id,
                None,
                "reported",
            )
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
                targets = _objects_of(token, "to")
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
            elif lemma in _WORK_NOUNS or token.lower_ in _WORK_NOUNS:
                targets = _objects_of(token, "of")
                cued = lemma.startswith("hallmark") or lemma == "signature"
                attribution = "suspected" if cued or _doubted(token) else "reported"
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
        name = _clean_name(token.doc[noun_phrase(token)[0] : cut.i])
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
            forces = [k for k in inside if k in _FORCE_KINDS]
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


_ADVERBIAL_WORDS = frozenset(
    "yesterday today tonight reportedly allegedly also again then later early late last night "
    "morning evening afternoon recently".split()
)


def _adverbial(token: Token) -> bool:
    """A word that can stand between a subject and its verb: 'yesterday', 'reportedly'."""
    return (
        token.pos_ == "ADV"
        or token.lower_ in _ADVERBIAL_WORDS
        or token.ent_type_ in ("DATE", "TIME")
    )


def _has_definite(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)


def _a_nation(token: Token) -> bool:
    """'the Salvadoran people', 'the Afghan nation': a whole people, spoken of in rhetoric
    ('crimes against the Salvadoran people'), not the party of one attack."""
    if token.lower_ not in ("people", "peoples", "nation", "nations"):
        return False
    children = list(token.children)
    return (
        any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "our", "their") for c in children)
        and any(
            c.dep_ in ("amod", "compound") and (c.ent_type_ in ("NORP", "GPE") or c.pos_ == "PROPN")
            for c in children
        )
        and not any(c.dep_ == "nummod" for c in children)
    )


def _objects_of(token: Token, preposition: str) -> list[Token]:
    """The objects of a word's 'to' or 'of' phrase: 'attributed to ISIS', 'the work of X'."""
    return [
        g
        for c in token.children
        if c.dep_ == "prep" and c.lower_ == preposition
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _doubted(token: Token) -> bool:
    """Said with doubt: 'believed to be the work of', 'appeared to be', 'may have been'."""
    for ancestor in itertools.islice(token.ancestors, 4):
        if ancestor.lemma_.lower() in ("suspect", "believe", "think", "presume", "appear", "seem"):
            return True
        if any(
            c.dep_ == "aux" and c.lower_ in ("may", "might", "could") for c in ancestor.children
        ):
            return True
    return False


def _agents(by: Token) -> list[Token]:
    """The agents of 'by': its object, or a name the parser read as a verb ('killed by Shining
    Path guerrillas', 'Shining' a gerund with 'guerrillas' its object)."""
    found = [g for g in by.children if g.dep_ == "pobj"]
    for verb in (g for g in by.children if g.dep_ == "pcomp"):
        if verb.ent_type_ in _NAME_ENTITIES or verb.pos_ == "PROPN":
            found += [o for o in verb.children if o.dep_ == "dobj"] or [verb]
    return found


def _attribution(token: Token) -> Attribution:
    """'suspected militants', 'believed to be', 'alleged': the attribution the text gives."""
    for left in token.lefts:
        for word in left.subtree:
            if word.lower_ in _SUSPECT_CUES and word.dep_ in ("amod", "advmod", "compound"):
                return "suspected"  # "suspected Boko Haram fighters"
    current = token
    for _ in range(3):
        head = current.head
        if head.i == current.i:
            break
        if head.lemma_.lower() in ("suspect", "believe", "think", "presume") and current.dep_ in (
            "dobj",
            "nsubjpass",
            "nsubj",
            "attr",
            "oprd",
        ):
            return "suspected"
        current = head
    return "reported"


def _clean_name(span: object) -> str:
    """The phrase without leading determiners, numbers and quantifiers, as a name."""
    tokens = list(span)  # type: ignore[call-overload]
    while tokens and (
        tokens[0].lower_ in _DETERMINERS
        or tokens[0].like_num
        or tokens[0].pos_ in ("DET", "NUM", "PUNCT")
        or tokens[0].lower_
        in ("at", "least", "more", "than", "about", "some", "nearly", "over", "several")
        # "shot dead a teacher": 'dead' belongs to the verb
        or (tokens[0].lower_ == "dead" and tokens[0].i > 0 and tokens[0].nbor(-1).pos_ == "VERB")
    ):
        tokens = tokens[1:]
    while tokens and tokens[-1].pos_ == "PUNCT":
        tokens = tokens[:-1]
    text = "".join(t.text_with_ws for t in tokens).replace('"', "")
    text = _POSSESSIVE_END.sub("", " ".join(text.split()).strip(" ,;:-.[]()"))
    return text.strip(" ,;:-.[]()")


def event_actors(
    actors: list[ActorMention], claims: list[ClaimMention]
) -> tuple[list[Perpetrator], list[Target]]:
    """The perpetrators (strongest attribution kept) and targets of an incident, each party
    once: "Vargas" and "the murdered diplomat Jorge Adolfo Vargas" are one target."""
    strength = {"claimed": 4, "accused": 3, "reported": 2, "suspected": 1, "implied": 0}
    claimants = [a for c in claims if c.status == "claimed" for a in c.by]
    perpetrators: dict[str, ActorMention] = {}
    targets: dict[str, ActorMention] = {}
    for actor in [*claimants, *actors]:
        if actor.role == "perpetrator":
            existing = perpetrators.get(actor.key)
            if existing is None or strength[actor.attribution] > strength[existing.attribution]:
                perpetrators[actor.key] = actor
        elif actor.role == "target" and actor.key not in targets:
            targets[actor.key] = actor
    unknown = any(a.role == "unattributed" for a in actors) or any(
        c.status in ("unclaimed", "denied") for c in claims
    )
    stated = [p for p in perpetrators.values() if p.attribution != "implied"]
    if unknown or any(p.actor_id or p.kind in _FORCE_KINDS for p in stated):
        perpetrators = {k: p for k, p in perpetrators.items() if p.attribution != "implied"}
    claimed = [c for c in claims if c.status == "claimed"]
    groups = {k for k, p in perpetrators.items() if p.actor_id}
    if claimed and not any(a.actor_id for c in claimed for a in c.by) and len(groups) == 1:
        # "the attack was claimed" with no claimant named: the one group of the incident
        key = next(iter(groups))
        perpetrators[key] = replace(perpetrators[key], attribution="claimed", syntactic=False)
    perpetrator_list = _merge_mentions(list(perpetrators.values()), common=False)
    # an unnamed perpetrator ("gunmen") adds nothing next to a group the text names
    if any(p.actor_id and p.attribution != "implied" for p in perpetrator_list):
        perpetrator_list = [
            p for p in perpetrator_list if p.actor_id or p.kind not in ("unknown_armed",)
        ]
    names = {p.name.lower() for p in perpetrator_list}
    target_list = _merge_mentions(
        [t for t in targets.values() if t.name.lower() not in names], common=True
    )
    return (
        [
            Perpetrator(**_fields(actor), attribution=actor.attribution)
            for actor in perpetrator_list
        ],
        [Target(**_fields(actor)) for actor in target_list],
    )


def _fields(actor: ActorMention) -> dict[str, Any]:
    return {
        "name": actor.name,
        "text": actor.text,
        "kind": actor.kind,
        "actor_id": actor.actor_id,
        "country_code": actor.country_code,
        "evidence": actor.evidence,
        "confidence": 0.4 if actor.attribution == "implied" else 0.8 if actor.syntactic else 0.6,
    }


# Titles and honorifics before a name: "DR Guerrero" is "Francisco Jose Guerrero".
_TITLES = frozenset(
    "mr mrs ms miss dr doctor msgr monsignor father fr sister brother rev reverend col colonel "
    "gen general capt captain lt lieutenant sgt sergeant maj major cmdr commander comrade sir "
    "don dona president minister senator deputy judge justice mayor governor ambassador "
    "former late engineer eng lic attorney professor prof".split()
)
_NAME_FILLERS = frozenset(
    "the a an of and his her its their our this that these those some several other others "
    "another".split()
)


_PEOPLE_KINDS = frozenset(
    "civilians officials politicians journalists aid_workers religious business diplomats "
    "foreigners".split()
)


def _same_people(small: ActorMention, large: ActorMention) -> bool:
    """A one-word group of people inside a longer phrase of the same kind of people: 'the
    Jesuits' and 'the Jesuit priests', 'journalists' and 'journalists of a radio station'."""
    return small.kind == large.kind and small.kind in _PEOPLE_KINDS


def _core_words(name: str) -> set[str]:
    """The words of a name without its titles ('DR Guerrero': guerrero); a name made only of
    titles keeps them ('the attorney general')."""
    words = set(_name_words(name))
    return words - _TITLES or words


def _name_words(name: str) -> tuple[str, ...]:
    """The words of an actor name, folded, without determiners or numbers, a plural -s off."""
    found = []
    for word in fold(name).split():
        if word in _NAME_FILLERS or word.isdigit():
            continue
        found.append(word[:-1] if len(word) > 3 and word.endswith("s") else word)
    return tuple(found)


def _merge_mentions(actors: list[ActorMention], *, common: bool) -> list[ActorMention]:
    """One actor per party, in text order. A name whose words all appear in a longer name of
    the same incident is that party ("Oqueli" in "Hector Oqueli Colindres"); so is a common
    noun phrase with the same head inside a longer one ("people", "innocent people"), kept in
    its shorter form. Groups merge by gazetteer id before this."""
    kept: list[ActorMention] = []
    for actor in sorted(actors, key=lambda a: a.start):
        words = _core_words(actor.name)
        if not words:
            kept.append(actor)
            continue
        merged = False
        for i, other in enumerate(kept):
            if actor.actor_id or other.actor_id:
                continue
            other_words = _core_words(other.name)
            if not other_words:
                continue
            small, large = (actor, other) if len(words) <= len(other_words) else (other, actor)
            small_words = words if small is actor else other_words
            if not small_words <= set(_name_words(large.name)):
                continue
            if small.proper or large.proper:
                kept[i] = large  # the full name, with its title
                merged = True
            elif common and _name_words(small.name)[-1:] == _name_words(large.name)[-1:]:
                kept[i] = small  # "people", "innocent people"
                merged = True
            elif common and len(small_words) == 1 and _same_people(small, large):
                kept[i] = large  # "the Jesuits", "the Jesuit priests"
                merged = True
            if merged:
                break
        if not merged:
            kept.append(actor)
    return kept
