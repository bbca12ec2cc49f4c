"""Dates: each incident's date as an interval [start, end] with a precision, the words it came
from and what it was resolved against; the publication date that anchors them is found by
anchor.py (find_anchor, re-exported here).

An incident's date is the date expression its attack words govern. Dates of other events in
the sentence are not its date: a report ("police said on Monday"), a reaction ("protested today
the murder"), a later death ("the wounded died overnight"), a toll update ("rose to 23 on
Tuesday"), a plan ("elections on 27 May"). A report's date still bounds the incident: it
happened on or before. Chains ("the day after", "hours later", "The next morning, ...") are
resolved against the incident they point to.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Token

from .anchor import Anchor, find_anchor
from .parse import ParsedArticle, tree_distance
from .roles import PERFORM_VERBS
from .schema import EventDate, Span
from .timex import (
    DateMention,
    find_dates,
    on_or_before,
    resolve,
    resolve_explicit_text,
    shift,
    undated,
    weekday_step,
)

if TYPE_CHECKING:
    from .incidents import Fragment, Incident

__all__ = [
    "Anchor",
    "DateMention",
    "assign_dates",
    "event_date",
    "find_anchor",
    "find_dates",
    "resolve",
    "resolve_explicit_text",
    "shift",
    "undated",
]


# ---------------------------------------------------------------------------------------------
# Incident dates
# ---------------------------------------------------------------------------------------------
# Verbs whose date is the date of a report, not of what it reports.
_REPORTING = frozenset(
    "say tell report announce add state confirm claim explain note insist declare according "
    "deny reveal disclose indicate affirm assert allege acknowledge admit warn stress emphasize "
    "emphasise inform learn publish broadcast quote cite describe estimate believe "
    "charge protest denounce condemn".split()
)
# Verbs of another event that can take an attack as object: "protested today the murder",
# "today demanded an investigation into the assassination", "referred today to the killing".
_OTHER_EVENT = _REPORTING | frozenset(
    "demand call ask urge request investigate probe refer discuss mention recall remember "
    "commemorate mark deplore repudiate reject lament mourn regret blame accuse arrest detain "
    "try sentence convict acquit indict order criticize criticise praise welcome respond react "
    "attribute link hold resign strike lift end suspend bury attend meet read release "
    "begin start follow".split()
)
# Subordinators of a clause that tells another event, with its own time: a cause, a
# concession, a state since. ('after' and 'before' clauses are left out: 'killed the guard
# before fleeing on Sunday' tells the same day.)
_APART_MARKS = frozenset("because since although though whereas".split())
# Words that make a death a later one: "several of the wounded died overnight".
_LATER_DEATH = frozenset("wounded injured wounds injuries hospital".split())
_DEATH = frozenset("die succumb".split())
_FUTURE_AUX = frozenset("will shall 'll wo".split())
_PLANNED = frozenset("schedule plan expect".split())
# "the attack against the university, which took place this morning": the noun's own time.
_OCCUR = frozenset("occur happen take".split())
# Verbs that perform an attack named by a noun: "carried out the attack", "staged an ambush".
_SUPPORT = _OCCUR | PERFORM_VERBS
_SUBJECTS = frozenset(("nsubj", "nsubjpass", "csubj", "csubjpass"))
# A line that signs a quoted post: "- Name (@handle) November 17, 2021".
_SIGNATURE = re.compile(r"^\s*[-\u2013\u2014]+\s*\S.{0,80}$")
# Kinds whose width says little about one day: kept only close to the attack words.
_COARSE = frozenset(("year", "month", "calendar", "span"))


@dataclass(frozen=True)
class _Chain:
    """A fragment's date is `days` before (negative: after) the incident it points back to."""

    days: int
    mention: DateMention


