"""ParsedArticle -> Mention per attack word, with what the sentence says about it: whether it is
negated, hypothetical, generic (a pattern or an aggregate rather than one attack), and how its
clause hangs together with the other mentions of the sentence.

Mentions are grouped into incidents by incidents.py; the field stages read their arguments.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .lexicon import TriggerEntry
from .numbers import word_value
from .parse import ParsedArticle, Sentence
from .schema import EventType, Method

# Verbs that put an attack in the future, in the mind or in a plan rather than in the world.
_IRREALIS_GOVERNORS = frozenset(
    "threaten plan intend vow pledge warn fear want seek prepare plot aim prevent avert thwart "
    "foil deter avoid expect urge call order promise consider risk imagine propose allege "
    "rumor rumour predict prepare".split()
)
_MODALS = frozenset("could would might may should will shall can must 'd 'll ca wo".split())
_CONDITIONAL_MARKS = frozenset("if unless whether lest".split())
# Quantifiers that make a plural attack noun a pattern: "various attacks", "repeated bombings".
_GENERIC_MODIFIERS = frozenset(
    "various numerous many several frequent repeated daily regular recent occasional sporadic "
    "countless constant further more other such these those past previous earlier similar "
    "increasing growing dozens hundreds scores".split()
)
_SERIES_NOUNS = frozenset(
    "series wave spate string campaign spree string rash number surge "
    "increase rise upsurge escalation resurgence multiplication kind type "
    "pattern threat risk fear fears".split()
)
_FREQUENCY_RE = re.compile(
    r"\b(?:every|each) (?:day|week|month|night|year)\b|\b(?:almost |nearly )?daily "
    r"(?:attacks|bombings|killings)\b|\bweek after week\b|\bday after day\b",
    re.IGNORECASE,
)
_HABITUAL_ADVERBS = frozenset(
    "often frequently regularly usually routinely constantly always "
    "sometimes repeatedly daily generally typically".split()
)
# Words whose presence makes a casualty word part of an accident or disaster, not an attack.
_NON_ATTACK_HARM = frozenset(
    "accident accidents crash crashes collision earthquake quake flood floods flooding storm "
    "hurricane cyclone typhoon landslide landslides mudslide avalanche drowned drowning outbreak "
    "virus disease epidemic pandemic covid coronavirus cholera malaria ebola heatwave tornado "
    "lightning eruption overdose stampede derailment derailed famine starvation illness cancer "
    "heart natural blaze blazes bushfire bushfires wildfire wildfires inferno thunderstorm "
    "fireworks firework electrocuted riot riots rioting".split()
)
# What blows up by accident: "a gas cylinder exploded", "a boiler explosion". Not a modifier of
# "attack" ("a gas attack" is a chemical attack): only of the blast words.
_ACCIDENTAL_BLASTS = frozenset(
    "gas cylinder cylinders boiler boilers fireworks firework methane transformer tanker "
    "volcano volcanic reactor".split()
)
_WILDFIRES = frozenset(
    "fire fires blaze blazes bushfire bushfires wildfire wildfires flames".split()
)
# What protesters burn: "set fire to tyres", "burning effigies". No one's property is attacked.
_PROTEST_FUEL = frozenset(
    "tyre tyres tire tires effigy effigies flag flags rubbish garbage trash bonfire bonfires "
    "barricade barricades".split()
)
# Who clashes with the police at a protest: unrest, not an armed clash.
_CROWDS = frozenset(
    "protesters protestors demonstrators students supporters rioters marchers strikers fans "
    "youths crowd crowds mourners worshippers activists".split()
)
# A "clash", an "attack" or a "shot" among these words is a game: "the bowling attack".
_SPORT_WORDS = frozenset(
    "cricket wicket wickets innings batsman batsmen bowler bowlers bowling spinner leg-spinner "
    "paceman pacemen fielder football soccer rugby tennis golf goalkeeper midfielder tournament "
    "semi-final semifinal quarter-final quarterfinal championship olympics fixture fixtures "
    "kickoff kick-off play-off playoff hat-trick".split()
)
# What a fire that kills is when no one set it: "killed in a fire", "a fire broke out".
# "opened fire", "came under fire", "sniper fire", "set fire" are attacks.
_FIRE_OF_WEAPONS = frozenset(
    "sniper mortar artillery rocket machine-gun machinegun tank enemy hostile automatic-weapons "
    "gun weapons rifle friendly".split()
)
# Nouns after "heart"/"panic"/... that are not violence: "heart attack", "panic attack".
# "harshly attacked the president": words, not weapons.
_VERBAL_ADVERBS = frozenset(
    "harshly sharply strongly bitterly verbally publicly fiercely severely "
    "vehemently openly roundly".split()
)
_NON_VIOLENT_ATTACK_MODIFIERS = frozenset(
    "heart panic asthma anxiety cyber cyberattack verbal shark dog bee allergic seizure "
    "stroke".split()
)


@dataclass(eq=False)
class Mention:
    """One attack, casualty or claim word in a parsed sentence."""

    sent: Sentence
    span: Span
    entry: TriggerEntry
    negated: bool = False
    hypothetical: bool = False
    generic: bool = False
    supported: bool = True
    definite: bool = False
    cluster: int = -1
    sequence: Sequence | None = None
    notes: list[str] = field(default_factory=list)
    # a casualty word counted only because the article has an attack word elsewhere
    borrowed_support: bool = False
    # "no casualties were reported" with no weapon in the sentence: a toll of zero, no incident
    none_harmed: bool = False

    @property
    def doc(self) -> Doc:
        assert self.sent.doc is not None  # mentions exist only in parsed sentences
        return self.sent.doc

    @property
    def head(self) -> Token:
        return self.span.root

    @property
    def kind(self) -> str:
        return self.entry.kind

    @property
    def type(self) -> EventType | None:
        return self.entry.type

    @property
    def methods(self) -> tuple[Method, ...]:
        return self.entry.methods

    @property
    def start(self) -> int:
        """Character offset of the trigger in the article."""
        return self.sent.start + self.span.start_char

    @property
    def end(self) -> int:
        return self.sent.start + self.span.end_char

    @property
    def counts_as_event(self) -> bool:
        """Whether this mention can found an incident on its own ("no casualties" cannot)."""
        return (
            self.kind in ("attack", "harm")
            and self.supported
            and not (self.kind == "harm" and self.none_harmed)
            and not self.negated
            and not self.hypothetical
            and not self.generic
        )


# Words of an accident or disaster story, anywhere in it: with no attack word in the article,
# "the pilot was killed" and "three deaths" belong to the crash, the collapse, the tragedy.
_ACCIDENT_STORY = frozenset("crashed collapsed collapse tragedy manslaughter coroner".split())


def _accident_story(found: list[Mention], parsed: ParsedArticle) -> None:
    """Deaths in an article that tells of an accident and of no attack are not attacks."""
    if any(
        m.kind == "attack" and not m.entry.weak and "not violence" not in m.notes for m in found
    ):
        return  # even a feared or suspected attack ("the crash may have been a bomb") stays
    told = set(_LOWER_WORDS.findall(parsed.text.lower()))
    if not told & (_NON_ATTACK_HARM | _ACCIDENT_STORY):
        return
    for mention in found:
        if mention.kind != "harm" or not mention.supported:
            continue
        sentence = mention.span.sent if mention.span.sent is not None else mention.doc[:]
        armed = bool(parsed.cues_in(mention.sent))
        # police and soldiers at an accident are rescuers; only an attacker makes it violence
        attackers = any(
            t.lower_ in _ARMED and t.lower_ not in _STATE_FORCES and not _team_squad(t)
            for t in sentence
        )
        if armed or attackers or _attack_words_in(mention, sentence):
            continue
        mention.supported = False
        mention.notes.append("an accident story")


def _none_harmed(head: Token) -> bool:
    """'no casualties were reported', 'no one was hurt', 'none were injured'."""
    if any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
        return True
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(
        s.lower_ in ("none", "nobody", "noone")
        or (s.lower_ == "one" and any(c.lower_ == "no" for c in s.children))
        for s in subjects
    )


def find_mentions(parsed: ParsedArticle) -> list[Mention]:
    """Every attack, casualty and claim word of the parsed sentences, in text order."""
    found: list[Mention] = []
    for sent in parsed.parsed:
        doc = sent.doc
        assert doc is not None
        for hit in parsed.triggers:
            if not (sent.start <= hit.start < sent.end) or hit.value.kind == "cue":
                continue
            span = doc.char_span(
                hit.start - sent.start, hit.end - sent.start, alignment_mode="expand"
            )
            if span is None or not len(span):
                continue
            mention = _describe(Mention(sent, span, hit.value), parsed)
            if mention.entry.needs == "people" and not mention.supported:
                continue  # "the police seized two tonnes of cocaine": no attack word at all
            found.append(mention)
    _accident_story(found, parsed)
    lenders = [m for m in found if m.kind == "attack" and not m.entry.weak]
    if lenders and all("not violence" in m.notes for m in lenders):
        # the attack words that lent their support all turned out to be no attack (a fire, a
        # game, a protest): deaths told with nothing else are not an attack either
        for mention in found:
            if mention.borrowed_support:
                mention.supported = False
                mention.notes.append("no attack in the article")
    _cluster(found)
    return found


def _describe(mention: Mention, parsed: ParsedArticle) -> Mention:
    head = mention.head
    mention.definite = _is_definite(head)
    if _non_violent(mention, parsed):
        mention.supported = False
        mention.notes.append("not violence")
        return mention
    if _modifies_non_event(mention):
        mention.supported = False
        mention.notes.append(f"modifies '{head.head.text}'")
        return mention
    if mention.kind == "harm" and _none_harmed(head):
        # "explosives that caused no fatalities" still tells of a bombing
        mention.none_harmed = not parsed.cues_in(mention.sent)
    mention.negated = _is_negated(head, mention.kind)
    mention.hypothetical = _is_hypothetical(head)
    mention.generic = _is_generic(mention)
    if mention.entry.weak or mention.kind == "harm":
        mention.supported = _has_support(mention, parsed)
    if mention.entry.needs == "people" and not _seizes_people(head):
        mention.supported = False
        mention.notes.append("not people taken by non-state attackers")
    if (
        mention.kind == "harm"
        and head.dep_ == "amod"
        and not any(c.like_num for c in head.head.children)
    ):
        # "wounded people from the battle zones": a description, not a report of harm
        mention.supported = False
        mention.notes.append("describes a noun")
    return mention


# ---------------------------------------------------------------------------------------------
# Polarity, modality, genericity
# ---------------------------------------------------------------------------------------------
def _clause_verb(token: Token) -> Token:
    """The verb whose clause holds a token (the token itself for a verb)."""
    current = token
    for _ in range(8):
        if current.pos_ in ("VERB", "AUX") or current.dep_ == "ROOT" or current.head.i == current.i:
            return current
        current = current.head
    return current


def _is_negated(head: Token, kind: str) -> bool:
    if any(child.dep_ == "neg" for child in head.children):
        return True
    if head.pos_ in ("NOUN", "PROPN"):
        if any(child.lower_ in ("no", "neither") for child in head.children if child.dep_ == "det"):
            return kind == "attack"  # "no casualties" is a toll of zero, not a negated event
        if head.dep_ == "pobj" and head.head.lower_ in ("without",):
            return True
        verb = _clause_verb(head)
        if head.dep_ in ("dobj", "attr", "nsubj", "nsubjpass") and any(
            child.dep_ == "neg" for child in verb.children
        ):
            return kind == "attack"
    elif head.pos_ in ("VERB", "AUX"):
        # "did not try to attack", "it is not by blowing up pipelines that ...": a negation
        # reaches the attack through a controlled verb or a prepositional clause, never
        # through a reported clause ("did not say that they attacked")
        current = head
        for _ in range(3):
            if current.dep_ not in ("xcomp", "pcomp", "prep") or current.head.i == current.i:
                break
            current = current.head
            if any(child.dep_ == "neg" for child in current.children):
                return True
    return False


def _is_hypothetical(head: Token) -> bool:
    verb = _clause_verb(head)
    chain = [head] if head is verb else [head, verb]
    for token in chain:
        if any(child.dep_ == "aux" and child.lower_ in _MODALS for child in token.children):
            return True
        if any(
            child.dep_ == "mark" and child.lower_ in _CONDITIONAL_MARKS for child in token.children
        ):
            return True
    # "a plot to assassinate", "an order to kill": an infinitive hanging from a plan
    if (
        head.tag_ == "VB"
        and head.head.lemma_.lower() in _PLAN_NOUNS
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)
    ):
        return True
    # "threatened to attack", "plans for an attack", "warned of attacks", "fear of a bombing"
    current = head
    for _ in range(4):
        governor = current.head
        if governor.i == current.i:
            break
        if governor.lemma_.lower() in _IRREALIS_GOVERNORS and current.dep_ in (
            "xcomp",
            "ccomp",
            "dobj",
            "pobj",
            "prep",
            "advcl",
            "acl",
        ):
            return True
        if (
            governor.lower_
            in ("possible", "potential", "planned", "imminent", "future", "alleged", "would-be")
            and current.dep_ == "amod"
        ):
            return True
        if current.dep_ not in ("prep", "pobj", "xcomp", "dobj", "compound", "amod", "aux"):
            break
        current = governor
    return any(
        child.dep_ == "amod"
        and child.lower_ in ("possible", "potential", "planned", "imminent", "future", "attempted?")
        for child in head.children
    )


# Nouns that an attack word can modify without naming an attack: "kidnapping ring", "murder
# charges", "bomb squad", "death squads", "attack helicopter", "bomb threat".
_NON_EVENT_HEADS = frozenset(
    "ring rings gang gangs band bands network networks squad squads unit units charge charges "
    "case cases trial trials suspect suspects investigation investigations threat threats "
    "helicopter helicopters plane planes aircraft jet jets dog dogs disposal expert experts "
    "industry business list lists scare scares hoax plot plots attempt attempts warning warnings "
    "sentence sentences penalty row certificate anniversary victims toll rate rates record "
    "records statistics figures campaign campaigns wave waves threatens law laws launcher "
    "launchers factory factories cache caches depot depots shipment shipments maker makers "
    "vest vests belt belts material materials".split()
)
# Verbs whose object is a weapon found or taken, not an attack: "seized 29 grenades".
_SEIZING = frozenset(
    "seize confiscate capture find discover recover hand surrender buy sell "
    "smuggle store stockpile deliver supply possess".split()
)
# Prepositions after which a gerund names a kind of act, not an event: "different from planting
# a bomb", "rather than attacking", "instead of bombing".
_KIND_OF_ACT_PREPS = frozenset("from than like instead about besides unlike".split())
# Nouns an infinitive can hang from without the act happening: "a plot to assassinate".
_PLAN_NOUNS = frozenset(
    "plot plots plan plans conspiracy scheme order orders threat threats call "
    "calls intention intent decision decisions mission project idea".split()
)
# Quantifiers that make the people harmed a class, not a count: "have killed many judges".
_GENERIC_VICTIM_MODIFIERS = frozenset("many countless numerous innumerable untold".split())


_INVENTORY_WORDS = frozenset(
    "rifle rifles pistol pistols gun guns weapon weapons ammunition round "
    "rounds cartridges launcher launchers explosives dynamite uniforms "
    "submachineguns submachinegun carbines mortars".split()
)


def _modifies_non_event(mention: Mention) -> bool:
    """'kidnapping ring', 'death squads', 'murder charges': the word modifies another noun;
    'seized 29 grenades': a weapon that was taken, not used; '155 rifles, 45 pistols, 126
    grenades': an inventory."""
    head = mention.head
    if head.tag_ in ("NNS", "NNPS") and mention.entry.type == "bombing":
        neighbours = [*head.conjuncts, head.head] if head.dep_ == "conj" else list(head.conjuncts)
        if any(t.lower_ in _INVENTORY_WORDS for t in neighbours):
            return True
    if (
        head.tag_ in ("NNS", "NNPS")
        and head.dep_ in ("dobj", "nsubjpass", "conj")
        and _governing_verb(head).lemma_.lower() in _SEIZING
    ):
        return True
    if head.dep_ in ("compound", "amod", "nmod") and head.head.i != head.i:
        governor = head.head
        return governor.lower_ in _NON_EVENT_HEADS or (
            governor.pos_ in ("NOUN", "PROPN") and governor.lemma_.lower() in _NON_EVENT_HEADS
        )
    return False


