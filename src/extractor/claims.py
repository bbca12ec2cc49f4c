"""Claims of responsibility: who claimed an attack, who denied it, and that nobody has, with the
claim's date and channel (statement, video, news agency, social media, note, phone call).

A claim is part of the incident it claims, never an incident of its own: its sentence joins the
incident it refers to, and its claimant becomes a perpetrator with attribution "claimed".

What reads as a claim: "claimed responsibility / credit for", "claimed the attack", "took,
accepted, assumed or admitted responsibility", "said they were responsible", "admitted that its
troops killed ...", and an attack told by its own perpetrators ("we killed three soldiers", "our
forces attacked", "the FMLN reports that its units attacked"). A denial: "denied responsibility,
involvement, any role", "denied that its fighters attacked". Unclaimed: "no group has claimed",
"neither X nor any other group claimed", "has not been claimed". Not a claim: "the blast
claimed 12 lives", "taking over responsibility for security".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.tokens import Token

from .actors import FORCE_KINDS, ActorMention, _Context, article_groups, article_nouns
from .dates import find_dates, resolve
from .mentions import Mention
from .parse import ParsedArticle
from .roles import PERFORM_VERBS, performing_verb
from .schema import Claim, ClaimChannel, ClaimStatus, Event, Perpetrator, Span

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
    (r"\bnotes?\b|\bleaflets?\b|\bpamphlets?\b|\bletters?\b|\bgraffiti\b|\bsigns?\b", "note"),
    (r"\bstatement\b|\bcommuniqu[eé]s?\b|\bdeclaration\b|\bmessage\b", "statement"),
    (r"\bnewspaper\b|\bpress\b|\breporters?\b|\bjournalists?\b", "press"),
)
_UNCLAIMED = re.compile(
    r"\b(?:no (?:[\w-]+ ){0,3}?(?:one|group|groups|organi[sz]ations?|faction|party|person|movement|"
    r"outfit|militants?|insurgents?|rebels?)|nobody|none of the (?:[\w-]+ ){0,3}?groups?)\b"
    r"[^.;]{0,60}?\b(?:claimed|claims?|has claimed|have claimed|took|has taken|have taken|"
    r"accepted|admitted)\b|"
    r"\bno (?:immediate )?claims? of responsibility\b|\b(?:has|have|had) not been claimed\b|"
    r"\b(?:was|were) not claimed\b|\bwent unclaimed\b|\bremain(?:s|ed)? unclaimed\b|"
    r"\byet to (?:be )?claim|\bno immediate claim\b|\bnot (?:yet )?(?:been )?claimed\b",
    re.IGNORECASE,
)
# What a claim may be a claim for: attack words, and words that point back to one.
_ATTACK_OBJECTS = frozenset(
    "attack attacks bombing bombings ambush ambushes killing killings kidnapping kidnappings "
    "abduction abductions assault blast blasts explosion explosions operation operations raid "
    "raids assassination assassinations murder murders massacre action actions act acts crime "
    "crimes incident incidents shooting burning arson attempt it this that them these those "
    "strike strikes death deaths".split()
)
_CLAIM_NOUNS = frozenset({"responsibility", "credit", "authorship", "paternity"})
_TAKE_LEMMAS = frozenset({"take", "accept", "assume", "bear", "admit", "acknowledge", "claim"})
_ADMIT_LEMMAS = frozenset({"admit", "acknowledge", "confess", "recognize", "recognise"})
_DENIAL_LEMMAS = frozenset("deny reject disown dismiss refute".split())
_DENIED_OBJECTS = frozenset(
    "responsibility involvement role part participation link links claim hand".split()
)
_SAY_LEMMAS = frozenset(
    "say state report announce add claim tell affirm assert declare confirm explain inform "
    "indicate acknowledge admit".split()
)
# Who may speak for a group: a note or call is the group's voice ("leaflets stated that ...").
_VOICE_NOUNS = frozenset(
    "leaflet leaflets pamphlet pamphlets communique communiqué communiques statement message "
    "note notes letter caller call spokesman spokesperson spokeswoman representative "
    "sign".split()
)
_BACK_PRONOUNS = frozenset({"it", "its", "they", "their", "them", "we", "our"})
# Generic nouns for a group's own men: "its units", "urban commando units", "rebel forces".
_UNIT_NOUNS = frozenset(
    "unit units commando commandos column columns force forces fighter fighters member members "
    "cell cells squad squads brigade brigades front fronts detachment detachments men "
    "militants guerrillas guerrilla rebels combatants troops soldiers".split()
)
_RELATIVE = frozenset({"which", "who", "that", "whom"})


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
    # told in the first person outside quotation marks: the article is the group's own text
    own_voice: bool = False

    @property
    def evidence(self) -> Span:
        return Span(start=self.start, end=self.end, text=self.text)


def find_claims(parsed: ParsedArticle, mentions: list[Mention]) -> list[ClaimMention]:
    """Claims, denials and 'no group has claimed' statements of the parsed sentences."""
    context = _Context(parsed, article_groups(parsed), article_nouns(parsed))
    found: list[ClaimMention] = []
    by_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sent.index, []).append(mention)
    for sent in parsed.parsed:
        own = by_sentence.get(sent.index)
        doc = sent.doc
        if not own or doc is None:
            continue
        unclaimed = _UNCLAIMED.search(sent.text)
        if unclaimed:
            anchor = _nearest(own, None)
            found.append(
                ClaimMention(
                    "unclaimed",
                    anchor,
                    sent.index,
                    sent.start + unclaimed.start(),
                    sent.start + unclaimed.end(),
                    unclaimed.group(),
                    cluster=anchor.cluster if anchor else -1,
                )
            )
            continue
        claim = _claim_in(doc, own, context, parsed) or _self_report(own, context, parsed)
        if claim is not None:
            found.append(claim)
    return found


def _claim_in(
    doc: object, own: list[Mention], context: _Context, parsed: ParsedArticle
) -> ClaimMention | None:
    """The first claim, denial or refusal to claim a sentence states with a claim word."""
    for token in doc:  # type: ignore[attr-defined]
        status = _claim_status(token, own)
        if status is None:
            continue
        about = _nearest(own, token)
        hypothetical = about is not None and about.hypothetical and not _told_to_claim(token)
        if about is not None and (about.generic or hypothetical or _bare_plural(about)):
            continue  # "bombings claimed by IS and by AQAP": a pattern, not this attack
        claimants = []
        for subject in _claimant_tokens(token):
            if about is None:
                break
            actor = _claimant(context, about, subject)
            if actor is not None:
                if status == "claimed":
                    actor.attribution = "claimed"
                actor.syntactic = False
                claimants.append(actor)
        if status == "claimed" and not claimants and about is not None:
            claimants = _sole_group(context, about)
        verb = _clause_head(token)
        return _mention(status, about, verb, claimants, parsed)
    return None


def _sole_group(context: _Context, about: Mention) -> list[ActorMention]:
    """The claimant the parse lost: the one armed group its sentence names ('A WOMAN SPEAKING
    ON BEHALF OF THE UC-ELN CALLED THE MEDIA TO CLAIM ...')."""
    sent = about.sent
    inside = [
        m
        for m in context.groups
        if sent.start <= m.start and m.end <= sent.end and m.value.kind not in FORCE_KINDS
    ]
    if len({m.value.id for m in inside}) != 1:
        return []
    match = inside[0]
    group = match.value
    return [
        ActorMention.of_group(
            "perpetrator",
            about,
            (match.start, match.end, match.text),
            group,
            "claimed",
            syntactic=False,
        )
    ]


# Verbs of getting a message out: "called a radio station to claim the attack" did claim it.
_CONTACT_LEMMAS = frozenset(
    "call phone telephone contact ring send issue release post publish write email".split()
)


def _told_to_claim(verb: Token) -> bool:
    """'A caller telephoned the media to claim responsibility': an infinitive of purpose after a
    verb of contact is a claim made, not a hypothetical one."""
    return (
        verb.tag_ == "VB"
        and verb.dep_ in ("advcl", "xcomp")
        and verb.head.lemma_.lower() in _CONTACT_LEMMAS
    )


def _bare_plural(mention: Mention) -> bool:
    """'bombings claimed by IS', 'various attacks claimed or attributed to ISIS': attacks in
    general, with no determiner, number or possessor that makes them these attacks."""
    head = mention.head
    return head.tag_ in ("NNS", "NNPS") and not any(
        c.dep_ in ("det", "poss", "nummod") and c.lower_ not in ("various", "many", "several")
        for c in head.children
    )


def _mention(
    status: ClaimStatus,
    about: Mention | None,
    verb: Token,
    claimants: list[ActorMention],
    parsed: ParsedArticle,
) -> ClaimMention:
    sent = about.sent if about is not None else None
    offset = sent.start if sent is not None else 0
    span = verb.doc[verb.left_edge.i : verb.right_edge.i + 1]
    start, end = offset + span.start_char, offset + span.end_char
    text = parsed.text[start:end]
    return ClaimMention(
        status,
        about,
        sent.index if sent is not None else -1,
        start,
        end,
        text,
        claimants,
        # the channel is told inside the claim, or before it in its sentence ("a caller
        # telephoned a radio station to claim the attack")
        _channel(text) or (_channel(parsed.text[offset:start]) if sent is not None else None),
        cluster=about.cluster if about else -1,
    )


def _clause_head(token: Token) -> Token:
    """The verb a claim word belongs to ('responsible' -> 'were'), for the evidence span."""
    return token.head if token.pos_ == "ADJ" and token.head.i != token.i else token


# ---------------------------------------------------------------------------------------------
# Claim words
# ---------------------------------------------------------------------------------------------
def _claim_status(token: Token, mentions: list[Mention]) -> ClaimStatus | None:
    """'claimed responsibility', 'claimed the attack', 'took responsibility', 'admitted that its
    troops killed', 'said they were responsible', 'denied involvement', 'no group claimed'."""
    lemma = token.lemma_.lower()
    if token.lower_ == "responsible" and token.dep_ in ("acomp", "oprd", "amod"):
        return _responsible(token, mentions)
    if token.pos_ not in ("VERB", "AUX") and not token.tag_.startswith("VB"):
        return None
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
    words = {o.lemma_.lower() for o in objects} | {o.lower_ for o in objects}
    if lemma in _DENIAL_LEMMAS:
        if words & _DENIED_OBJECTS or _denies_own_attack(token, mentions):
            return "denied"
        return None
    if any(c.dep_ == "prt" for c in token.children):
        return None  # "taking over responsibility for security"
    claimed = False
    if words & _CLAIM_NOUNS and lemma == "claim":
        claimed = not _for_something_else(token, objects)
    elif words & _CLAIM_NOUNS and lemma in _TAKE_LEMMAS:
        claimed = _for_an_attack(token, objects, mentions, required=False)
    elif lemma == "claim":
        if words & {"life", "lives", "victim", "victims", "toll"}:
            return None  # "the blast claimed 12 lives": a toll, not a claim
        claimed = (
            bool(words & _ATTACK_OBJECTS)
            or _for_an_attack(token, objects, mentions, required=True)
            or (token.dep_ in ("acl", "relcl") and _is_attack_word(token.head, mentions))
            or _claimed_to_have_done(token, mentions)
        )
    if not claimed:
        return None
    if any(c.dep_ == "det" and c.lower_ == "no" for o in objects for c in o.children):
        return "denied"  # "the FMLN bears no responsibility for the attack"
    polarity = _polarity(token)
    if polarity == "any":
        return None  # "whether any group claimed it": neither said nor denied
    return "unclaimed" if polarity == "negative" else "claimed"


def _claimed_to_have_done(verb: Token, mentions: list[Mention]) -> bool:
    """'Al-Shabaab claimed to have killed 12 soldiers', 'claimed to have carried out the
    attack': the claimant's own deed, in a perfect infinitive."""
    for clause in (c for c in verb.children if c.dep_ == "xcomp"):
        perfect = any(c.dep_ == "aux" and c.lower_ == "have" for c in clause.children)
        done = any(m.kind in ("attack", "harm") and m.head.i == clause.i for m in mentions)
        performed = clause.lemma_.lower() in _PERFORM_VERBS and any(
            c.dep_ == "dobj" and _is_attack_word(c, mentions) for c in clause.children
        )
        if perfect and (done or performed):
            return True
    return False


def _polarity(verb: Token) -> str:
    """'negative' for 'did not claim' and 'no group / neither X nor Y / nobody claimed';
    'any' for 'any group claimed'; 'positive' otherwise."""
    if any(c.dep_ == "neg" for c in verb.children):
        return "negative"
    for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
        if subject.lower_ in ("nobody", "none", "noone", "no-one"):
            return "negative"
        dets = {c.lower_ for c in subject.children if c.dep_ in ("det", "preconj", "advmod")}
        if dets & {"no", "neither"}:
            return "negative"
        if "any" in dets:
            return "any"
    return "positive"


def _is_attack_word(token: Token, mentions: list[Mention]) -> bool:
    return token.lemma_.lower() in _ATTACK_OBJECTS or any(
        m.kind in ("attack", "harm") and m.head.i == token.i for m in mentions
    )


def _for_an_attack(
    verb: Token, objects: list[Token], mentions: list[Mention], *, required: bool
) -> bool:
    """Whether the 'for' phrase of a claim names an attack ('for the bombing', 'for it'); a
    claim with no 'for' phrase counts unless one is required."""
    phrases = [c for head in (verb, *objects) for c in head.children if c.dep_ == "prep"]
    found = [p for p in phrases if p.lower_ == "for"]
    if not found:
        return not required
    for prep in found:
        for obj in (c for c in prep.children if c.dep_ in ("pobj", "pcomp")):
            if obj.dep_ == "pcomp" or any(_is_attack_word(t, mentions) for t in obj.subtree):
                return True
    return False


_NOT_ATTACKS = frozenset(
    "security safety area areas region regions zone province district city country town "
    "investigation inquiry situation protection welfare defence defense".split()
)


def _for_something_else(verb: Token, objects: list[Token]) -> bool:
    """'claimed responsibility for security in the area': the 'for' phrase names no attack."""
    for head in (verb, *objects):
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "for"):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                if obj.lemma_.lower() in _NOT_ATTACKS or obj.lower_ in _NOT_ATTACKS:
                    return True
    return False


