"""The one place the order of the stages is written.

read -> parse (gate + spaCy on candidate sentences) -> mentions -> tolls, places
     -> fragments -> dates -> incidents -> actors, claims -> events -> scope -> Extraction
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Literal, overload

from . import resources
from . import scope as scopes
from .errors import ExtractorError, InputError
from .read import article_from_record, make_article, parse_date
from .schema import Article, ArticleInfo, ErrorRecord, Extraction

if TYPE_CHECKING:
    from spacy.language import Language

    from . import parse

logger = logging.getLogger(__name__)

__all__ = ["Extractor", "extract", "extract_many"]

# Sentences per spaCy batch. Only candidate sentences are parsed, each its own short Doc, so
# batches of 8 (the best size for whole articles) leave the model mostly waiting on Python
# overhead; 64 sentences (~1,500 words) cut the parsing CPU time by about a third on news, and
# larger batches gain nothing more (benchmarks/).
BATCH_SIZE = 64


def _version() -> str:
    from . import __version__

    return __version__


class Extractor:
    """A loaded pipeline: the spaCy model, the gazetteers and a scope, reused across articles."""

    def __init__(
        self,
        *,
        model: str | None = None,
        scope: str = "default",
        batch_size: int = BATCH_SIZE,
        nlp: Language | None = None,
        gate: bool = True,
    ) -> None:
        # The stages import spaCy; they are imported here, when a pipeline is built, so that
        # `import extractor` and the CLI's parent process of a multi-worker batch stay light.
        from . import parse

        self.nlp = nlp if nlp is not None else parse.load_nlp(model)
        self.scope = scopes.load_scope(scope)
        self.batch_size = batch_size
        # gate=False parses every sentence, not only those with attack vocabulary: slower, for
        # measuring what the gate costs in recall (benchmarks/)
        self.gate = gate
        self.model_label = parse.model_label(self.nlp)
        self.data_versions = resources.data_versions()

    def extract(self, article: Article) -> Extraction:
        """The record of one article."""
        from . import parse

        parsed = next(
            parse.parse(
                [parse.prepare(article)],
                self.nlp,
                batch_size=self.batch_size,
                everything=not self.gate,
            )
        )
        return self.extract_parsed(parsed)

    def warm_up(self) -> None:
        """Load everything a first article needs (gazetteers, actor index, vocabulary) now, so
        a worker process pays it once at start rather than in its first task."""
        self.extract(
            make_article(
                "KABUL, Nov 22 - Gunmen killed three police officers in Kabul province on "
                "Sunday, the Taliban said in a statement.",
                id="warm-up",
                check_language=False,
            )
        )

    def run(self, items: Iterable[Article | InputError]) -> Iterator[Extraction | ErrorRecord]:
        """Records (or error records) for a stream of articles, in input order, parsing in
        batches so the model runs over many sentences at once."""
        from . import parse

        stream = parse.parse(
            self._prepared(items), self.nlp, batch_size=self.batch_size, everything=not self.gate
        )
        for item in stream:
            if isinstance(item, _Failed):
                yield item.error
                continue
            try:
                yield self.extract_parsed(item)
            except ExtractorError as e:
                yield _error(item.article, "internal", str(e))
            except Exception as e:  # one article's bug must not end a batch of thousands
                logger.exception("extraction failed for %s", item.article.id)
                yield _error(item.article, "internal", f"{e.__class__.__name__}: {e}")

    def _prepared(self, items: Iterable[Article | InputError]) -> Iterator[Any]:
        from . import parse

        for item in items:
            if isinstance(item, InputError):
                yield _Failed(error_record(item))
                continue
            try:
                yield parse.prepare(item)
            except Exception as e:  # a bug in the cheap stages: report it for this article only
                logger.exception("preparation failed for %s", item.id)
                yield _Failed(_error(item, "internal", f"{e.__class__.__name__}: {e}"))

    def extract_parsed(self, parsed: parse.ParsedArticle) -> Extraction:
        """The stages after parsing, in order."""
        from . import actors, claims, dates, events, incidents, mentions, periods, places, tolls

        anchor = dates.find_anchor(parsed)
        found = mentions.find_mentions(parsed)
        counts = tolls.find_counts(found)
        # places are read only for articles that can hold an incident: most general news has no
        # real attack word, and the place search is the costliest stage after the parser
        founding = any(m.counts_as_event for m in found)
        toponyms = places.find_places(parsed) if founding else []
        fragments = incidents.build_fragments(parsed, found, counts, toponyms)
        dates.assign_dates(parsed, fragments, anchor.date)
        incident_list = incidents.merge(fragments, anchor.date)
        # who and who claimed are read only when there is an incident to give them to
        actor_list = actors.find_actors(parsed, found) if incident_list else []
        claim_list = claims.find_claims(parsed, found) if incident_list else []
        event_list = events.assemble(
            parsed, incident_list, actor_list, claim_list, toponyms, anchor.date
        )
        kept = scopes.apply(self.scope, event_list, anchor.date)
        article = parsed.article
        warnings = list(article.warnings)
        if anchor.source == "estimate":
            warnings.append("publication date estimated from the latest date in the text")
        elif anchor.source == "none":
            warnings.append("no publication date: relative dates are left unresolved")
        info = ArticleInfo(
            id=article.id,
            published=anchor.date,
            published_source=anchor.source,
            published_evidence=anchor.evidence,
            title=article.title,
            url=article.url,
            source=article.source,
            language="en",
            all_caps=parsed.all_caps,
            chars=len(article.text),
        )
        return Extraction(
            extractor_version=_version(),
            scope=self.scope.name,
            model=self.model_label,
            data_versions=self.data_versions,
            article=info,
            events=kept,
            aggregates=periods.date_aggregates(tolls.aggregates(parsed, counts), anchor.date),
            warnings=warnings,
        )


class _Failed:
    """An input that failed before parsing, carried through the stream to keep input order."""

    def __init__(self, error: ErrorRecord) -> None:
        self.error = error
        self.sentences: list[Any] = []
        self.parse_text = ""


def error_record(error: InputError) -> ErrorRecord:
    """The error record of an input the reader refused."""
    return ErrorRecord(
        source=error.source or "?",
        line=error.line,
        kind=error.kind,
        message=str(error),
    )


def _error(article: Article, kind: str, message: str) -> ErrorRecord:
    return ErrorRecord(
        source=article.source or article.id,
        id=article.id,
        kind=kind,
        message=message,
    )


_EXTRACTORS: dict[tuple[str | None, str], Extractor] = {}


def _extractor(model: str | None, scope: str) -> Extractor:
    key = (model, scope)
    if key not in _EXTRACTORS:
        _EXTRACTORS[key] = Extractor(model=model, scope=scope)
    return _EXTRACTORS[key]


def _as_date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    parsed = parse_date(value)
    if parsed is None:
        raise InputError(f"published must be YYYY-MM-DD, got {value!r}", kind="malformed")
    return parsed


def extract(
    text: str,
    *,
    published: str | dt.date | None = None,
    id: str = "text",
    title: str | None = None,
    scope: str = "default",
    model: str | None = None,
) -> Extraction:
    """Extract the attacks an article reports.

    >>> result = extract("Gunmen killed three people in Kabul on Sunday.", published="2021-11-22")
    >>> result.events[0].killed.min
    3
    """
    date = _as_date(published)
    article = make_article(
        text, id=id, published=date, title=title, published_source="metadata" if date else "none"
    )
    return _extractor(model, scope).extract(article)


@overload
def extract_many(
    items: Iterable[str | dict[str, Any] | Article],
    *,
    published: str | dt.date | None = ...,
    scope: str = ...,
    model: str | None = ...,
    on_error: Literal["raise"] = ...,
) -> Iterator[Extraction]: ...
@overload
def extract_many(
    items: Iterable[str | dict[str, Any] | Article],
    *,
    published: str | dt.date | None = ...,
    scope: str = ...,
    model: str | None = ...,
    on_error: Literal["yield"],
) -> Iterator[Extraction | ErrorRecord]: ...
def extract_many(
    items: Iterable[str | dict[str, Any] | Article],
    *,
    published: str | dt.date | None = None,
    scope: str = "default",
    model: str | None = None,
    on_error: Literal["raise", "yield"] = "raise",
) -> Iterator[Any]:
    """Extract from many articles with the model loaded once, streaming results in input order.

    Items are texts, article objects ({"id", "text", "published", ...}) or Article models. With
    on_error="yield", a bad item gives an ErrorRecord instead of raising.
    """
    date = _as_date(published)

    def articles() -> Iterator[Article | InputError]:
        for number, item in enumerate(items, 1):
            try:
                if isinstance(item, Article):
                    yield item
                elif isinstance(item, str):
                    yield make_article(
                        item,
                        id=f"text-{number}",
                        published=date,
                        published_source="metadata" if date else "none",
                    )
                else:
                    yield article_from_record(
                        item,
                        source=f"item {number}",
                        line=number,
                        fallback_id=f"text-{number}",
                        published=date,
                    )
            except InputError as e:
                if on_error == "raise":
                    raise
                yield e

    for result in _extractor(model, scope).run(articles()):
        if isinstance(result, ErrorRecord) and on_error == "raise":
            raise InputError(
                result.message, kind=result.kind, source=result.source, line=result.line
            )
        yield result