def _governing_verb(token: Token) -> Token:
    current = token
    for _ in range(4):
        if current.dep_ not in ("conj", "appos") or current.head.i == current.i:
            break
        current = current.head
    return current.head


def _generic_victims(mention: Mention) -> bool:
    """'have killed many judges', 'countless Colombians have been murdered'."""
    head = mention.head
    if head.pos_ not in ("VERB", "AUX"):
        return False
    for child in head.children:
        if child.dep_ in ("dobj", "nsubjpass", "nsubj") and any(
            g.lower_ in _GENERIC_VICTIM_MODIFIERS
            for g in child.children
            if g.dep_ in ("amod", "det", "nummod", "quantmod")
        ):
            return True
    return False


# Verbs whose past is their present: "assailants set fire to a school" is told in the past.
_SAME_PAST = frozenset("set hit put cut shut burst let spread cast beat".split())


def same_form_past(verb: Token) -> bool:
    """'Assailants set fire to a school': a verb the tagger read as present whose past has the
    same form, told of one determined object, is a past event."""
    return verb.tag_ == "VBP" and verb.lower_ in _SAME_PAST and _one_object(verb)


def _one_object(verb: Token) -> bool:
    """A singular, determined object or target: 'set fire to a school', 'hit the convoy'."""
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ != "fire"]
    objects += [
        g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
    ]
    return any(
        o.tag_ in ("NN", "NNP") and any(c.dep_ in ("det", "poss") for c in o.children)
        for o in objects
    )


