"""Syntax of actor roles: which noun phrases around an attack word fill which role (the subject
of an active attack verb, "by X", "X's fighters", an "IS ambush"; objects, passive subjects,
"attack on/against X", "the murder of X"), how far a noun phrase reaches, and the cues of
attribution in the words around it ("suspected militants", "believed to be the work of").
"""

from __future__ import annotations

import itertools
import re

from spacy.tokens import Doc, Token

from .mentions import Mention
from .schema import Attribution

Role = str  # "perpetrator" | "target" | "site" (a target only if it names property) | "modifier"

# Attack words whose possessor or "of" phrase is the victim, not the attacker.
_VICTIM_NOUNS = frozenset(
    "murder murders assassination assassinations killing killings kidnapping "
    "kidnappings abduction abductions death deaths execution beheading "
    "massacre slaying".split()
)

_DYING_VERBS = frozenset("die perish succumb drown lose".split())

# Verbs whose object an attack noun hit: "the blast destroyed two houses".
_DAMAGE_VERBS = frozenset(
    "damage destroy wreck gut shatter raze demolish hit strike rip tear flatten level "
    "devastate".split()
)

# Verbs of a blast, and the words that place it: "a bomb exploded outside the bank", "they
# planted a bomb in front of the police station". What stands there is what the bomb hit.
_BLAST_VERBS = frozenset("explode detonate blow go place plant leave hurl throw toss".split())
_SITE_PREPS = frozenset("outside near inside in at beside behind opposite".split())

_SUSPECT_CUES = frozenset(
    "suspected alleged presumed presumably suspect probable apparent "
    "likely possibly probably believed thought".split()
)

_DETERMINERS = frozenset("the a an this that these those its their his her our some".split())

_POSSESSIVE_END = re.compile(r"(?<=\w)['\u2019](?:[sS])?$")

NAME_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "FAC"})

# Titles and honorifics before a name: "DR Guerrero" is "Francisco Jose Guerrero".
TITLES = frozenset(
    "mr mrs ms miss dr doctor msgr monsignor father fr sister brother rev reverend col colonel "
    "gen general capt captain lt lieutenant sgt sergeant maj major cmdr commander comrade sir "
    "don dona president minister senator deputy judge justice mayor governor ambassador "
    "former late engineer eng lic attorney professor prof".split()
)


# ---------------------------------------------------------------------------------------------
# Syntax: which noun phrases fill which role
# ---------------------------------------------------------------------------------------------
def role_arguments(mention: Mention) -> list[tuple[Role, Token]]:
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
            elif child.dep_ in ("advcl", "xcomp") and child.lemma_.lower() == "target":
                # "detonated an IED targeting an AMISOM convoy"
                args += [("target", g) for g in child.children if g.dep_ == "dobj"]
            elif child.dep_ == "prep" and child.lower_ in (
                "on",
                "at",
                "against",
                "upon",
                "to",
                "into",
            ):
                args += [("target", g) for g in child.children if g.dep_ == "pobj"]
        if head.lemma_.lower() in _BLAST_VERBS:
            args += [("site", g) for g in site_objects(head)]
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
            elif child.dep_ == "acl" and child.lemma_.lower() in ("target", "aim"):
                # "an IED targeting an AMISOM convoy", "a bomb aimed at the mayor"
                args += [("target", g) for g in child.children if g.dep_ == "dobj"]
                args += [
                    ("target", g)
                    for c in child.children
                    if c.dep_ == "prep" and c.lower_ == "at"
                    for g in c.children
                    if g.dep_ == "pobj"
                ]
            elif child.dep_ == "poss":
                args.append(("target" if victim_noun else "perpetrator", child))
            elif (
                child.dep_ in ("compound", "amod", "nmod")
                and not victim_noun
                and not mention.span.start <= child.i < mention.span.end
            ):
                args.append(("modifier", child))  # not a word of the mention ("Suicide bombers")
        doer = performing_verb(head)
        if doer is not None:
            # "Maoists triggered an IED blast", "militants detonated a car bomb"
            args += [("perpetrator", c) for c in doer.children if c.dep_ == "nsubj"]
        if mention.type == "bombing" and head.dep_ in ("dobj", "nsubjpass"):
            args += [("target", g) for g in _planted_at(head.head)]
        if head.dep_ in ("nsubj", "dobj", "nsubjpass") and head.head.lemma_.lower() in _BLAST_VERBS:
            # "a bomb exploded outside the bank", "a bomb was placed near the station"
            args += [("site", g) for g in site_objects(head.head)]
        if mention.type == "bombing":
            # "an explosion outside a hotel"; a clash or an attack near a farm is only its scene
            args += [("site", g) for g in site_objects(head, near_only=True)]
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


# Verbs that put a bomb somewhere: where it was put is what it was meant to hit.
_PLANTING_VERBS = frozenset("place plant leave put hide hurl throw toss lob set".split())
_PLANTED_PREPOSITIONS = frozenset("in inside under beneath underneath at outside near into".split())


def _planted_at(verb: Token) -> list[Token]:
    """'placed an explosive device in a printshop', 'a bomb was left under a bus', 'hurled a
    grenade at the building': the thing the bomb was put in, under or at. A town or a region
    ('planted a bomb in Bogota') is the scene, not the target."""
    if verb.lemma_.lower() not in _PLANTING_VERBS:
        return []
    return [
        g
        for child in verb.children
        if child.dep_ == "prep" and child.lower_ in _PLANTED_PREPOSITIONS
        for g in child.children
        if g.dep_ == "pobj"
        and g.pos_ in ("NOUN", "PROPN")
        and g.ent_type_ not in ("GPE", "LOC", "DATE", "TIME")
    ]


