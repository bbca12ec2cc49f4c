"""Casualty counts: how many were killed, wounded or kidnapped, read from the clause of each
casualty word, and whether a count is an incident's toll, an update of it, or an aggregate.

Counts come from syntax: the subject of "were killed", the object of "killed", the number on
"dead" or "deaths", "the death toll rose to N". Conjoined victims add up ("a general and four
soldiers" = 5); an "including" phrase never does ("three people, including two children" = 3).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from spacy.tokens import Token

from .mentions import Mention
from .numbers import VAGUE, is_number_word, parse_number
from .parse import ParsedArticle
from .schema import Aggregate, Casualties, CountQualifier, Perpetrator, Span

Outcome = str  # "killed" | "wounded" | "kidnapped"

_KILLED = frozenset(
    "kill killed killing kills slay slain dead die died dies dying death deaths "
    "fatality fatalities body bodies corpse corpses perish perished murder murdered "
    "massacre massacred execute executed behead beheaded assassinate assassinated "
    "lynch lynched toll".split()
)
_WOUNDED = frozenset(
    "wound wounded wounding wounds injure injured injuring injury injuries hurt "
    "maim maimed hospitalise hospitalised hospitalize hospitalized".split()
)
_KIDNAPPED = frozenset(
    "kidnap kidnapped kidnaped kidnapping abduct abducted abduction seize seized "
    "hostage hostages".split()
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
_QUALIFIERS: tuple[tuple[str, CountQualifier], ...] = (
    ("at least", "at_least"),
    ("no fewer than", "at_least"),
    ("no less than", "at_least"),
    ("a minimum of", "at_least"),
    ("more than", "more_than"),
    ("over", "more_than"),
    ("upwards of", "more_than"),
    ("in excess of", "more_than"),
    ("nearly", "about"),
    ("almost", "about"),
    ("about", "about"),
    ("around", "about"),
    ("some", "about"),
    ("approximately", "about"),
    ("roughly", "about"),
    ("an estimated", "about"),
    ("estimated", "about"),
    ("close to", "about"),
    ("up to", "up_to"),
    ("as many as", "up_to"),
    ("at most", "up_to"),
    ("fewer than", "fewer_than"),
    ("less than", "fewer_than"),
    ("under", "fewer_than"),
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
_UPDATE_LEMMAS = frozenset("rise climb increase reach mount jump grow soar stand hit".split())
_ZERO_WORDS = frozenset("no nobody none".split())


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
    seen: set[tuple[int, str]] = set()
    for mention in mentions:
        if mention.kind not in ("harm", "attack") or mention.hypothetical:
            continue
        for token in mention.span:
            outcome = outcome_of(token)
            if outcome is None or (mention.sent.index, str(token.i) + outcome) in seen:
                continue
            count = _count_for(token, outcome, mention)
            if count is not None:
                seen.add((mention.sent.index, str(token.i) + outcome))
                found.append(count)
    return found


def _count_for(token: Token, outcome: Outcome, mention: Mention) -> CountMention | None:
    victims = _victims(token)
    zero = _zero(token, victims)
    if zero is not None:
        return _make(mention, outcome, zero, None, token)
    # the small model often attaches both halves of "a general and four soldiers" to the verb
    # instead of coordinating them: passive subjects of one verb add up like conjuncts
    subjects = [v for v in victims if v.dep_ == "nsubjpass"]
    joins = [_joiner(a, b) for a, b in itertools.pairwise(subjects)]
    if joins and all(joins) and joins[-1] in ("and", "&"):
        parts = [_np_count(v) for v in subjects]
        if all(part is not None for part in parts):
            return _make(mention, outcome, _add(parts), subjects[-1], token)  # type: ignore[arg-type]
    counted = [(v, c) for v in victims if (c := _np_count(v)) is not None]
    if counted:
        # a number beats "a"/"the": "a UK-based NGO" is no toll next to "1,600 members"
        victim, value = max(
            counted, key=lambda item: any(t.like_num or t.lower_ in VAGUE for t in item[1][3])
        )
        return _make(mention, outcome, value, victim, token)
    nominal = _nominal_count(token)
    if nominal is not None:
        return _make(mention, outcome, nominal, None, token)
    return None


def _joiner(first: Token, second: Token) -> str | None:
    """The word joining two noun phrases of a list ("and", "&" or ","), or None when something
    else stands between them: "a general and four soldiers", "a soldier, a policeman and ..."."""
    joiners = ("and", ",", "&")
    between = [t for t in first.doc[first.right_edge.i + 1 : second.left_edge.i]]
    if not between and first.right_edge.lower_ in joiners:
        between = [first.right_edge]  # the parser hung "and" on the first phrase
    if not between or len(between) > 2 or any(t.lower_ not in joiners for t in between):
        return None
    return between[-1].lower_


def _add(
    parts: list[tuple[int, int | None, CountQualifier, list[Token]]],
) -> tuple[int, int | None, CountQualifier, list[Token]]:
    low = sum(p[0] for p in parts)
    high = None if any(p[1] is None for p in parts) else sum(p[1] for p in parts)  # type: ignore[misc]
    qualifiers = {p[2] for p in parts} - {"exact"}
    qualifier: CountQualifier = (
        next(iter(qualifiers)) if len(qualifiers) == 1 else ("exact" if not qualifiers else "range")
    )
    return low, high, qualifier, [t for p in parts for t in p[3]]


def _make(
    mention: Mention,
    outcome: Outcome,
    value: tuple[int, int | None, CountQualifier, list[Token]],
    victims: Token | None,
    trigger: Token,
) -> CountMention:
    low, high, qualifier, tokens = value
    doc = trigger.doc
    if tokens:
        first = min(t.i for t in [*tokens, trigger])
        last = max(t.i for t in [*tokens, trigger])
    else:
        first = last = trigger.i
    span = doc[first : last + 1]
    offset = mention.sent.start
    evidence = Span(
        start=offset + span.start_char,
        end=offset + span.end_char,
        text=mention.sent.quote(span.start_char, span.end_char),
    )
    casualties = Casualties(
        min=low, max=high, qualifier=qualifier, text=evidence.text, evidence=evidence
    )
    clause = _clause_text(trigger)
    period = _PERIOD_RE.search(clause)
    head_word = victims.lower_ if victims is not None else ""
    return CountMention(
        outcome=outcome,
        value=casualties,
        mention=mention,
        victims=victims,
        attackers=head_word in ATTACKER_NOUNS or _compound_attacker(victims),
        armed=head_word in ARMED_NOUNS and not any(t.lower_ in _LOYALIST for t in victims.subtree)
        if victims is not None
        else False,
        # A four-figure toll is a war's or a campaign's, not one attack's: the deadliest single
        # attacks on record killed a few thousand, and news gives those with their own words.
        aggregate=bool(period) or mention.generic or casualties.min >= 1000,
        update=_is_update(trigger),
        period=period.group() if period else None,
    )


def _compound_attacker(victims: Token | None) -> bool:
    if victims is None:
        return False
    return any(child.lower_ in ("suicide",) for child in victims.children)


def _clause_text(token: Token) -> str:
    """The words of the clause around a casualty word, to look for a period ("since 2019")."""
    head = token
    while head.dep_ not in ("ROOT", "ccomp", "advcl", "conj", "relcl") and head.head.i != head.i:
        head = head.head
    return " ".join(t.text for t in head.subtree)


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
    # "left five people dead": dead is an object predicate of "left"
    if token.dep_ in ("oprd", "ccomp", "xcomp", "acomp") and token.lower_ in (
        "dead",
        "injured",
        "wounded",
        "hurt",
    ):
        found += [c for c in token.head.children if c.dep_ in ("dobj", "nsubj")]
        found += [c for c in children if c.dep_ == "nsubj"]
    # "12 people dead", "30 injured": the casualty word modifies or heads the counted noun
    if token.dep_ == "amod" and token.head.pos_ in ("NOUN", "PROPN", "NUM"):
        found.append(token.head)
    # "the wounded 12" rarely; "two of the dead": skip. A passive participle in a reduced
    # relative clause: "the 13 soldiers killed in the ambush"
    if token.dep_ in ("acl", "relcl") and token.head.pos_ in ("NOUN", "PROPN", "NUM"):
        found.append(token.head)
    # "the killing of six priests", "the kidnapping of three engineers", "the deaths of 12"
    if token.pos_ in ("NOUN", "PROPN"):
        found += [
            g
            for c in children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj"
        ]
    # "were killed" coordinated with a verb that has the subject: "were shot and killed"
    if not found and token.dep_ == "conj" and token.head.pos_ == "VERB":
        found += [c for c in token.head.children if c.dep_ in ("nsubjpass", "dobj")]
    return found


def _zero(
    token: Token, victims: list[Token]
) -> tuple[int, int | None, CountQualifier, list[Token]] | None:
    """'no one was hurt', 'no casualties', 'nobody was killed', 'there were no injuries'."""
    for child in token.children:
        if child.dep_ == "det" and child.lower_ == "no":
            return 0, 0, "exact", [child]
        if child.dep_ == "neg" and any(v.lower_ in ("one", "anyone", "anybody") for v in victims):
            return 0, 0, "exact", [child]
    for victim in victims:
        if victim.lower_ in ("nobody", "none", "noone"):
            return 0, 0, "exact", [victim]
        if victim.lower_ == "one" and any(c.lower_ == "no" for c in victim.children):
            return 0, 0, "exact", [victim]
    return None


def _np_count(noun: Token) -> tuple[int, int | None, CountQualifier, list[Token]] | None:
    """The number of people a noun phrase names, adding up conjuncts."""
    parts = [noun, *[c for c in noun.conjuncts if c.i > noun.i]]
    total_min = 0
    total_max: int | None = 0
    qualifier: CountQualifier = "exact"
    tokens: list[Token] = []
    known = False
    for part in parts:
        value = _single_np_count(part)
        if value is None:
            if part.tag_ in ("NNS", "NNPS"):
                total_min += 2
                total_max = None
                qualifier = "at_least"
            elif part.pos_ in ("NOUN", "PROPN"):
                total_min += 1
                if total_max is not None:
                    total_max += 1
            continue
        known = True
        low, high, qual, used = value
        tokens += used
        total_min += low
        total_max = None if high is None or total_max is None else total_max + high
        if qual != "exact":
            qualifier = qual
    if not known:
        return None
    if total_max is not None and total_max > total_min and qualifier == "exact":
        qualifier = "range"
    return total_min, total_max, qualifier, tokens


def _single_np_count(noun: Token) -> tuple[int, int | None, CountQualifier, list[Token]] | None:
    # The noun is itself a number: "13 were killed", "three of them died".
    if (
        noun.like_num
        or noun.pos_ == "NUM"
        or (is_number_word(noun.text) and noun.lower_ not in ("a", "an"))
    ):
        return _number_phrase(noun)
    for child in noun.children:
        if child.dep_ == "nummod" or (child.dep_ in ("amod", "quantmod") and child.like_num):
            return _number_phrase(child)
    # "dozens of people", "hundreds of civilians", "a dozen soldiers"
    if noun.head.dep_ == "prep" and noun.head.lower_ == "of" and noun.dep_ == "pobj":
        holder = noun.head.head
        if holder.lower_ in VAGUE or holder.like_num or holder.lower_ in ("dozen", "dozens"):
            return _number_phrase(holder)
    for child in noun.children:
        if child.dep_ in ("amod", "det") and child.lower_ in VAGUE and child.lower_ != "some":
            low, high = VAGUE[child.lower_]
            return low, high, "range" if high else "at_least", [child]
        if (
            child.dep_ == "det"
            and child.lower_ in ("a", "an", "another")
            and (noun.tag_ in ("NN", "NNP") or noun.dep_ in ("nsubjpass", "nsubj", "dobj", "conj"))
        ):
            return 1, 1, "exact", [child]  # "a general", even when tagged an adjective
    if noun.tag_ == "NNP" and noun.ent_type_ == "PERSON":
        return 1, 1, "exact", [noun]
    if (
        noun.tag_ in ("NN",)
        and any(c.dep_ in ("det", "poss") for c in noun.children)
        and noun.lower_ not in ("toll", "number", "death", "people")
    ):
        return 1, 1, "exact", [noun]
    return None


def _number_phrase(number: Token) -> tuple[int, int | None, CountQualifier, list[Token]] | None:
    """A number token with its compound parts and qualifier: 'at least 1,600', 'between 10
    and 15'."""
    if number.lower_ in VAGUE:
        low, high = VAGUE[number.lower_]
        return low, high, "range" if high else "at_least", [number]
    doc = number.doc
    start = end = number.i
    while (
        start > 0
        and is_number_word(doc[start - 1].text)
        and doc[start - 1].lower_ not in ("a", "an")
    ) or (
        start > 0
        and doc[start - 1].lower_ in ("a", "an")
        and number.lower_ in ("dozen", "hundred", "thousand")
    ):
        start -= 1
    while end + 1 < len(doc) and (
        is_number_word(doc[end + 1].text) and doc[end + 1].lower_ not in ("a", "an")
    ):
        end += 1
    value = parse_number([t.text for t in doc[start : end + 1]])
    if value is None:
        return None
    tokens = list(doc[start : end + 1])
    before = " ".join(t.lower_ for t in doc[max(0, start - 3) : start])
    # "between 10 and 15", "10 to 15"
    if (
        end + 2 < len(doc)
        and doc[end + 1].lower_ in ("to", "-", "or", "and")
        and doc[end + 2].like_num
    ):
        upper = parse_number([doc[end + 2].text])
        if upper is not None and upper > value:
            return value, upper, "range", [*tokens, doc[end + 2]]
    for phrase, qualifier in _QUALIFIERS:
        if before.endswith(phrase):
            size = len(phrase.split())
            tokens = list(doc[start - size : start]) + tokens
            if qualifier == "at_least":
                return value, None, qualifier, tokens
            if qualifier == "more_than":
                return value + 1, None, qualifier, tokens
            if qualifier == "up_to":
                return min(1, value), value, qualifier, tokens
            if qualifier == "fewer_than":
                return min(1, value - 1), max(0, value - 1), qualifier, tokens
            return value, value, qualifier, tokens
    after = " ".join(t.lower_ for t in doc[end + 1 : end + 3])
    if after.startswith("or more"):
        return value, None, "at_least", tokens
    return value, value, "exact", tokens