def _is_generic(mention: Mention) -> bool:
    """A pattern of attacks rather than one: plural with a generic quantifier, a series, a
    habitual or present-tense verb, a gerund naming a kind of act."""
    head = mention.head
    children = list(head.children)
    if _generic_victims(mention):
        return True
    gerund = (
        head
        if head.tag_ == "VBG"
        else (head.head if head.dep_ == "dobj" and head.head.tag_ == "VBG" else None)
    )
    if gerund is not None and gerund.dep_ == "pcomp" and gerund.head.lower_ in _KIND_OF_ACT_PREPS:
        return True
    if head.tag_ in ("NNS", "NNPS") or (
        head.pos_ == "NOUN" and head.text.lower().endswith("s") and head.tag_ not in ("NN", "NNP")
    ):
        if any(
            child.lower_ in _GENERIC_MODIFIERS
            for child in children
            if child.dep_ in ("amod", "det", "nummod", "quantmod", "predet")
        ):
            return True
        if (
            head.dep_ == "pobj"
            and head.head.lower_ == "of"
            and head.head.head.lower_ in _SERIES_NOUNS
        ):
            return True
        # "suicide bombers struck three churches", "Russian air strikes killed 20 civilians":
        # the subject of a verb in the past tells of what happened, not of a habit
        agents_of_a_past_act = head.dep_ == "nsubj" and head.head.tag_ == "VBD"
        if (
            not any(child.dep_ in ("det", "nummod", "poss") for child in children)
            and head.dep_ in ("nsubj", "dobj", "pobj", "conj", "attr")
            and mention.kind == "attack"
            and not agents_of_a_past_act
        ):
            # "attacks, bombings and ambushes claimed or attributed to ISIS": bare plurals
            return not _has_specific_anchor(head)
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in _SERIES_NOUNS:
        return True
    if head.pos_ == "VERB" and mention.kind in ("attack", "harm"):
        if (
            head.tag_ in ("VBZ", "VBP")
            and not any(c.dep_ in ("aux", "auxpass") for c in children)
            and not same_form_past(head)
        ):
            return True  # "IS attacks Islamist groups": a habit, not an event
        if head.tag_ == "VB" and any(
            c.dep_ == "aux" and c.lemma_ == "do" and c.tag_ in ("VBZ", "VBP") for c in children
        ):
            return True  # "does a war kill more people than ...": a general claim
        if head.tag_ == "VBG" and any(
            c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in children
        ):
            return True  # "IS is attacking ...": ongoing activity
    habitual = {c.lower_ for c in children if c.dep_ == "advmod"} & _HABITUAL_ADVERBS
    if (
        habitual == {"repeatedly"}
        and head.tag_ == "VBD"
        and not any(c.dep_ == "aux" for c in children)
    ):
        habitual = set()  # "gunmen shot repeatedly at the offices": many shots, one attack
    if habitual:
        return True
    # "there is almost every day at least one attack": a frequency makes it a pattern
    return bool(_FREQUENCY_RE.search(mention.sent.text))