def assign_dates(parsed: ParsedArticle, fragments: list[Fragment], anchor: dt.date | None) -> None:
    """Give each fragment the date its segment states, chained dates resolved in order; a
    fragment with no date of its own but a report date gets the 'on or before' interval."""
    dateline = parsed.dateline
    found = [d for d in find_dates(parsed.text) if not (dateline and d.start < dateline.end)]
    entry = _entry_date(parsed, anchor)
    heads: dict[int, set[int]] = {}
    for fragment in fragments:
        for mention in fragment.mentions:
            if mention.kind in ("attack", "harm"):
                heads.setdefault(mention.sent.index, set()).add(mention.head.i)
    by_cluster: dict[int, Fragment] = {}
    dated: list[Fragment] = []  # fragments with a date of their own, in text order
    for fragment in fragments:
        by_cluster[fragment.cluster] = fragment
        sent = parsed.sentences[fragment.sentence]
        lower = fragment.sequence.start if fragment.sequence else sent.start
        upper = sent.end
        later = [
            f
            for f in fragments
            if f.sentence == fragment.sentence and f.sequence and f.sequence.start > lower
        ]
        if later:
            upper = min(f.sequence.start for f in later if f.sequence is not None)
        candidates = [d for d in found if lower <= d.start < upper and d.kind != "period"]
        context = _Context(parsed, fragment, heads.get(fragment.sentence, set()), anchor)
        fragment.date = context.best(candidates)
        if fragment.sequence and fragment.sequence.days is not None:
            base = by_cluster.get(fragment.sequence.relative_to)
            if base is not None and _real(base.date):
                assert base.date is not None
                fragment.date = shift(
                    base.date,
                    fragment.sequence.days,
                    fragment.sequence.text,
                    _span(parsed, fragment.sequence.start, len(fragment.sequence.text)),
                )
        elif not _real(fragment.date) and fragment.sequence is None:
            chain = _chain(candidates)
            base = _previous_dated(dated, fragment)
            if chain is not None and base is not None and base.date is not None:
                days = chain.days
                if base.date.start is not None and base.date.precision == "day":
                    days = weekday_step(chain.mention, base.date.start) or days
                if days or not chain.mention.group("step"):
                    evidence = _span(parsed, chain.mention.start, len(chain.mention.text))
                    fragment.date = shift(base.date, days, chain.mention.text, evidence)
        if not _real(fragment.date) and entry is not None and _first_told(parsed, fragment):
            fragment.date = entry
        if fragment.date is None:
            fragment.date = context.bound(found)
        if _real(fragment.date) and fragment.founding:
            dated.append(fragment)


def _entry_date(parsed: ParsedArticle, anchor: dt.date | None) -> EventDate | None:
    """The date that labels a chronology entry or an incident summary ('12/03/2015: ...')."""
    dateline = parsed.dateline
    if dateline is None or not dateline.entry or not dateline.date_text:
        return None
    evidence = _span(parsed, dateline.date_start or 0, len(dateline.date_text))
    for mention in find_dates(dateline.date_label or dateline.date_text):
        if mention.kind in ("explicit", "iso", "numeric"):
            return resolve(mention, anchor, evidence)
    return None


def _first_told(parsed: ParsedArticle, fragment: Fragment) -> bool:
    """Whether a fragment lies in the first sentence of the story, right after its dateline."""
    body = parsed.dateline.end if parsed.dateline else 0
    first = next((s.index for s in parsed.sentences if s.start >= body), None)
    return fragment.sentence == first


def _real(date: EventDate | None) -> bool:
    """A date of the fragment's own, not only the bound of a report."""
    return date is not None and date.start is not None and not date.on_or_before


def _span(parsed: ParsedArticle, start: int, length: int) -> Span:
    return Span(start=start, end=start + length, text=parsed.text[start : start + length])


def _previous_dated(dated: list[Fragment], fragment: Fragment) -> Fragment | None:
    """The incident a chained reference points back to: the latest dated attack told before."""
    earlier = [f for f in dated if f.sentence < fragment.sentence and f.attack_words]
    earlier = earlier or [f for f in dated if f.sentence < fragment.sentence]
    return earlier[-1] if earlier else None