def _nominal_count(token: Token) -> tuple[int, int | None, CountQualifier, list[Token]] | None:
    """Counts on casualty nouns: '12 dead', 'the death toll rose to 40', 'a toll of 12',
    '13 bodies', 'killed at least 12'."""
    for child in token.children:
        if child.dep_ in ("nummod", "quantmod") or (
            child.like_num and child.dep_ in ("amod", "compound", "npadvmod")
        ):
            return _number_phrase(child)
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
                return _number_phrase(candidate)
    return None


def _is_update(token: Token) -> bool:
    """'the death toll rose to 40', 'the number of dead climbed to'."""
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
    """The toll: the latest update if the text gives one, else the largest count."""
    own = [c for c in counts if c.outcome == outcome]
    if not own:
        return None
    updates = [c for c in own if c.update]
    if updates:
        return updates[-1].value
    return max(own, key=lambda c: (c.value.min, c.value.max or c.value.min)).value


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


def event_tolls(
    counts: list[CountMention], perpetrators: list[Perpetrator]
) -> dict[str, Casualties | None]:
    """killed, wounded, kidnapped and perpetrators_killed of an incident from its counts:
    attackers' deaths apart, the latest update first, never a sum of counts of the same people."""
    own = [c for c in counts if not c.aggregate]
    victims = [c for c in own if not c.attackers and not (c.armed and _same_side(c, perpetrators))]
    attackers = [c for c in own if c.attackers or (c.armed and _same_side(c, perpetrators))]
    return {
        "killed": _toll(victims, "killed"),
        "wounded": _toll(victims, "wounded"),
        "kidnapped": _toll(victims, "kidnapped"),
        "perpetrators_killed": _toll(attackers, "killed"),
    }