def _has_specific_anchor(head: Token) -> bool:
    """A plural attack noun with a date, a place entity or a count is still specific."""
    for token in head.subtree:
        if token.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC", "CARDINAL"):
            return True
        if token.like_num:
            return True
    return False


def _is_definite(head: Token) -> bool:
    """'the attack', 'this bombing', 'Sunday's blast': a reference back to a known incident."""
    for child in head.children:
        if child.dep_ in ("det", "poss") and child.lower_ in (
            "the",
            "this",
            "that",
            "its",
            "their",
            "his",
            "her",
            "these",
            "those",
        ):
            return True
        if child.dep_ == "poss" or (child.dep_ == "case" and child.head.i == head.i):
            return True
    return False


def _non_violent(mention: Mention, parsed: ParsedArticle | None = None) -> bool:
    """'heart attack', 'killed in a car crash', 'died of cholera', a verbal 'attack' on a policy."""
    head = mention.head
    if any(
        child.lower_ in _NON_VIOLENT_ATTACK_MODIFIERS
        for child in head.children
        if child.dep_ in ("compound", "amod")
    ):
        return True
    if (mention.entry.weak or mention.entry.lemma == "clash") and any(
        child.lower_ in _VERBAL_ADVERBS for child in head.children if child.dep_ == "advmod"
    ):
        return True  # "openly clashed in Geneva over refugees"
    window = mention.span.sent if mention.span.sent is not None else mention.doc[:]
    # words as written, so that "hat-trick" and "semi-final" are one word
    lowered = set(_LOWER_WORDS.findall(window.text.lower()))
    if mention.kind == "attack":
        text = parsed.text if parsed is not None else window.text
        if _game(mention, lowered, window, text):
            return True
        return _non_violent_attack(mention, lowered) and not _attack_words_in(mention, window)
    if mention.kind != "harm":
        return False
    sport = bool(lowered & _SPORT_WORDS) and _sports_report(parsed.text if parsed else window.text)
    accident = (
        sport
        or bool(lowered & _NON_ATTACK_HARM)
        or any(_accidental_fire(t) or _accidental_blast(t) for t in window)
    )
    if not accident and parsed is not None and mention.sent.index > 0:
        # "A fire broke out at a hotel. Two of the victims were found asphyxiated.": the
        # sentence before tells what harmed them, unless it tells of an attack too
        before = parsed.sentences[mention.sent.index - 1].text.lower()
        told = set(_LOWER_WORDS.findall(before))
        accident = bool(told & _NON_ATTACK_HARM) and not told & _ATTACK_WORDS
    return accident and not _attack_words_in(mention, window)


