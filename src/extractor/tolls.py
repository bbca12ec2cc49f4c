"""Casualty counts: how many were killed, wounded or kidnapped, read from the clause of each
casualty word, and whether a count is an incident's toll, an update of it, an addition to it, or
an aggregate.

Counts come from syntax: the subject of "were killed", the object of "killed", the number on
"dead" or "deaths", "the death toll rose to N", the victim of "the assassination of X" or "X's
murder". How many people a phrase names is headcount.py's part. Explicit zeros ("no one was
hurt", "there were no casualties", "X was not injured") are 0; silence is no count. Attackers who
die ("three of the gunmen were killed", "two suicide bombers blew themselves up") are counted
apart, and taken out of a toll that includes them ("12 dead, including the two attackers").
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Token

from .headcount import Headcount, add, is_person_name, joiner, np_count, number_phrase
from .mentions import Mention
from .numbers import VAGUE, is_number_word
from .parse import ParsedArticle
from .schema import Aggregate, Casualties, Perpetrator, Span

Outcome = Literal["killed", "wounded", "kidnapped"]

_KILLED = frozenset(
    "kill killed killing killings kills slay slays slain slaying slayings dead die died dies "
    "dying death deaths fatality fatalities body bodies corpse corpses perish perished murder "
    "murders murdered murdering massacre massacred execute executed behead beheaded assassinate "
    "assassinates assassinated assassinating assassination assassinations lynch lynched toll "
    "homicide homicides lives life".split()
)
_WOUNDED = frozenset(
    "wound wounded wounding wounds injure injured injuring injury injuries hurt "
    "maim maimed hospitalise hospitalised hospitalize hospitalized".split()
)
_KIDNAPPED = frozenset(
    "kidnap kidnapped kidnaped kidnapping kidnaping abduct abducted abduction "
    "hostage hostages seize seized seizes seizing".split()
)
# Words for people harmed that do not say how: only their zero is a count ("no casualties",
# "there were no victims" = nobody killed and nobody wounded); "three casualties" is neither.
_EITHER = frozenset("casualty casualties victim victims".split())
# Nouns a casualty word can modify without anyone being harmed: "assassination attempt",
# "death threats", "murder charges".
_NOT_HARM_HEADS = frozenset(
    "attempt attempts plot plots threat threats squad squads charge charges trial case cases "
    "sentence penalty list lists warrant warrants".split()
)
# People who carried out the attack; their deaths are kept apart from the victims'.
ATTACKER_NOUNS = frozenset(
    "attacker attackers assailant assailants gunman gunmen bomber bombers "
    "hijacker hijackers kidnapper kidnappers raider raiders themselves himself "
    "herself perpetrator perpetrators".split()
)
ARMED_NOUNS = frozenset(
    "militant militants insurgent insurgents guerrilla guerrillas rebel rebels "
    "terrorist terrorists jihadist jihadists extremist extremists bandit bandits "
    "subversive subversives".split()
)
# Modifiers that put armed men on the government's side: "pro-regime fighters" are victims.
_LOYALIST = frozenset(
    "pro regime government pro-government pro-regime army loyalist allied "
    "progovernment militia".split()
)
_PERIOD_RE = re.compile(
    r"\b(since (?:the (?:start|beginning) of )?(?:(?:early |late |mid-?)?"
    r"(?:jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|"
    r"\d{4}|the \w+|last \w+|then)(?: \d{4})?)|since\b|so far|to date|this year|last year|in total|"
    r"in all\b|overall|all told|over the (?:past|last)|in the (?:past|last)|"
    r"during the (?:war|conflict|insurgency|past|last)|each year|every year|a year\b|per year|"
    r"annually|since the (?:start|beginning)|cumulative|in recent (?:weeks|months|years)|"
    r"throughout|during (?:the (?:past |last )?(?:week|month|year|offensive|campaign)|"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\b))",
    re.IGNORECASE,
)
_SINCE_RE = re.compile(
    r"since (?:(?:early|late|mid-?)\s*)?(?:(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|"
    r"dec)\w*\s+)?(?P<year>\d{4})\b",
    re.IGNORECASE,
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_UPDATE_LEMMAS = frozenset("rise climb increase reach mount jump grow soar stand hit".split())
_ZERO_WORDS = frozenset("nobody none noone".split())
_ANYONE = frozenset("one anyone anybody".split())
# Verbs that hold people as hostages: "took nine people hostage", "held them hostage".
_HOLDING = frozenset("take hold keep seize".split())
# Verbs of a casualty's life ending: "lost their lives", "claimed the lives of 12".
_LIFE_VERBS = frozenset("lose claim cost take".split())
# Words whose zero says nobody was harmed at all: "no one was hurt", "there were no injuries".
_HURT = frozenset("hurt injured wounded harmed injuries injury".split())
_DEGREE = frozenset("seriously badly critically gravely severely fatally".split())
_REFLEXIVE = frozenset("themselves himself herself".split())


@dataclass(eq=False)
class CountMention:
    """A count of people harmed, read from one casualty word."""

    outcome: Outcome
    value: Casualties
    mention: Mention
    victims: Token | None = None
    attackers: bool = False
    armed: bool = False
    aggregate: bool = False
    update: bool = False
    period: str | None = None
    additional: bool = False  # "a sound technician was also killed": more people, not a restatement
    implied: bool = False  # killed 0 read from "no one was hurt": yields to any stated count
    trigger: Token | None = None

    @property
    def start(self) -> int:
        assert self.value.evidence is not None
        return self.value.evidence.start


def outcome_of(token: Token) -> Outcome | None:
    """'killed' -> killed, 'injuries' -> wounded, 'abducted' -> kidnapped."""
    for form in (token.lower_, token.lemma_.lower()):
        if form in _KILLED:
            return "killed"
        if form in _WOUNDED:
            return "wounded"
        if form in _KIDNAPPED:
            return "kidnapped"
    return None


def find_counts(mentions: list[Mention]) -> list[CountMention]:
    """Every count attached to a casualty or abduction word of the mentions."""
    found: list[CountMention] = []
    seen: set[tuple[int, int]] = set()
    for mention in mentions:
        if mention.kind not in ("harm", "attack") or mention.hypothetical:
            continue
        for token in mention.span:
            key = (mention.sent.index, token.i)
            if key in seen:
                continue
            counts = _counts_for(token, mention)
            if counts:
                seen.add(key)
                found += counts
    _share_aggregates(found)
    return found


def _list_head(token: Token) -> Token:
    """The verb a list of tolls hangs from: 'has left more than 1,000 people dead, hundreds
    wounded' -> left, through its small clauses ('N dead', 'N wounded'); not through '-ing'
    clauses, each an outcome of its own ('killing at least 23 and injuring 1,000')."""
    while token.tag_ in ("VBN", "JJ") and (
        token.dep_ == "oprd" or (token.dep_ in ("advcl", "conj") and token.head.i < token.i)
    ):
        token = token.head
    return token


def _share_aggregates(counts: list[CountMention]) -> None:
    """Counts listed together are of one kind: 'the offensive has left more than 1,000 dead,
    hundreds wounded' is a campaign's toll throughout, though only the dead are four figures."""
    groups: dict[int, list[CountMention]] = {}
    for count in counts:
        if count.trigger is not None:
            groups.setdefault(_list_head(count.trigger).i, []).append(count)
    for group in groups.values():
        total = next((c for c in group if c.aggregate), None)
        if total is None:
            continue
        for count in group:
            count.aggregate = True
            count.period = count.period or total.period


def _counts_for(token: Token, mention: Mention) -> list[CountMention]:
    if token.lower_ in _REFLEXIVE:
        return _self_inflicted(token, mention)
    if token.dep_ == "compound" and token.head.lemma_.lower() in _NOT_HARM_HEADS:
        return []  # "an assassination attempt", "death threats"
    if token.lower_ in _EITHER:
        zero = _zero(token, _victims(token))
        if zero is None:
            return []
        return [
            _make(mention, "killed", zero, None, token),
            _make(mention, "wounded", zero, None, token),
        ]
    outcome = outcome_of(token)
    if outcome is None or _partial(token) or _purpose(token):
        return []
    if outcome == "kidnapped" and mention.entry.needs == "people" and not mention.supported:
        return []  # "troops seized 40 rifles"
    return _count_for(token, outcome, mention)


def _count_for(token: Token, outcome: Outcome, mention: Mention) -> list[CountMention]:
    victims = _victims(token)
    zero = _zero(token, victims)
    if zero is not None:
        counts = [_make(mention, outcome, zero, None, token)]
        if outcome == "wounded" and token.lower_ in _HURT:
            # "no one was hurt": nobody was killed either, unless the text counts the dead
            killed = _make(mention, "killed", zero, None, token)
            killed.implied = True
            counts.append(killed)
        return counts
    value, victim = _victim_count(token, victims)
    if value is None:
        value = _named_after_of(token)
    if value is None:
        nominal = _nominal_count(token)
        if nominal is None:
            return []
        return [_make(mention, outcome, nominal, None, token)]
    attackers = _included_attackers(token, victim)
    if attackers is not None and attackers.low < value.low:
        rest = Headcount(
            value.low - attackers.low,
            None if value.high is None else value.high - (attackers.high or attackers.low),
            value.qualifier,
            value.tokens,
        )
        apart = _make(mention, outcome, attackers, None, token)
        apart.attackers = True
        return [_make(mention, outcome, rest, victim, token), apart]
    return [_make(mention, outcome, value, victim, token)]


def _victim_count(token: Token, victims: list[Token]) -> tuple[Headcount | None, Token | None]:
    """The count of the people harmed and the phrase that names them."""
    # the small model often attaches both halves of "a general and four soldiers" to the verb
    # instead of coordinating them: passive subjects of one verb add up like conjuncts
    subjects = [v for v in victims if v.dep_ == "nsubjpass"]
    joins = [joiner(a, b) for a, b in itertools.pairwise(subjects)]
    if joins and all(joins) and joins[-1] in ("and", "&"):
        parts = [np_count(v) for v in subjects]
        if all(part is not None for part in parts):
            return add([p for p in parts if p is not None]), subjects[-1]
    counted = [(v, c) for v in victims if (c := np_count(v)) is not None]
    if not counted:
        return None, None
    # a number beats "a"/"the": "a UK-based NGO" is no toll next to "1,600 members"
    victim, value = max(
        counted, key=lambda item: any(t.like_num or t.lower_ in VAGUE for t in item[1].tokens)
    )
    return value, victim


def _make(
    mention: Mention,
    outcome: Outcome,
    value: Headcount,
    victims: Token | None,
    trigger: Token,
) -> CountMention:
    doc = trigger.doc
    tokens = [*value.tokens, trigger]
    span = doc[min(t.i for t in tokens) : max(t.i for t in tokens) + 1]
    offset = mention.sent.start
    evidence = Span(
        start=offset + span.start_char,
        end=offset + span.end_char,
        text=mention.sent.quote(span.start_char, span.end_char),
    )
    casualties = Casualties(
        min=value.low,
        max=value.high,
        qualifier=value.qualifier,
        text=evidence.text,
        evidence=evidence,
    )
    period = _PERIOD_RE.search(_clause_text(trigger))
    head = _victim_head(victims) if victims is not None else None
    head_word = head.lower_ if head is not None else ""
    return CountMention(
        outcome=outcome,
        value=casualties,
        mention=mention,
        victims=victims,
        attackers=head_word in ATTACKER_NOUNS or _compound_attacker(head),
        armed=head is not None
        and head_word in ARMED_NOUNS
        and not any(t.lower_ in _LOYALIST for t in head.subtree),
        # A four-figure toll is a war's or a campaign's, not one attack's: the deadliest single
        # attacks on record killed a few thousand, and news gives those with their own words.
        aggregate=bool(period) or mention.generic or casualties.min >= 1000,
        update=_is_update(trigger),
        period=period.group() if period else None,
        additional=_also(trigger),
        trigger=trigger,
    )


def _victim_head(victims: Token) -> Token:
    """The noun that says who the victims were: 'three of the gunmen' -> gunmen."""
    if victims.like_num or victims.pos_ == "NUM" or victims.lower_ in ("one", "some", "most"):
        for child in victims.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        return grandchild
    return victims


def _compound_attacker(victims: Token | None) -> bool:
    if victims is None:
        return False
    return any(child.lower_ in ("suicide",) for child in victims.children)


def _also(trigger: Token) -> bool:
    """'A sound technician was also killed', 'three peasants were also wounded': people added to
    a count given before."""
    holders = [trigger]
    if trigger.dep_ in ("acomp", "oprd") and trigger.head.pos_ in ("VERB", "AUX"):
        holders.append(trigger.head)
    return any(
        child.dep_ == "advmod" and child.lower_ in ("also", "too")
        for holder in holders
        for child in holder.children
    )


def _clause_text(token: Token) -> str:
    """The words of the clause around a casualty word, to look for a period ("since 2019"); a
    coordinated verb without a subject of its own shares its clause ("the attacks over the past
    12 days have killed 2 and wounded 20")."""
    head = token
    while head.dep_ not in ("ROOT", "ccomp", "advcl", "relcl") and head.head.i != head.i:
        if head.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
            break  # a coordinated clause with its own subject is a clause of its own
        head = head.head
    return " ".join(t.text for t in head.subtree)


def _purpose(token: Token) -> bool:
    """'came to the country to assassinate Pablo Escobar': an infinitive names an aim, not a
    death, unless the attackers 'managed to kill'."""
    return (
        token.tag_ == "VB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        and token.head.lemma_.lower() not in ("manage", "succeed")
    )


def _partial(token: Token) -> bool:
    """'two of the wounded', 'one of the dead': part of a count given elsewhere."""
    if token.dep_ != "pobj" or token.head.lower_ != "of":
        return False
    holder = token.head.head
    return holder.like_num or holder.pos_ == "NUM" or holder.lower_ in ("some", "most", "many")


def _victims(token: Token) -> list[Token]:
    """The noun phrases that say who was harmed, in order of reliability."""
    found: list[Token] = []
    children = list(token.children)
    # "13 fighters were killed", "five died", "a soldier was wounded"
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in children)
    found += [
        c
        for c in children
        if token.pos_ in ("VERB", "AUX")
        and (
            c.dep_ == "nsubjpass"
            or (
                c.dep_ == "nsubj"
                and not passive
                and (token.tag_ == "VBN" or token.lemma_ in ("die", "perish"))
            )
        )
    ]
    # "killed 13 fighters", "killing three", "wounding 20 others"
    found += [c for c in children if c.dep_ in ("dobj", "obj")]
    # "assassinated in less than 48 hours, magistrate Carlos Valencia Garcia, ...": a name the
    # parser hung on the verb as an adverbial
    if token.pos_ == "VERB" and not found:
        found += [c for c in children if c.dep_ in ("npadvmod", "appos") and is_person_name(c)]
    # "left five people dead", "was found dead": dead is a predicate of the verb's object
    if (
        token.dep_ in ("oprd", "ccomp", "xcomp", "acomp")
        and token.lower_ in ("dead", "injured", "wounded", "hurt")
    ) or (token.dep_ == "advmod" and token.lower_ == "dead"):  # "shot dead a teacher"
        found += [c for c in token.head.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
        found += [c for c in children if c.dep_ == "nsubj"]
    # "took nine people hostage", "were taken hostage"
    if token.lower_ in ("hostage", "hostages") and token.head.lemma_.lower() in _HOLDING:
        found += [
            c for c in token.head.children if c.i != token.i and c.dep_ in ("dobj", "nsubjpass")
        ]
    # "was shot to death", "beat him to death": the victim of the verb
    if token.lower_ == "death" and token.dep_ == "pobj" and token.head.lower_ == "to":
        verb = token.head.head
        found += [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")]
    # "lost their lives", "lost his life": the subject of the verb
    if token.lower_ in ("lives", "life") and token.head.lemma_.lower() in _LIFE_VERBS:
        found += [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    # "12 people dead", "30 injured": the casualty word modifies or heads the counted noun
    if token.dep_ == "amod" and token.head.pos_ in ("NOUN", "PROPN", "NUM"):
        found.append(token.head)
    # A passive participle in a reduced relative clause: "the 13 soldiers killed in the ambush"
    # or a relative clause: "two patrolmen who were murdered", "the civilians who died"; not
    # "a government that has murdered", whose noun is the killer
    if (
        token.dep_ in ("acl", "relcl")
        and token.head.pos_ in ("NOUN", "PROPN", "NUM")
        and all(
            c.tag_ in ("WP", "WDT") and (c.dep_ == "nsubjpass" or token.lemma_ in ("die", "perish"))
            for c in children
            if c.dep_ in ("nsubj", "nsubjpass")
        )
    ):
        found.append(token.head)
    # "the killing of six priests", "the deaths of 12", "Galan's murder", "the lives of 12"
    if token.pos_ in ("NOUN", "PROPN"):
        found += [
            g
            for c in children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        found += [
            c
            for c in children
            if c.dep_ == "poss" and (c.pos_ in ("PROPN", "NOUN") or c.lower_ in ("his", "her"))
        ]
    # "were killed" coordinated with a verb that has the subject: "were shot and killed"
    if not found and token.dep_ == "conj" and token.head.pos_ == "VERB":
        found += [c for c in token.head.children if c.dep_ in ("nsubjpass", "dobj")]
    return found


def _named_after_of(token: Token) -> Headcount | None:
    """'the assassination of liberal presidential candidate Luis Carlos Galan' when the parse of
    the phrase broke (truecased capitals often do): the person named right after 'of'."""
    if token.pos_ not in ("NOUN", "PROPN") or token.tag_ not in ("NN", "NNP"):
        return None
    doc = token.doc
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    for other in doc[token.i + 1 : token.i + 6]:
        if of is not None or other.pos_ in ("VERB", "AUX") or other.lower_ in (",", ";"):
            break
        if other.lower_ == "of":
            of = other  # "the assassination on 22 March of Bernardo Jaramillo"
    if of is None:
        return None
    for other in doc[of.i + 1 : of.i + 9]:
        if other.ent_type_ == "PERSON":
            name = [t for t in doc[other.i :] if t.ent_type_ == "PERSON" or t.is_space]
            end = next((n for n, t in enumerate(name) if t.i != other.i + n), len(name))
            return Headcount(1, 1, "exact", name[:end])
        if other.ent_type_ or other.is_punct or other.pos_ in ("VERB", "AUX", "ADP", "NUM"):
            return None
    return None


def _zero(token: Token, victims: list[Token]) -> Headcount | None:
    """'no one was hurt', 'no casualties', 'nobody was killed', 'there were no injuries',
    'injured no one', 'without casualties', 'the deputy was not injured', 'neither X nor Y
    was hurt', 'not a single person was killed'."""
    if any(c.dep_ == "advmod" and c.lower_ in _DEGREE for c in token.children):
        return None  # "no one was seriously hurt" says nothing of the lightly hurt
    for child in token.children:
        if child.dep_ == "det" and child.lower_ == "no":
            return Headcount(0, 0, "exact", [child])
        if child.dep_ == "neg" and token.pos_ in ("VERB", "AUX", "ADJ"):
            return Headcount(0, 0, "exact", [child])
    if token.dep_ == "pobj" and token.head.lower_ == "without":
        return Headcount(0, 0, "exact", [token.head])
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("dobj", "attr"):
        verb = token.head
        if any(c.dep_ == "neg" for c in verb.children) and any(
            c.lower_ in ("any", "no") for c in token.children
        ):
            return Headcount(0, 0, "exact", [token])  # "did not suffer any casualties"
    for victim in victims:
        if victim.lower_ in _ZERO_WORDS:
            return Headcount(0, 0, "exact", [victim])
        if victim.lower_ in _ANYONE and (
            any(c.lower_ in ("no", "not") for c in victim.children) or _after_no(victim)
        ):
            return Headcount(0, 0, "exact", [victim.doc[victim.left_edge.i], victim])
        words = {t.lower_ for t in victim.subtree}
        if "neither" in words and "nor" in words:
            return Headcount(0, 0, "exact", [victim])
        if "not" in words and "single" in words:
            return Headcount(0, 0, "exact", [victim])  # "not a single person was killed"
    return None


def _after_no(token: Token) -> bool:
    """'No\none was injured': a line break in capitals can cut 'no' off from 'one' in the parse."""
    for other in reversed(token.doc[max(0, token.i - 3) : token.i]):
        if not other.is_space:
            return other.lower_ == "no"
    return False


def _nominal_count(token: Token) -> Headcount | None:
    """Counts on casualty nouns: '12 dead', 'the death toll rose to 40', 'a toll of 12',
    '13 bodies', 'killed at least 12'."""
    for child in token.children:
        if child.dep_ in ("nummod", "quantmod") or (
            child.like_num and child.dep_ in ("amod", "compound", "npadvmod")
        ):
            return number_phrase(child)
    # "2 people were killed and 30 wounded", where the parser leaves "30" hanging
    before = token.doc[token.i - 1] if token.i > 0 else None
    if (
        before is not None
        and token.lower_ in ("dead", "wounded", "injured", "hurt", "killed")
        and (before.like_num or (is_number_word(before.text) and before.lower_ not in ("a", "an")))
        and not (before.dep_ == "nummod" and before.head.i > token.i)
    ):
        return number_phrase(before)
    if token.lower_ in ("toll",) or (token.lower_ == "death" and token.dep_ == "compound"):
        toll = token if token.lower_ == "toll" else token.head
        # "the death toll rose to 40", "the toll stood at 23", "a death toll of 12"
        candidates = list(toll.children)
        verb = toll.head if toll.dep_ in ("nsubj", "nsubjpass") else None
        if verb is not None:
            candidates += [g for c in verb.children if c.dep_ == "prep" for g in c.children]
            candidates += [c for c in verb.children if c.dep_ in ("dobj", "attr", "npadvmod")]
        for prep in [c for c in toll.children if c.dep_ == "prep"]:
            candidates += list(prep.children)
        for candidate in candidates:
            if candidate.like_num or is_number_word(candidate.text):
                return number_phrase(candidate)
    return None


def _included_attackers(token: Token, victim: Token | None) -> Headcount | None:
    """'12 people died, including the two attackers': the attackers within a toll."""
    holders = [token] + ([victim] if victim is not None else [])
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("including", "among"):
                continue
            for member in prep.children:
                if member.dep_ == "pobj" and _victim_head(member).lower_ in ATTACKER_NOUNS:
                    return np_count(member)
    return None


def _self_inflicted(token: Token, mention: Mention) -> list[CountMention]:
    """'two suicide bombers blew themselves up', 'the bomber blew himself up': attackers dead."""
    verb = token.head
    if token.dep_ not in ("dobj", "obj") or verb.lemma_.lower() != "blow":
        return []
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects and verb.dep_ == "conj":
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    if not subjects:
        return []
    value = np_count(subjects[0])
    if value is None:
        if token.lower_ == "themselves":
            return []
        value = Headcount(1, 1, "exact", [subjects[0]])
    count = _make(mention, "killed", value, subjects[0], token)
    count.attackers = True
    return [count]


def _is_update(token: Token) -> bool:
    """'the death toll rose to 40', 'the number of dead climbed to'."""
    if token.pos_ in ("VERB", "AUX"):
        return False  # "killing" is no toll that rises
    current = token
    for _ in range(3):
        if current.lemma_.lower() in _UPDATE_LEMMAS and current.pos_ == "VERB":
            return True
        if current.head.i == current.i:
            break
        current = current.head
    return False


# ---------------------------------------------------------------------------------------------
# Incident tolls and aggregates
# ---------------------------------------------------------------------------------------------


_SOURCE_RE = re.compile(
    r"\b(?:according to|a count by|count by|figures (?:from|by)|data (?:from|by)|"
    r"tally by)\s+(?:the\s+)?([A-Z][\w'’-]*(?:\s+(?:for|of|on|de|the|[A-Z][\w'’-]*)){0,8})"
)


def _same_side(count: CountMention, perpetrators: list[Perpetrator]) -> bool:
    """Armed men who died in an attack by armed men are the attackers ('three militants were
    killed' in a militant attack); in an army raid they are the targets."""
    return bool(perpetrators) and all(
        p.kind in ("armed_group", "unknown_armed", "militia") for p in perpetrators
    )


def _toll(counts: list[CountMention], outcome: str) -> Casualties | None:
    """The toll: the latest update if the text gives one, else the largest count, plus the
    people the text adds to it ('was also killed')."""
    own = [c for c in counts if c.outcome == outcome]
    if not own:
        return None
    updates = [c for c in own if c.update]
    if updates:
        return updates[-1].value
    stated = [c for c in own if not c.implied] or own
    base = [c for c in stated if not c.additional]
    extra = [c for c in stated if c.additional]
    best = max(base, key=lambda c: (c.value.min, c.value.max or c.value.min)) if base else None
    if best is None:
        best, extra = extra[0], extra[1:]
    if not extra or best.value.min == 0:
        return best.value
    return _sum([best.value, *[c.value for c in extra]])


def _sum(values: list[Casualties]) -> Casualties:
    """Counts of different people added up; the evidence is where the first was read."""
    low, high, qualifier, _ = add([Headcount(v.min, v.max, v.qualifier, []) for v in values])
    if qualifier == "exact" and high is not None and high > low:
        qualifier = "range"
    return Casualties(
        min=low,
        max=high,
        qualifier=qualifier,
        text=" + ".join(v.text or "" for v in values),
        evidence=values[0].evidence,
    )


def aggregates(parsed: ParsedArticle, counts: list[CountMention]) -> list[Aggregate]:
    """Totals over a period or over many attacks: recorded, never an incident's toll. The
    period may stand in the sentence before ('... since March 2019. According to a count by
    ..., nearly 1,600 members were killed')."""
    found = []
    for count in counts:
        if not count.aggregate or count.attackers:
            continue
        sent = count.mention.sent
        source = _SOURCE_RE.search(sent.text)
        period = count.period
        if period is None and sent.index > 0:
            before = _PERIOD_RE.search(parsed.sentences[sent.index - 1].text)
            period = before.group() if before else None
        found.append(
            Aggregate(
                kind=count.outcome,
                count=count.value,
                period=period,
                since=_since(period),
                source=source.group(1).strip() if source else None,
                evidence=Span(start=sent.start, end=sent.end, text=sent.text),
            )
        )
    return found


def _since(period: str | None) -> dt.date | None:
    """'since March 2019' -> 2019-03-01, 'since 2004' -> 2004-01-01."""
    match = _SINCE_RE.search(period or "")
    if match is None:
        return None
    month = match.group("month")
    return dt.date(int(match.group("year")), _MONTHS.index(month.lower()) + 1 if month else 1, 1)


def event_tolls(
    counts: list[CountMention], perpetrators: list[Perpetrator]
) -> dict[str, Casualties | None]:
    """killed, wounded, kidnapped and perpetrators_killed of an incident from its counts:
    attackers' deaths apart, the latest update first, never a sum of counts of the same people."""
    own = [c for c in counts if not c.aggregate]
    apart = [c for c in own if c.attackers or (c.armed and _same_side(c, perpetrators))]
    victims = [c for c in own if c not in apart]
    return {
        "killed": _toll(victims, "killed"),
        "wounded": _toll(victims, "wounded"),
        "kidnapped": _toll(victims, "kidnapped"),
        "perpetrators_killed": _toll(apart, "killed"),
    }
