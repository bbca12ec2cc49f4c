"""extractor as a spaCy pipeline component, for users who already run their own pipeline.

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("extractor", config={"scope": "default"})
    doc = nlp(text)
    doc._.extraction.events        # the same record `extract()` returns

The component reads the parse and entities the pipeline already made (it needs a parser), so it
adds no model of its own. Set doc._.published (a date) before calling it, or pass
`published` in the config, to resolve relative dates.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .dateline import find_dateline
from .parse import ParsedArticle, Sentence, _mark_candidates
from .pipeline import Extractor
from .read import make_article, parse_date
from .schema import Extraction
from .text import is_all_caps, words

for _name, _default in (("extraction", None), ("published", None), ("article_id", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


class ExtractorComponent:
    """Sets doc._.extraction to the Extraction record of the doc."""

    def __init__(self, nlp: Language, name: str, scope: str, published: str | None) -> None:
        self.name = name
        self.extractor = Extractor(nlp=nlp, scope=scope)
        self.published = parse_date(published) if published else None

    def __call__(self, doc: Doc) -> Doc:
        doc._.extraction = self.extract(doc)
        return doc

    def extract(self, doc: Doc) -> Extraction:
        from . import lexicon

        published: dt.date | None = doc._.published or self.published
        article = make_article(
            doc.text,
            id=doc._.article_id or "doc",
            published=published,
            published_source="metadata" if published else "none",
        )
        text = article.text
        all_words = words(text)
        hits = list(lexicon.trigger_matcher().finditer(text, tokens=all_words))
        sentences = []
        for index, sent in enumerate(doc.sents):
            sentences.append(
                Sentence(
                    index,
                    sent.start_char,
                    sent.end_char,
                    text[sent.start_char : sent.end_char],
                    doc=sent.as_doc(),
                )
            )
        dateline = find_dateline(text)
        _mark_candidates(sentences, hits, dateline.end if dateline else 0)
        for sentence in sentences:
            if not sentence.candidate:
                sentence.doc = None
        parsed = ParsedArticle(
            article=article,
            text=text,
            all_caps=is_all_caps(text),
            words=all_words,
            sentences=sentences,
            dateline=dateline,
            triggers=hits,
            parse_text=text,
        )
        return self.extractor.extract_parsed(parsed)


@Language.factory(
    "extractor",
    default_config={"scope": "default", "published": None},
    requires=["token.dep", "token.head", "token.lemma", "doc.ents", "doc.sents"],
    assigns=["doc._.extraction"],
)
def make_extractor(nlp: Language, name: str, scope: str, published: str | None) -> Any:
    """The spaCy factory: nlp.add_pipe("extractor")."""
    return ExtractorComponent(nlp, name, scope, published)