def _non_violent_attack(mention: Mention, lowered: set[str]) -> bool:
    """'a gas cylinder exploded', 'set fire to tyres', 'bushfires burning', 'the storm hit',
    'students clashed with police'."""
    head = mention.head
    lemma = mention.entry.lemma
    if lemma == "clash" and _crowd_clash(head):
        return True
    if lemma == "blast" and _accidental_blast(head):
        return True
    if lemma == "set fire":
        burned = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
        burned += [g for c in head.children if c.dep_ == "prep" for g in c.children]
        burned = [c for c in burned if c.lower_ not in ("fire", "ablaze", "alight")]
        if head.dep_ == "amod":
            burned.append(head.head)  # "burning tyres"
        fuel = [c.lower_ in _PROTEST_FUEL for c in burned if c.pos_ == "NOUN"]
        if fuel and all(fuel):
            return True
    burning = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if head.dep_ in ("acl", "amod", "relcl"):
        burning.append(head.head)
    if lemma == "set fire" and any(c.lower_ in _WILDFIRES for c in burning):
        return True  # "fires burning around Sydney", "bushfires razed homes"
    # the weather; one storms a building with a verb
    return lemma == "raid" and head.lower_ in ("storm", "storms") and head.pos_ != "VERB"


def _crowd_clash(head: Token) -> bool:
    """'students clashed with police', 'clashes between protesters and security forces'."""
    sides = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    sides += [
        g
        for c in head.children
        if c.dep_ == "prep" and c.lower_ in ("with", "between", "among")
        for g in c.children
        if g.dep_ == "pobj"
    ]
    sides += [c for side in sides for c in side.conjuncts]
    sides += [g for side in sides for c in side.children if c.lower_ == "of" for g in c.children]
    return any(side.lower_ in _CROWDS for side in sides)