_CHAIN_WORDS = {"a": 1, "the": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def _chain(candidates: list[DateMention]) -> _Chain | None:
    """'The day before, gunmen stormed ...', 'Hours later, a second bomb ...', 'A day earlier':
    a step from the incident told before. A step with its own complement ('the day after the
    ambush, ...') points at that complement, which is also the incident told before."""
    for mention in candidates:
        if mention.kind != "sequence":
            continue
        if mention.group("step"):
            return _Chain(0, mention)  # 'the following Sunday': a weekday from the base's day
        words = mention.text.lower().split()
        if words[0] in ("hours", "minutes") or "same" in words or "that" in words:
            return _Chain(0, mention)
        if words[-1] in ("before", "earlier", "after", "later"):
            size = 7 if words[1].startswith("week") else 1
            count = int(words[0]) if words[0].isdigit() else _CHAIN_WORDS.get(words[0], 1)
            sign = 1 if words[-1] in ("before", "earlier") else -1
            return _Chain(sign * count * size, mention)
        if any(w in ("next", "following") for w in words):
            return _Chain(-1, mention)
        if any(w in ("previous", "preceding") for w in words):
            return _Chain(1, mention)
    return None


class _Context:
    """What a fragment's sentence says about the dates in it."""

    def __init__(
        self,
        parsed: ParsedArticle,
        fragment: Fragment,
        heads: set[int],
        anchor: dt.date | None,
    ) -> None:
        self.parsed = parsed
        self.fragment = fragment
        self.heads = heads
        self.anchor = anchor

    def best(self, candidates: list[DateMention]) -> EventDate | None:
        """The date the syntax attaches to the fragment's attack words; a year or month far
        from them is background, and the dates of other events are not its date."""
        scored = []
        for mention in candidates:
            if mention.kind == "sequence" or self.elsewhere(mention):
                continue
            distance = self.distance(mention)
            coarse = mention.kind in _COARSE
            if coarse and distance > 3:
                continue
            scored.append((distance + (2 if coarse else 0), mention.start, mention))
        for _, _, mention in sorted(scored, key=lambda item: (item[0], item[1])):
            resolved = resolve(mention, self.anchor, self._evidence(mention))
            if resolved is None or resolved.start is None:
                continue
            if self.anchor and resolved.start > self.anchor + dt.timedelta(days=1):
                continue  # after the article: a plan, not an attack that happened
            return resolved
        return None

    def bound(self, found: list[DateMention]) -> EventDate | None:
        """A report date for an undated fragment: 'police said on Monday', the day a victim
        died of the wounds, or the signature line of a quoted post right after it. The
        incident happened on or before it."""
        sent = self.parsed.sentences[self.fragment.sentence]
        reports = [
            m
            for m in found
            if sent.start <= m.start < sent.end
            and m.kind in ("explicit", "iso", "numeric", "relative", "weekday")
            and (self.reporting(m) or self._later_death(m))
            and not self._apart(m)
        ]
        following = self.parsed.sentences[sent.index + 1 : sent.index + 2]
        if following and _SIGNATURE.match(following[0].text):
            line = following[0]
            reports += [
                m
                for m in found
                if line.start <= m.start < line.end
                and m.kind in ("explicit", "iso", "numeric")
                and m.group("year")
            ]
        for mention in reports:
            resolved = resolve(mention, self.anchor, self._evidence(mention))
            if resolved is None or resolved.end is None:
                continue
            if self.anchor and resolved.end >= self.anchor:
                return None  # the undated interval says as much
            return on_or_before(
                resolved.end, mention.text, self._evidence(mention), resolved.resolved_against
            )
        return None

    def _apart(self, mention: DateMention) -> bool:
        """The date is in a clause of cause or concession that holds no attack word: 'although
        the road had been declared safe on Friday' bounds nothing."""
        root = self._root(mention)
        if root is None:
            return False
        for token in (root, *root.ancestors):
            if token.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in _APART_MARKS for c in token.children
            ):
                return not any(t.i in self.heads for t in token.subtree)
        return False

    def _later_death(self, mention: DateMention) -> bool:
        root = self._root(mention)
        return root is not None and _later_death(root)

    def _evidence(self, mention: DateMention) -> Span:
        return _span(self.parsed, mention.start, mention.end - mention.start)

    # --- syntax ------------------------------------------------------------------------------
    def _root(self, mention: DateMention) -> Token | None:
        sent = self.parsed.sentence_at(mention.start)
        if sent is None or sent.doc is None:
            return None
        span = sent.doc.char_span(
            mention.start - sent.start, mention.end - sent.start, alignment_mode="expand"
        )
        return span.root if span is not None else None

    def _attack_heads(self, mention: DateMention) -> list[Token]:
        sent = self.parsed.sentence_at(mention.start)
        if sent is None:
            return []
        return [m.head for m in self.fragment.mentions if m.sent.index == sent.index]

    def distance(self, mention: DateMention) -> int:
        """Dependency-path length from a date expression to the nearest mention of the
        fragment; the character distance in tens when the sentence has no parse."""
        root = self._root(mention)
        heads = self._attack_heads(mention)
        if root is not None and heads:
            return min(tree_distance(root, head) for head in heads)
        return min(abs(mention.start - m.start) for m in self.fragment.mentions) // 10

    def elsewhere(self, mention: DateMention) -> bool:
        """The date of another event of the sentence: a report, a reaction, a later death, a
        toll update, a plan."""
        root = self._root(mention)
        if root is None:
            return self.reporting(mention)
        if _planned(root) or _later_death(root):
            return True
        if self._owned(root):
            return False
        if self.reporting(mention):
            return True
        verb = _governing_verb(root)
        if (
            verb is not None
            and verb.dep_ == "relcl"
            and verb.head.i not in self.heads
            and verb.lemma_.lower() not in _OCCUR
        ):
            return True  # "the group that laid down its weapons on 9 March": another event
        # judged against the attack words when there are any: a casualty word may tell of a
        # later death ("after several of the wounded died")
        sent = self.parsed.sentence_at(mention.start)
        mentions = [m for m in self.fragment.mentions if sent and m.sent.index == sent.index]
        attacks = [m.head for m in mentions if m.kind == "attack"]
        heads = attacks or [m.head for m in mentions]
        return bool(heads) and all(self._other_event(root, head) for head in heads)

    def _owned(self, root: Token) -> bool:
        """The date hangs on an attack or casualty word before any other verb: 'killed on
        Sunday', 'the attack on Friday, 23 June', 'Sunday's bombing'."""
        for token in (root, *root.ancestors):
            if token.i in self.heads:
                return True
            if token.pos_ in ("VERB", "AUX"):
                # "the murder ..., carried out this morning": the verb that performs the attack
                return token.lemma_.lower() in _SUPPORT and (
                    token.head.i in self.heads or any(c.i in self.heads for c in token.children)
                )
        return False

    def reporting(self, mention: DateMention) -> bool:
        """'police said on Monday', 'according to military sources today'. A date after the
        attack words and away from the verb is the attack's, whatever the parse says: 'denied
        any links with the assassination 8 days ago'."""
        root = self._root(mention)
        if root is None:
            before = self.parsed.text[max(0, mention.start - 25) : mention.start].lower().split()
            return bool(before) and before[-1] in _REPORTING
        head = root
        for _ in range(3):
            governor = head.head
            if governor.i == head.i:
                break
            if governor.lower_ == "according":
                return True
            if governor.pos_ == "VERB":
                if governor.lemma_.lower() not in _REPORTING:
                    return False
                attacks = [i for i in self.heads if governor.i < i < root.i]
                return not attacks or root.i - governor.i <= 4
            head = governor
        return False

    def _other_event(self, root: Token, attack: Token) -> bool:
        """Whether the date and the attack word meet at a verb of another event: the attack
        sits in its subject's modifiers ('the toll from the bomb rose on Tuesday'), in its
        clausal complement ('reported today that ...'), or is the object of a verb of
        reaction, report or inquiry that the date precedes ('protested today the murder'); or
        the date is in a clause of cause or concession apart from the attack words."""
        up_attack = {t.i for t in (attack, *attack.ancestors)}
        meeting = next((t for t in (root, *root.ancestors) if t.i in up_attack), None)
        if meeting is None or meeting.i == root.i:
            return False
        if _apart_clause(root, meeting):
            return True
        if meeting.i == attack.i or meeting.i in self.heads:
            return False
        if meeting.pos_ not in ("VERB", "AUX"):
            return False
        step = next(t for t in (attack, *attack.ancestors) if t.head.i == meeting.i)
        if step.dep_ in _SUBJECTS:
            return step.i != attack.i and not _compound_of(attack, step)
        if step.dep_ == "ccomp":
            return True
        return root.i < attack.i and meeting.lemma_.lower() in _OTHER_EVENT