def _denies_own_attack(verb: Token, mentions: list[Mention]) -> bool:
    """'denied that its fighters attacked the convoy', 'denied carrying out the attack'."""
    for clause in (c for c in verb.children if c.dep_ in ("ccomp", "xcomp")):
        inside = {t.i for t in clause.subtree}
        attack = [m for m in mentions if m.kind == "attack" and m.head.i in inside]
        if not attack:
            continue
        if clause.dep_ == "xcomp" or clause.tag_ == "VBG":
            return True  # "denied carrying out the attack": the denier's own act
        for subject in (c for c in clause.children if c.dep_ == "nsubj"):
            words = {subject.lower_} | {c.lower_ for c in subject.children if c.dep_ == "poss"}
            if words & _BACK_PRONOUNS:
                return True
    return False


def _responsible(token: Token, mentions: list[Mention]) -> ClaimStatus | None:
    """'they said they were responsible for the action', 'leaflets stated that a leftist group
    was responsible', 'a man claiming to be responsible': the group speaks of itself."""
    copula = token.head
    subject = next((c for c in copula.children if c.dep_ == "nsubj"), None)
    pointed = subject is not None and (
        subject.lower_ in _BACK_PRONOUNS
        or any(c.dep_ == "poss" and c.lower_ in _BACK_PRONOUNS for c in subject.children)
    )  # "they were responsible", "its fighters were responsible"
    has_for = any(c.dep_ == "prep" and c.lower_ == "for" for c in token.children)
    if not _for_an_attack(token, [], mentions, required=True) and (has_for or not pointed):
        return None  # "responsible for security"; a bare "responsible" only of the speaker
    speaker_verb = copula.head if copula.dep_ in ("ccomp", "xcomp") else None
    if speaker_verb is None or speaker_verb.lemma_.lower() not in _SAY_LEMMAS:
        return None
    if copula.dep_ == "xcomp":
        return "claimed"  # "claiming to be responsible"
    speaker = _speaker(speaker_verb)
    if speaker is None or subject is None:
        return None
    if (speaker.lemma_.lower() in _VOICE_NOUNS or speaker.lower_ in _VOICE_NOUNS) and has_for:
        return "claimed"  # "leaflets said the ELN was responsible for the kidnapping"
    if pointed:
        if any(c.dep_ == "neg" for c in copula.children):
            return "denied"  # "the ELN said it was not responsible for the kidnapping"
        return "claimed"  # "the Extraditables said they were responsible"
    return None