def _game(mention: Mention, lowered: set[str], window: Span, text: str) -> bool:
    """A sports report (three sports words or more in the article) tells of games: its
    "attack", "shot" and "clash" are violence only beside a word no game uses."""
    if not (mention.entry.weak or mention.entry.lemma in ("clash", "shoot", "attack")):
        return False
    if not (lowered & _SPORT_WORDS and _sports_report(text)):
        return False
    return not any(token.lower_ in _ATTACK_WORDS - _GAME_SENSES for token in window)


@functools.lru_cache(maxsize=4)
def _sports_report(text: str) -> bool:
    return len(set(_LOWER_WORDS.findall(text.lower())) & _SPORT_WORDS) >= 3


def _accidental_blast(token: Token) -> bool:
    """'a gas cylinder exploded', 'the boiler explosion'."""
    if token.lower_ not in _BLAST_FORMS:
        return False
    sources = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "compound", "amod")]
    sources += [g for c in sources for g in c.children if g.dep_ == "compound"]
    return any(c.lower_ in _ACCIDENTAL_BLASTS for c in sources)


_BLAST_FORMS = frozenset(
    "explosion explosions exploded explodes exploding blast blasts blew burst".split()
)


def _accidental_fire(token: Token) -> bool:
    """'killed in a fire', 'a fire broke out at a factory', not 'sniper fire' or 'opened fire'."""
    if token.lower_ not in ("fire", "fires") or token.pos_ != "NOUN":
        return False
    if token.i > 0 and token.doc[token.i - 1].lower_ in ("-", "cease"):
        return False  # "cease-fire", "CEASE - FIRE"
    if any(c.lower_ in _FIRE_OF_WEAPONS or c.dep_ == "prep" for c in token.children):
        return False  # "sniper fire", "fire from the soldiers"
    if token.dep_ == "nsubj":
        return token.head.lemma_.lower() not in ("come", "hit")
    return token.dep_ == "pobj" and token.head.lower_ in ("in", "by")


_ATTACK_WORDS = frozenset(
    "bomb bombs bombing bombings attack attacks gunmen gunman shot explosion explosions blast "
    "blasts ambush ambushed shooting shootings rebels guerrillas militants grenade grenades "
    "arson arsonist arsonists molotov firebomb firebombed torched".split()
)
_GAME_SENSES = frozenset("shot attack shooting blast".split())
_LOWER_WORDS = re.compile(r"[a-z][a-z-]*")


def _attack_words_in(mention: Mention, window: Span) -> bool:
    """Another attack word in the sentence than the mention's own."""
    own = range(mention.span.start, mention.span.end)
    return any(token.lower_ in _ATTACK_WORDS and token.i not in own for token in window)


# Who can be taken: people by category ("passengers", "two engineers") or by name.
_PEOPLE = frozenset(
    "people persons person men man women woman children child boys girls students pupils "
    "schoolgirls schoolchildren passengers travellers travelers tourists workers employees "
    "engineers villagers civilians farmers peasants traders businessman businessmen merchants "
    "journalists reporter reporters priest priests nuns missionaries teachers doctors nurses "
    "officials official mayor councillor councilor judge candidate diplomat diplomats "
    "foreigners foreigner hostages hostage members relatives family families residents "
    "worshippers pilgrims fishermen miners contractors crew aid volunteers".split()
)
# Who takes people lawfully: "police seized two suspects" is an arrest.
_STATE_TAKERS = frozenset(
    "police policemen officers troops soldiers army forces authorities agents military "
    "security guard guards gendarmes customs".split()
)