def site_objects(word: Token, *, near_only: bool = False) -> list[Token]:
    """Where a blast was: the objects of 'outside', 'near', 'inside', 'in', 'in front of',
    'next to' ('in' left out with near_only: 'the explosion in the capital')."""
    found = []
    for prep in (c for c in word.children if c.dep_ == "prep"):
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            if obj.lower_ in ("front", "side") or (prep.lower_ == "next" and obj.lower_ == "to"):
                found += objects_of(obj, "of")  # "in front of the station"
            elif prep.lower_ in _SITE_PREPS and not (near_only and prep.lower_ == "in"):
                found.append(obj)
        if prep.lower_ == "next":
            found += objects_of(prep, "to")
    return found


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


# Lower-case particles inside a person's name: "Alfonso de Lima", "Ludwig van Beethoven".
_NAME_PARTICLES = frozenset(
    "de del della la las los di da do dos das van von der den bin ibn".split()
)


def person_name(token: Token) -> tuple[int, int] | None:
    """Token range [start, end) of the bare name of a person a phrase ends on, without the
    descriptors and titles before it: 'Salvadoran Attorney General Roberto Garcia Alvarado' is
    'Roberto Garcia Alvarado'. None for a phrase that is no person's name or is only the name."""
    if token.pos_ != "PROPN" or token.ent_type_ not in ("PERSON", ""):
        return None
    start = token.i
    doc = token.doc
    while start > 0:
        left = doc[start - 1]
        if left.lower_ in _NAME_PARTICLES and start - 1 > 0 and doc[start - 2].pos_ == "PROPN":
            start -= 1  # "Alfonso de Lima"
            continue
        if (
            left.pos_ != "PROPN"
            or left.head.i not in (token.i, *range(start, token.i + 1))
            or not left.text[:1].isupper()
            or left.lower_.rstrip(".") in TITLES
            or left.ent_type_ in ("NORP", "GPE", "ORG", "LOC", "FAC")
            or (token.ent_type_ == "PERSON" and left.ent_type_ != "PERSON")
        ):
            break
        start -= 1
    while start < token.i and doc[start].lower_ in _NAME_PARTICLES:
        start += 1
    if not token.text[:1].isupper() or doc[start].lower_.rstrip(".") in TITLES:
        return None
    # a one-word name needs a person's title or a person entity before it ("Dr. Oqueli")
    before = doc[start - 1] if start > 0 else None
    if (
        start == token.i
        and token.ent_type_ != "PERSON"
        and (before is None or before.lower_.rstrip(".") not in TITLES)
    ):
        return None
    return start, token.i + 1


# Who a naming sentence names as a victim: "the victims", "the dead man", "the wounded person".
_VICTIM_WORDS = frozenset(
    "victim victims dead deceased body bodies corpse corpses casualty".split()
)
_VICTIM_STATES = frozenset(
    "dead deceased wounded injured murdered slain killed kidnapped abducted".split()
)


def named_victims(doc: Doc) -> list[Token]:
    """Heads of the names a sentence gives the victims of an incident told before: 'The victims
    were identified as Jose Rivera and Pedro Ordonez', 'the dead man was named as John Smith'."""
    found: list[Token] = []
    for verb in doc:
        if verb.lemma_.lower() not in ("identify", "name") or verb.tag_ != "VBN":
            continue
        subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if not any(_is_victim(s) for s in subjects):
            continue
        # a list the parser reads as conjuncts or appositions: "X, Y, and Z"
        people = objects_of(verb, "as")
        for person in people:
            people += [
                c
                for c in person.children
                if c.dep_ in ("conj", "appos") and c.i > person.i and c not in people
            ]
        found += [p for p in people if p.pos_ == "PROPN"]
    return found


def _is_victim(token: Token) -> bool:
    if token.lemma_.lower() in _VICTIM_WORDS or token.lower_ in _VICTIM_WORDS:
        return True
    return any(
        c.dep_ in ("amod", "acl", "compound") and c.lower_ in _VICTIM_STATES for c in token.children
    )


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


_ADVERBIAL_WORDS = frozenset(
    "yesterday today tonight reportedly allegedly also again then later early late last night "
    "morning evening afternoon recently".split()
)


def is_adverbial(token: Token) -> bool:
    """A word that can stand between a subject and its verb: 'yesterday', 'reportedly'."""
    return (
        token.pos_ == "ADV"
        or token.lower_ in _ADVERBIAL_WORDS
        or token.ent_type_ in ("DATE", "TIME")
    )


def has_definite(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)


def is_nation(token: Token) -> bool:
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


def objects_of(token: Token, preposition: str) -> list[Token]:
    """The objects of a word's 'to' or 'of' phrase: 'attributed to ISIS', 'the work of X'."""
    return [
        g
        for c in token.children
        if c.dep_ == "prep" and c.lower_ == preposition
        for g in c.children
        if g.dep_ == "pobj"
    ]


# Verbs that carry out an attack named by their object: "carried out the attack", "staged an
# ambush", "militants detonated a car bomb".
PERFORM_VERBS = frozenset(
    "carry launch stage mount conduct commit perpetrate execute trigger detonate plant".split()
)


def performing_verb(head: Token, verbs: frozenset[str] = PERFORM_VERBS) -> Token | None:
    """The verb an attack noun is the object of when that verb carries it out."""
    if head.dep_ == "dobj" and head.head.lemma_.lower() in verbs:
        return head.head
    return None


def said_with_doubt(token: Token) -> bool:
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
        if verb.ent_type_ in NAME_ENTITIES or verb.pos_ == "PROPN":
            found += [o for o in verb.children if o.dep_ == "dobj"] or [verb]
    return found


def attribution_cue(token: Token) -> Attribution:
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


def clean_name(span: object) -> str:
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