def _speaker(verb: Token) -> Token | None:
    """The subject of a saying verb; 'leaflets' in 'leaflets left at the scene said', where the
    parser hangs it on the participle."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None:
        return subject
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return verb.head  # "a statement saying ...": the statement speaks
    for clause in (c for c in verb.lefts if c.dep_ in ("ccomp", "csubj", "advcl")):
        found = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if found is not None and found.i < clause.i:
            return found
    return None


# ---------------------------------------------------------------------------------------------
# Attacks told by their own perpetrators
# ---------------------------------------------------------------------------------------------
def _self_report(
    own: list[Mention], context: _Context, parsed: ParsedArticle
) -> ClaimMention | None:
    """An attack told in the first person ('we killed three soldiers', 'our forces attacked')
    or reported by the group that did it ('the FMLN reports that urban commando units staged
    attacks', 'the army said its troops killed ...'): the perpetrators' own word, a claim."""
    for mention in own:
        refers_back = mention.definite and not (mention.hypothetical or mention.generic)
        if not (mention.counts_as_event or refers_back) or not _performed(mention):
            continue  # "the IS said it carried out the attack": a reference back, claimed
        status: ClaimStatus = "denied" if _not_done(mention) else "claimed"
        head = mention.head
        agents = _agents(head)
        if any(_first_person(a) for a in agents):
            claim = _mention(status, mention, head, [], parsed)
            claim.own_voice = status == "claimed" and not _quoted(parsed.text, claim.start)
            if claim.own_voice:
                claim.channel = claim.channel or _voice_channel(parsed)
            return claim
        speaker_verb = _reporting_verb(head)
        if speaker_verb is None:
            continue
        speaker = next((c for c in speaker_verb.children if c.dep_ == "nsubj"), None)
        if speaker is None or speaker.lemma_.lower() in _INFORMANTS:
            continue  # "military sources said they opened fire": they are the gunmen
        group = context.actor(mention, speaker, "perpetrator")
        if group is None or not (group.actor_id or group.kind in ("state_forces", "police")):
            continue
        if any(_own_men(a, group, context, mention) for a in agents):
            if status == "claimed":
                group.attribution = "claimed"
            group.syntactic = False
            return _mention(status, mention, speaker_verb, [group], parsed)
    return None


def _not_done(mention: Mention) -> bool:
    """'they did not carry out the attack': the deed denied by the verb it is done by."""
    head = mention.head
    verb = performing_verb(head, _PERFORM_VERBS) or head
    return any(c.dep_ == "neg" for c in verb.children)


# Who tells of an attack without speaking for any side of it.
_INFORMANTS = frozenset("source witness resident report medium observer analyst doctor".split())
# and of harm done: "we inflicted eight casualties"
_PERFORM_VERBS = PERFORM_VERBS | {"inflict", "cause"}


def _performed(mention: Mention) -> bool:
    """An attack word told as something done to someone: an active verb ('we killed three',
    'our forces attacked'), or an attack noun; not 'we are being murdered', 'one soldier died'."""
    head = mention.head
    if head.pos_ in ("NOUN", "PROPN"):
        return mention.kind == "attack" or performing_verb(head, _PERFORM_VERBS) is not None
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children):
        return False
    return mention.kind == "attack" or any(c.dep_ == "dobj" for c in head.children)


def _agents(head: Token) -> list[Token]:
    """Who carried out an attack word: the subject of its verb ('we killed', 'our forces
    attacked', 'we inflicted eight casualties'), the possessor of its noun ('our attack')."""
    if head.pos_ in ("NOUN", "PROPN"):
        agents = [c for c in head.children if c.dep_ == "poss"]
        doer = performing_verb(head, _PERFORM_VERBS)
        if doer is not None:
            doers = [c for c in doer.children if c.dep_ == "nsubj"]
            # "the police reported that the ELN carried out its sixth attack": 'its' is the ELN
            agents = doers or agents
        return agents + _sides(head)
    agents = [c for c in head.children if c.dep_ == "nsubj"] + _sides(head)
    agents += [g for c in head.children if c.dep_ == "agent" for g in c.children]
    current = head
    while not agents and current.dep_ in ("conj", "xcomp", "advcl") and current.head.i != current.i:
        current = current.head
        agents = [c for c in current.children if c.dep_ == "nsubj"]
    return agents


# Fights with two sides: each side is one of those who fought ('a clash with our units').
_FIGHT_LEMMAS = frozenset("clash fight fighting battle combat skirmish firefight".split())


def _sides(head: Token) -> list[Token]:
    """The other side of a fight: 'with our units' of 'a clash with our units', also where the
    parser hangs it on the verb ('provoked a clash with our units')."""
    if head.lemma_.lower() not in _FIGHT_LEMMAS:
        return []
    heads = [head, head.head] if head.dep_ == "dobj" else [head]
    return [
        obj
        for governor in heads
        for prep in governor.children
        if prep.dep_ == "prep" and prep.lower_ == "with"
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]


def _first_person(agent: Token) -> bool:
    """'we', 'our attack', 'our forces'; not 'us', never the doer ('they ordered us kidnapped')."""
    return agent.lower_ in ("we", "our") or any(
        c.dep_ == "poss" and c.lower_ == "our" for c in agent.children
    )


def _quoted(text: str, offset: int) -> bool:
    """Whether an offset lies inside quotation marks opened in its paragraph."""
    start = text.rfind("\n\n", 0, offset)
    before = text[start + 1 if start >= 0 else 0 : offset]
    opened = before.count('"') % 2 == 1
    curly = before.count("\u201c") > before.count("\u201d")
    return opened or curly


def _reporting_verb(head: Token) -> Token | None:
    """The saying verb whose reported clause holds an attack word, within two clause steps
    ('the IS said it carried out the attack': from the verb the attack noun is done by)."""
    current = performing_verb(head, _PERFORM_VERBS) or head
    for _ in range(3):
        if current.head.i == current.i:
            return None
        if current.dep_ == "ccomp" and current.head.lemma_.lower() in _SAY_LEMMAS:
            return current.head
        if current.dep_ not in ("conj", "xcomp", "advcl", "ccomp"):
            return None
        current = current.head
    return None


def _own_men(agent: Token, group: ActorMention, context: _Context, mention: Mention) -> bool:
    """Whether an attacker is the speaking group itself: 'it', 'its units', 'urban commando
    units', or forces of the speaker's own kind ('the army said troops killed ...')."""
    words = {c.lower_ for c in agent.children if c.dep_ == "poss"}
    if agent.lower_ != "it" or any(c.dep_ == "dobj" for c in mention.head.children):
        words.add(agent.lower_)  # "it exploded": the bomb; "it attacked the brigade": the group
    if words & _BACK_PRONOUNS:
        return True
    actor = context.actor(mention, agent, "perpetrator")
    if actor is not None and actor.actor_id:
        return actor.actor_id == group.actor_id
    if agent.lemma_.lower() not in _UNIT_NOUNS and agent.lower_ not in _UNIT_NOUNS:
        return False
    forces = group.kind in ("state_forces", "police")
    agent_forces = actor is not None and actor.kind in ("state_forces", "police")
    return forces == agent_forces


# ---------------------------------------------------------------------------------------------
# Claimants
# ---------------------------------------------------------------------------------------------
def _claimant_tokens(token: Token) -> list[Token]:
    """Who claims: the subject of the claim verb (or of the verb it hangs from), the agent of
    'claimed by', the noun a relative clause describes ('the group, which claimed ...')."""
    verb = token.head if token.pos_ == "ADJ" else token
    if token.pos_ == "ADJ":
        found = [c for c in verb.children if c.dep_ == "nsubj"]
        speaker = verb.head if verb.dep_ in ("ccomp", "xcomp") else None
        if speaker is not None:
            found += [c for c in speaker.children if c.dep_ == "nsubj"]
        return found
    found = [c for c in verb.children if c.dep_ == "nsubj"]
    found += [g for c in verb.children if c.dep_ == "agent" for g in c.children]
    if not found and verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.i != verb.i:
        return _claimant_tokens(verb.head)
    if not found and verb.dep_ == "acl" and verb.tag_ in ("VBG", "VBD"):
        return [verb.head]  # "a group claiming responsibility"; "the ELN called ... to claim"
    resolved = []
    for subject in found:
        if subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
            subject = verb.head
        resolved.append(subject)
    return resolved


def _claimant(context: _Context, about: Mention, subject: Token) -> ActorMention | None:
    """The group a claimant phrase names: 'the ELN', 'a spokesman for the BLA', 'a man claiming
    to speak for the Extraditables', 'the organization' (the group named before)."""
    actor = context.actor(about, subject, "perpetrator")
    if actor is not None and actor.actor_id:
        return actor
    offset = about.sent.start
    start = offset + subject.left_edge.idx
    right = subject.right_edge
    end = offset + right.idx + len(right.text)
    for match in context.groups:
        if start <= match.start and match.end <= end and match.value.kind != "state_forces":
            return ActorMention.of_group(
                "perpetrator", about, (match.start, match.end, match.text), match.value
            )
    if actor is not None and actor.kind in ("armed_group", "unknown_armed", "militia"):
        return actor
    if actor is not None and actor.kind in ("state_forces", "police", "criminal_group"):
        return actor
    return None if context.parsed.all_caps else _unlisted_group(about, subject)


_GROUP_NOUNS = frozenset("group organization organisation movement front army faction".split())


def _unlisted_group(about: Mention, subject: Token) -> ActorMention | None:
    """A group our gazetteer lacks, named as the claimant: 'a little-known group, the Deccan
    Mujahideen, claimed responsibility', 'the Deccan Mujahideen claimed'. Mixed case only
    (the caller's check): in capitals every word looks like a name."""
    heads = [subject, *(c for c in subject.children if c.dep_ == "appos")]
    for head in heads:
        if head.pos_ != "PROPN" or head.ent_type_ in ("PERSON", "GPE", "LOC", "DATE"):
            continue
        words = [t for t in head.subtree if t.pos_ == "PROPN" or t.dep_ == "compound"]
        words = [t for t in words if t.i <= head.i and t.ent_type_ not in ("PERSON", "GPE")]
        if not words:
            continue
        first, last = words[0], head
        if subject is not head and subject.lemma_.lower() not in _GROUP_NOUNS:
            continue  # "a spokesman, Ali Hassan, claimed": a person speaking, not a group
        offset = about.sent.start
        start, end = offset + first.idx, offset + last.idx + len(last.text)
        text = subject.doc.text[first.idx : last.idx + len(last.text)]
        return ActorMention(
            "perpetrator", about, start, end, text, text, "armed_group", syntactic=False
        )
    return None


def _nearest(mentions: list[Mention], token: Token | None) -> Mention | None:
    """The attack mention a claim word is about: one in its clause, else the nearest attack,
    else any mention of the sentence."""
    if token is not None:
        for mention in mentions:
            if (
                mention.kind == "attack"
                and token.i < mention.head.i
                and token.is_ancestor(mention.head)
            ):
                return mention
    attacks = [m for m in mentions if m.kind != "claim"] or mentions
    if not attacks:
        return None
    if token is None:
        return attacks[0]
    return min(attacks, key=lambda m: abs(m.head.i - token.i))


def _channel(text: str) -> ClaimChannel | None:
    lowered = text.lower()
    for pattern, channel in _CHANNELS:
        if re.search(pattern, lowered):
            return channel
    return None


# ---------------------------------------------------------------------------------------------
# The claim of an incident
# ---------------------------------------------------------------------------------------------
def event_claim(
    claims: list[ClaimMention],
    perpetrators: list[Perpetrator],
    parsed: ParsedArticle,
    anchor: dt.date | None,
) -> Claim:
    """The incident's claim: claimed over denied over unclaimed; the claimants named (a group
    before a generic 'separatist group'), the first channel and day any of them gives."""
    for status in ("claimed", "denied", "unclaimed"):
        own = [c for c in claims if c.status == status]
        if not own:
            continue
        first = next((c for c in own if any(a.actor_id for a in c.by)), own[0])
        named = [a for c in own for a in c.by if a.actor_id]
        generic = [a for c in own for a in c.by if not a.actor_id]
        by = list(dict.fromkeys(a.name for a in (named or generic)))
        if status == "claimed" and not named:
            stated = [p.name for p in perpetrators if p.actor_id]
            by = stated[:1] or by
        channel = next((c.channel for c in own if c.channel), None)
        date = None
        for claim in own:
            date = _claim_date(claim, parsed, anchor)
            if date is not None:
                break
        return Claim(
            status=status,
            by=by,
            date=date,
            channel=channel,
            text=first.text,
            evidence=first.evidence,
        )
    return Claim(status="not_mentioned")


def own_voice(
    claims: list[ClaimMention], events: list[tuple[set[int], Event]], parsed: ParsedArticle
) -> tuple[str, ClaimMention] | None:
    """The group whose own words the article is, and where it says so.

    A communiqué or a rebel radio's bulletin tells attacks in the first person ('we killed
    three soldiers', 'a clash with our units'); the attacks it tells of its own side in the
    third person ('urban guerrillas sabotaged pylons') are claimed in the same breath. The
    side is the named perpetrator of the attacks told in the first person, else the one armed
    group the article names; with two candidates there is no telling which side speaks.
    First person inside quotation marks is somebody quoted, not the article's voice."""
    told = [c for c in claims if c.own_voice]
    if not told:
        return None
    names = {
        name
        for clusters, event in events
        if event.claim is not None and any(c.cluster in clusters for c in told)
        for name in event.claim.by
    }
    if not names:
        groups = article_groups(parsed)
        names = {m.value.name for m in groups if m.value.kind not in FORCE_KINDS}
    if len(names) != 1:
        return None
    return names.pop(), told[0]


def voice_claim(event: Event, voice: tuple[str, ClaimMention]) -> Event:
    """The event claimed by the article's own voice when its perpetrators are that group."""
    name, told = voice
    stated = event.claim is not None and event.claim.status != "not_mentioned"
    if stated or not any(p.name == name for p in event.perpetrators):
        return event
    return _claimed_by(event, name, told.channel, told.evidence)


def _claimed_by(event: Event, name: str, channel: ClaimChannel | None, evidence: Span) -> Event:
    """The event claimed by one of its perpetrators, who becomes a claimed perpetrator."""
    perpetrators = [
        p.model_copy(update={"attribution": "claimed"}) if p.name == name else p
        for p in event.perpetrators
    ]
    claim = Claim(
        status="claimed", by=[name], channel=channel, text=evidence.text, evidence=evidence
    )
    return event.model_copy(update={"perpetrators": perpetrators, "claim": claim})


def _voice_channel(parsed: ParsedArticle) -> ClaimChannel:
    """How the group spoke: its radio when the dateline names one ('(RADIO VENCEREMOS)'),
    else a statement."""
    dateline = parsed.dateline
    if dateline is not None and _channel(parsed.text[: dateline.end]) == "radio":
        return "radio"
    return "statement"


# Kidnappers who set the terms of a hostage's release speak for the kidnapping: "the MRTA is
# asking $10 million ransom for his release", "the ELN has promised to release Olson", "they will
# only release the engineers when ...", "released on 19 February by the ELN with a message".
_TERMS = re.compile(
    r"\b(?:demand|ask|seek|want|request)(?:s|ed|ing)?\b[^.;]{0,60}?\bransom\b|"
    r"\b(?:promis|decid|agree|offer|pledg|vow)(?:e|es|ed|ing)?\s+to\s+(?:\w+\s+){0,2}?"
    r"(?:release|free|hand over|turn over)\b|"
    r"\bwill\s+(?:only\s+)?(?:release|free)\b[^.;]{0,100}?\b(?:when|if|until|unless|once)\b|"
    r"\b(?:released|freed)\b[^.;]{0,100}?\bwith an? (?:message|communiqu|letter|note)|"
    r"\b(?:conditions|terms|demands) for (?:their|his|her|the) release\b",
    re.IGNORECASE,
)
# Hedged or reported as someone else's guess: "they might be planning to demand a ransom".
_HEDGE = re.compile(r"\b(?:might|may|could|would|should|possibly|perhaps)\b", re.IGNORECASE)
# Who the kidnappers are when the sentence does not name them.
_KIDNAPPERS = re.compile(
    r"\b(?:kidnappers|abductors|captors|guerrillas|rebels|insurgents|militants|the group|"
    r"the organi[sz]ation|they|we|our)\b",
    re.IGNORECASE,
)
_HOSTAGE_TYPES = frozenset({"kidnapping", "hostage_taking"})


def hostage_terms(events: list[Event], parsed: ParsedArticle) -> list[Event]:
    """Kidnappings claimed by the group that sets the terms of the hostages' release.

    The group must be the kidnapping's named perpetrator and the sentence must name it, or
    name no other group and speak of 'the kidnappers', 'the guerrillas', 'they'."""
    held = [
        e
        for e in events
        if (e.type in _HOSTAGE_TYPES or e.kidnapped is not None)
        and (e.claim is None or e.claim.status == "not_mentioned")
    ]
    if not held:
        return events
    groups = [m for m in article_groups(parsed) if m.value.kind not in FORCE_KINDS]
    terms: list[tuple[str | None, Span]] = []  # (group named in the sentence, evidence)
    for sent in parsed.sentences:
        match = _TERMS.search(sent.text)
        if match is None or _HEDGE.search(sent.text[: match.end()]):
            continue
        named = {m.value.name for m in groups if sent.start <= m.start and m.end <= sent.end}
        if len(named) > 1:
            continue
        if not named and not _KIDNAPPERS.search(sent.text):
            continue
        start, end = sent.start + match.start(), sent.start + match.end()
        evidence = Span(start=start, end=end, text=parsed.text[start:end])
        terms.append((next(iter(named), None), evidence))
    if not terms:
        return events
    changed = {}
    for event in held:
        own = {p.name for p in event.perpetrators if p.actor_id and p.kind not in FORCE_KINDS}
        for name, evidence in terms:
            claimant = (
                name
                if name in own
                else (next(iter(own)) if len(own) == 1 and name is None else None)
            )
            if claimant is None:
                continue
            sentence = parsed.sentence_at(evidence.start)
            said = sentence.text if sentence is not None else evidence.text
            changed[event.id] = _claimed_by(event, claimant, _channel(said), evidence)
            break
    return [changed.get(e.id, e) for e in events]


def _claim_date(
    claim: ClaimMention, parsed: ParsedArticle, anchor: dt.date | None
) -> dt.date | None:
    date = None
    for found in find_dates(parsed.text, start=claim.start, end=claim.end):
        resolved = resolve(found, anchor, Span(start=found.start, end=found.end, text=found.text))
        if resolved is not None and resolved.precision == "day":
            date = resolved.start
    return date