def _seizes_people(head: Token) -> bool:
    """'gunmen seized 12 passengers', 'two engineers were seized': people are what is taken,
    and not by the state."""
    taken = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    takers = [c for c in head.children if c.dep_ == "nsubj"]
    takers += [g for c in head.children if c.dep_ == "agent" for g in c.children]
    if any(t.lower_ in _STATE_TAKERS for taker in takers for t in taker.subtree):
        return False
    for token in taken:
        words = {t.lower_ for t in token.subtree}
        if token.ent_type_ == "PERSON" or token.lower_ in _PEOPLE or words & _PEOPLE:
            return True
    return False


def _has_support(mention: Mention, parsed: ParsedArticle) -> bool:
    """A weak word ("attack", "raid", "burned") or a casualty word counts when its sentence
    also carries a stronger attack word, a weapon, or an armed actor; "killed" in a sentence
    with nothing else still counts when the article has an attack word elsewhere."""
    sent = mention.sent
    for hit in parsed.triggers:
        if sent.start <= hit.start < sent.end and (hit.start, hit.end) != (
            mention.start,
            mention.end,
        ):
            if hit.value.kind == "cue" or (hit.value.kind == "attack" and not hit.value.weak):
                return True
            if hit.value.kind == "harm" and mention.kind == "attack":
                return True
    if _armed_actor_near(mention) or _person_shot_or_held(mention):
        return True
    if mention.kind == "harm":
        if mention.entry.outcome == "killed" and mention.head.lemma_.lower() in (
            "kill",
            "killing",
            "murder",
        ):
            return True  # "gunmen killed", "X was killed": killing is violence by someone
        mention.borrowed_support = True
        return any(h.value.kind == "attack" and not h.value.weak for h in parsed.triggers)
    return _physical_object(mention)


_ARMED = frozenset(
    "gunmen gunman guerrillas guerrilla rebels rebel militants militant insurgents insurgent "
    "terrorists terrorist jihadists jihadist fighters fighter attackers attacker assailants "
    "assailant soldiers soldier troops army police policemen militia militias militiamen bandits "
    "commandos commando hitmen hitman sicarios extremists extremist paramilitaries paramilitary "
    "squad squads mob".split()
)
_PHYSICAL = frozenset(
    "base bases post posts checkpoint checkpoints convoy convoys patrol patrols village villages "
    "town towns camp camps station stations barracks garrison headquarters office offices "
    "building buildings house houses home homes vehicle vehicles bus buses truck trucks car cars "
    "school schools church churches mosque mosques market markets hotel hotels embassy bank "
    "banks plant pipeline pipelines tower towers bridge bridges farm farms residence airport "
    "prison jail hospital restaurant shop shops store stores substation train ship facility "
    "facilities premises newspaper offices".split()
)


_STATE_FORCES = frozenset(
    "soldiers soldier troops army police policemen commandos commando paramilitaries "
    "paramilitary".split()
)
_SPEECH = frozenset("say tell report state add confirm announce".split())


def _armed_actor_near(mention: Mention, *, speakers: bool = True) -> bool:
    """An armed actor in the sentence; without `speakers`, not one that only tells the news
    ('the pilot was killed, police said')."""
    sentence = mention.span.sent if mention.span.sent is not None else mention.doc[:]
    return any(
        (
            token.lower_ in _ARMED
            and not _team_squad(token)
            and (speakers or token.dep_ != "nsubj" or token.head.lemma_.lower() not in _SPEECH)
        )
        or (token.ent_type_ == "ORG" and token.dep_ == "nsubj")
        or (token.lower_ in ("armed", "masked", "hooded") and token.dep_ == "amod")
        for token in sentence
    )


def _team_squad(token: Token) -> bool:
    """A 'squad' that is a team; 'death squad' and 'hit squad' are armed."""
    if token.lower_ not in ("squad", "squads"):
        return False
    before = token.doc[token.i - 1].lower_ if token.i > 0 else ""
    return before not in ("death", "hit", "firing", "assassination", "suicide")


# Weak words that are violence whenever a person is what they act on: one shoots a film but not
# a man, and a city can be "hostage" to its debts but a diplomat held hostage is a captive.
_PERSON_PATIENT_METHODS = frozenset({"shooting", "hostage"})
_PERSON_PRONOUNS = frozenset("him her them us me".split())


