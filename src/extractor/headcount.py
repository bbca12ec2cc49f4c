"""How many people a noun phrase names, read from its parse: 'a general and four soldiers' = 5,
'at least 1,600 members' = [1600, null], 'dozens of villagers' = [24, 99], 'Carlos Galan' = 1.

A number on the noun ('13 fighters'), a number the noun hangs from ('dozens of people', 'three of
the gunmen'), a singular determiner ('a policeman', 'the mayor') or a person's name give the count
of one phrase; conjuncts add up ('two soldiers and a civilian' = 3); names set off after a count
are that count's members, not more people ('two reporters, Roberto Navas and Mauricio Pineda' =
2). Qualifiers become bounds by the table of README.md ("Counts"): 'more than 30' = [31, null],
'about 40' and 'up to 40' = [40, 40] with the hedge kept in the qualifier.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc, Token

from .numbers import VAGUE, is_number_word, parse_number
from .schema import CountQualifier


class Headcount(NamedTuple):
    """A count read from text: [low, high] (high None when open-ended), the hedge, the words."""

    low: int
    high: int | None
    qualifier: CountQualifier
    tokens: list[Token]


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
# Entity labels that a proper noun naming a person never carries.
_NOT_PERSON = frozenset("GPE LOC ORG NORP FAC PRODUCT EVENT WORK_OF_ART LAW DATE TIME".split())
# Entity labels of numbers that count no people: "at 1533 GMT", "$20 million", "20 kg". Not
# DATE, which the small model also gives to "between 8 and 10 soldiers".
_NOT_PEOPLE = frozenset("TIME MONEY PERCENT QUANTITY ORDINAL".split())
# Words after a number that make it a time: "at 1533 GMT", "at 0100 hours".
_CLOCK = frozenset("gmt utc hours hrs hr h am pm a.m. p.m. local".split())
# Singular nouns that name many people: "the family was killed", "a patrol was ambushed".
_COLLECTIVE = frozenset(
    "family group patrol crew unit convoy couple team squad column platoon company battalion "
    "population community village town delegation staff".split()
)
_ONE_PERSON = frozenset("he him she her himself herself".split())
# Words that count people without being a number of them: "the toll", "the number of".
_NOT_ONE = frozenset("toll number death people total majority rest".split())


def np_count(noun: Token) -> Headcount | None:
    """The number of people a noun phrase names, adding up its conjuncts; None when the phrase
    gives no count ('the civilians')."""
    parts = [noun, *[c for c in noun.conjuncts if c.i > noun.i]]
    values = [single_count(part) for part in parts]
    if values[0] is not None and len(parts) > 1 and _names_of_counted(parts, values[0]):
        return values[0]
    total_min = 0
    total_max: int | None = 0
    qualifier: CountQualifier = "exact"
    tokens: list[Token] = []
    known = False
    for part, value in zip(parts, values, strict=True):
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
        tokens += value.tokens
        total_min += value.low
        total_max = None if value.high is None or total_max is None else total_max + value.high
        if value.qualifier != "exact":
            qualifier = value.qualifier
    if not known:
        return None
    if total_max is not None and total_max > total_min and qualifier == "exact":
        qualifier = "range"
    return Headcount(total_min, total_max, qualifier, tokens)


def _names_of_counted(parts: list[Token], first: Headcount) -> bool:
    """'two reporters, Roberto Navas and Mauricio Pineda': a plural count followed, after a
    comma, by as many person names as it counts, which the parser took for more conjuncts."""
    head = parts[0]
    rest = parts[1:]
    if head.tag_ not in ("NNS", "NNPS") or first.high != first.low or first.low != len(rest):
        return False
    if joiner(head, rest[0]) != ",":
        return False
    return all(is_person_name(part) for part in rest)


def is_person_name(token: Token) -> bool:
    """A singular proper noun that names a person: tagged PERSON, or not tagged at all (names in
    truecased capitals often get no label; places and groups get theirs)."""
    if token.pos_ != "PROPN" or token.tag_ != "NNP":
        return False
    return token.ent_type_ in ("PERSON", "")


def single_count(noun: Token) -> Headcount | None:
    """The count of one noun phrase, without its conjuncts."""
    # The noun is itself a number: "13 were killed", "three of them died"; not a time
    # ("at 1533 GMT") or an amount
    if (
        noun.like_num
        or noun.pos_ == "NUM"
        or (is_number_word(noun.text) and noun.lower_ not in ("a", "an"))
    ):
        return None if noun.ent_type_ in _NOT_PEOPLE else number_phrase(noun)
    # "Dozens (of people) were killed", "a handful of soldiers": the vague quantity is the
    # phrase's head; not "some" (a determiner more than a count), nor "a couple" of two people
    if (
        noun.lower_ in VAGUE
        and noun.lower_ != "some"
        and (noun.lower_ != "couple" or any(c.lower_ == "of" for c in noun.children))
    ):
        return number_phrase(noun)
    for child in noun.children:
        if child.ent_type_ in _NOT_PEOPLE:
            continue
        if child.dep_ == "nummod" or (child.dep_ in ("amod", "quantmod") and child.like_num):
            value = number_phrase(child)
            return _with_fused_one(noun, child, value) if value is not None else None
    # "Three Security Force (SF) personnel": the number the parser hung on a name that
    # modifies the counted noun, when it opens the phrase
    for child in noun.children:
        if child.dep_ in ("nmod", "compound") and child.i < noun.i and child.ent_type_ != "DATE":
            for number in child.children:
                if (
                    number.dep_ == "nummod"
                    and number.i == noun.left_edge.i
                    and number.ent_type_ not in (*_NOT_PEOPLE, "DATE")
                ):
                    return number_phrase(number)
    # "dozens of people", "hundreds of civilians", "a dozen soldiers"
    if noun.head.dep_ == "prep" and noun.head.lower_ == "of" and noun.dep_ == "pobj":
        holder = noun.head.head
        if holder.lower_ in VAGUE or holder.like_num or holder.lower_ in ("dozen", "dozens"):
            return number_phrase(holder)
    for child in noun.children:
        if child.dep_ in ("amod", "det") and child.lower_ in VAGUE and child.lower_ != "some":
            low, high = VAGUE[child.lower_]
            return Headcount(low, high, "range" if high else "at_least", [child])
        if (
            child.dep_ == "det"
            and child.lower_ in ("a", "an", "another")
            and (noun.tag_ in ("NN", "NNP") or noun.dep_ in ("nsubjpass", "nsubj", "dobj", "conj"))
        ):
            if noun.lower_ in ("couple", "pair"):
                return Headcount(2, 2, "exact", [child, noun])  # "a young couple"
            return Headcount(1, 1, "exact", [child])  # "a general", even when tagged an adjective
    if is_person_name(noun) or (noun.pos_ == "PRON" and noun.lower_ in _ONE_PERSON):
        return Headcount(1, 1, "exact", [noun])
    if (
        noun.tag_ in ("NN", "NNP")
        and noun.lower_ not in _COLLECTIVE
        and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in noun.children)
    ):
        return Headcount(1, 1, "exact", [noun])  # "banker Ramiro Castillo Love", a broken name
    if (
        noun.tag_ == "NN"
        and any(c.dep_ in ("det", "poss") for c in noun.children)
        and noun.lower_ not in _NOT_ONE
    ):
        return Headcount(1, 1, "exact", [noun])
    return None


def _with_fused_one(noun: Token, number: Token, value: Headcount) -> Headcount:
    """'a general and four soldiers', which the small model parses as one phrase (a, general as
    an adjective, four soldiers): the 'a ... and' before the number is one more person."""
    if noun.tag_ not in ("NNS", "NNPS"):
        return value
    doc = noun.doc
    for det in noun.children:
        if det.dep_ == "det" and det.lower_ in ("a", "an") and det.i < number.i:
            between = doc[det.i + 1 : value.tokens[0].i]
            if len(between) >= 2 and between[-1].lower_ == "and" and between[0].pos_ != "NUM":
                high = None if value.high is None else value.high + 1
                return Headcount(value.low + 1, high, value.qualifier, [det, *value.tokens])
    return value


def number_phrase(number: Token) -> Headcount | None:
    """A number token with its compound parts and qualifier: 'at least 1,600', 'between 10
    and 15', 'two hundred and five'."""
    if number.lower_ in VAGUE:
        low, high = VAGUE[number.lower_]
        return Headcount(low, high, "range" if high else "at_least", [number])
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
    start, end = _hyphenated(doc, start, end)
    value = parse_number([t.text for t in doc[start : end + 1] if t.text != "-"])
    if value is None or (end + 1 < len(doc) and doc[end + 1].lower_ in _CLOCK):
        return None
    tokens = list(doc[start : end + 1])
    before = " ".join(t.lower_ for t in doc[max(0, start - 3) : start])
    # "between 10 and 15", "10 to 15", "three or four"; not "killed 2 and 5 were wounded"
    if (
        end + 2 < len(doc)
        and (
            doc[end + 1].lower_ in ("to", "-", "or")
            or (doc[end + 1].lower_ == "and" and before.endswith("between"))
        )
        and (doc[end + 2].like_num or is_number_word(doc[end + 2].text))
        and doc[end + 2].lower_ not in ("a", "an")
    ):
        upper = parse_number([doc[end + 2].text])
        if upper is not None and upper > value:
            return Headcount(value, upper, "range", [*tokens, doc[end + 2]])
    for phrase, qualifier in _QUALIFIERS:
        if before.endswith(phrase) and (before == phrase or before.endswith(" " + phrase)):
            size = len(phrase.split())
            tokens = list(doc[start - size : start]) + tokens
            if qualifier == "at_least":
                return Headcount(value, None, qualifier, tokens)
            if qualifier == "more_than":
                return Headcount(value + 1, None, qualifier, tokens)
            if qualifier == "fewer_than":
                return Headcount(min(1, value - 1), max(0, value - 1), qualifier, tokens)
            # "about 40", "up to 40": the stated number, the hedge in the qualifier
            return Headcount(value, value, qualifier, tokens)
    after = " ".join(t.lower_ for t in doc[end + 1 : end + 3])
    if after.startswith("or more"):
        return Headcount(value, None, "at_least", tokens)
    return Headcount(value, value, "exact", tokens)