def _apart_clause(root: Token, meeting: Token) -> bool:
    """The date sits in an adverbial clause of cause or concession that the attack words are
    outside of: 'an attack because on 25 March the police arrested ...'. A clause of the same
    time ('when', 'as') shares its date."""
    step = next((t for t in (root, *root.ancestors) if t.head.i == meeting.i), None)
    if step is None or step.dep_ != "advcl":
        return False
    return any(c.dep_ == "mark" and c.lower_ in _APART_MARKS for c in step.children)


def _compound_of(attack: Token, step: Token) -> bool:
    """'the car bomb': the attack word heads or modifies the subject noun itself."""
    return attack.head.i == step.i and attack.dep_ in ("compound", "amod", "nmod")


def _governing_verb(token: Token) -> Token | None:
    current = token
    for _ in range(4):
        if current.pos_ in ("VERB", "AUX"):
            return current
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _planned(root: Token) -> bool:
    """'the elections scheduled for Sunday', 'will meet on 27 May': not something that happened."""
    verb = _governing_verb(root)
    if verb is None:
        return False
    if verb.lemma_.lower() in _PLANNED and verb.tag_ in ("VBN", "VBD", "VBZ", "VBP"):
        return True
    return any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in verb.children)


def _later_death(root: Token) -> bool:
    """'several of the wounded died overnight', 'died of his wounds on Tuesday', 'died in
    hospital': a death after the attack, on a day of its own."""
    verb = _governing_verb(root)
    if verb is None or verb.lemma_.lower() not in _DEATH:
        return False
    if verb.lemma_.lower() == "succumb":
        return True
    for child in verb.children:
        words = {t.lower_ for t in child.subtree}
        if child.dep_ in _SUBJECTS and words & {"wounded", "injured"}:
            return True
        if child.dep_ == "prep" and child.lower_ in ("of", "from") and words & _LATER_DEATH:
            return True
        if child.dep_ == "prep" and child.lower_ in ("in", "at") and "hospital" in words:
            return True
    return False


def event_date(incident: Incident, anchor: dt.date | None) -> EventDate:
    """The date of an incident: its attack fragments' first date of their own, else a report
    date that bounds it, else the undated interval."""
    attack_first = sorted(incident.fragments, key=lambda f: (not f.attack_words, f.start))
    for fragment in attack_first:
        if _real(fragment.date):
            assert fragment.date is not None
            return fragment.date
    for fragment in attack_first:
        if fragment.date is not None and fragment.date.on_or_before:
            return fragment.date
    return undated(anchor)