def _person_shot_or_held(mention: Mention) -> bool:
    """'the legal adviser was shot', 'gunmen shot him', 'held 20 diplomats hostage': a shooting
    or hostage word whose patient is a person."""
    if not _PERSON_PATIENT_METHODS & set(mention.methods):
        return False
    head = mention.head
    if head.pos_ in ("NOUN", "PROPN"):
        # "held 20 diplomats hostage", "took the mayor hostage": the patient is the verb's object
        if head.dep_ not in (
            "oprd",
            "dobj",
            "npadvmod",
            "attr",
            "advmod",
            "advcl",
            "xcomp",
            "ccomp",
        ):
            return False
        verb = head.head
        patients = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.i != head.i]
        # the small model often reads "took the mayor hostage" as one noun phrase
        patients += [c for c in head.children if c.dep_ == "compound"]
    else:
        patients = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(_is_person(token) for token in patients)


def _is_person(token: Token) -> bool:
    """A person or people: a pronoun, a person's name or a people word in the noun phrase ("the
    party's legal adviser, Abelardo Daza", "three engineers")."""
    if token.lower_ in _PERSON_PRONOUNS:
        return True
    if token.ent_type_ == "PERSON" or token.lower_ in _PEOPLE or token.lemma_.lower() in _PEOPLE:
        return True
    # the name beside a title, the people of a list; not what a preposition adds ("a film
    # about miners")
    return any(
        _is_person(child) for child in token.children if child.dep_ in ("appos", "compound", "conj")
    )


def _physical_object(mention: Mention) -> bool:
    """'attacked a police station', 'an attack on the convoy': a concrete target."""
    head = mention.head
    for token in head.subtree:
        if token.i == head.i:
            continue
        if token.lower_ in _PHYSICAL or token.ent_type_ in ("FAC", "GPE"):
            return True  # a person attacked with no weapon or harm named may be criticised
    return False


# ---------------------------------------------------------------------------------------------
# Clusters: the mentions of one sentence that describe one incident
# ---------------------------------------------------------------------------------------------
# "..., the day after 13 fighters were killed in an ambush", "two days before", "hours after":
# a span of time and a sequence word start a clause about another incident. Found on the words
# rather than the parse, which the small model often gets wrong in such long sentences.
_SPAN_WORDS = (
    r"(?:the|a|one|two|three|four|five|six|seven|\d+|several|a few|few|some|24)\s+"
    r"(?:day|days|week|weeks|month|months|hour|hours|night|nights|year|years)"
)
_SEQUENCE_RE = re.compile(
    rf"(?<![\w-])(?P<span>{_SPAN_WORDS}|hours|days|weeks|a day|the day)\s+"
    r"(?P<rel>after|before|earlier|later)\b",
    re.IGNORECASE,
)
_UNITS = {"day": 1, "night": 1, "week": 7, "month": 30, "year": 365, "hour": 0}


@dataclass(frozen=True)
class Sequence:
    """Cluster `cluster` happened `days` days before (negative: after) the cluster `relative_to`."""

    relative_to: int
    days: int | None
    text: str
    start: int


def _cluster(mentions: list[Mention]) -> None:
    """Number the mentions so that those of one incident within a sentence share a cluster."""
    next_id = 0
    by_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sent.index, []).append(mention)
    for group in by_sentence.values():
        doc = group[0].doc
        cuts = [m for m in _SEQUENCE_RE.finditer(doc.text)]
        segment_ids: dict[int, int] = {}
        for mention in group:
            segment = sum(1 for cut in cuts if cut.start() <= mention.span.start_char)
            if segment not in segment_ids:
                segment_ids[segment] = next_id
                next_id += 1
            mention.cluster = segment_ids[segment]
        for segment, cluster in segment_ids.items():
            if segment == 0 or segment - 1 not in segment_ids:
                continue
            cut = cuts[segment - 1]
            for mention in group:
                if mention.cluster == cluster:
                    mention.sequence = _sequence(
                        cut, segment_ids[segment - 1], mention.sent.start + cut.start()
                    )


def _sequence(cut: re.Match[str], previous: int, start: int) -> Sequence:
    """'the day after' -> the later clause's incident happened 1 day before the earlier's."""
    words = cut.group("span").lower().split()
    unit = next((u for w in words for u in _UNITS if w.startswith(u)), "day")
    first = words[0]
    number = (1 if first == "the" else word_value(first)) if len(words) > 1 else None
    days = None if number is None or unit == "hour" else int(number) * _UNITS[unit]
    if unit == "hour":
        days = 0
    relation = cut.group("rel").lower()
    # "A ..., the day after B": B is one day before A; "the day before B": B one day after A.
    # "later" and "earlier" take no complement and place the clause they open: "A on Sunday;
    # two days later B": B is two days after A.
    sign = 1 if relation in ("after", "earlier") else -1
    return Sequence(previous, None if days is None else sign * days, cut.group(), start)