_TENS = frozenset("twenty thirty forty fifty sixty seventy eighty ninety".split())
_ONES = frozenset("one two three four five six seven eight nine".split())


def _hyphenated(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The bounds of a number widened over a hyphenated compound the tokenizer split:
    'twenty-three' is twenty, -, three. Digits around a hyphen are a range ('10-15'), not one
    number, so only a tens word and a units word are joined."""
    if (
        start >= 2
        and doc[start - 1].text == "-"
        and doc[start - 2].lower_ in _TENS
        and doc[start].lower_ in _ONES
        and not doc[start - 2].whitespace_
        and not doc[start - 1].whitespace_
    ):
        start -= 2
    if (
        end + 2 < len(doc)
        and doc[end + 1].text == "-"
        and doc[end].lower_ in _TENS
        and doc[end + 2].lower_ in _ONES
        and not doc[end].whitespace_
        and not doc[end + 1].whitespace_
    ):
        end += 2
    return start, end


def joiner(first: Token, second: Token) -> str | None:
    """The word joining two noun phrases of a list ("and", "&" or ","), or None when something
    else stands between them: "a general and four soldiers", "a soldier, a policeman and ..."."""
    joiners = ("and", ",", "&")
    between = list(first.doc[first.right_edge.i + 1 : second.left_edge.i])
    if not between and first.right_edge.lower_ in joiners:
        between = [first.right_edge]  # the parser hung "and" on the first phrase
    if not between or len(between) > 2 or any(t.lower_ not in joiners for t in between):
        return None
    return between[-1].lower_


def add(parts: list[Headcount]) -> Headcount:
    """Separate groups of people added up: 'a general' + 'four soldiers' = 5."""
    low = sum(p.low for p in parts)
    high = None if any(p.high is None for p in parts) else sum(p.high or 0 for p in parts)
    qualifiers = {p.qualifier for p in parts} - {"exact"}
    qualifier: CountQualifier = (
        next(iter(qualifiers)) if len(qualifiers) == 1 else ("exact" if not qualifiers else "range")
    )
    return Headcount(low, high, qualifier, [t for p in parts for t in p.tokens])
