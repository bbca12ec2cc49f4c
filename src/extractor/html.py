"""HTML pages -> article text, title, URL and publication date, with trafilatura.

An adapter around the core flow: trafilatura (and lxml under it) is an optional dependency, the
`html` extra, imported only when a page is read. Without it a page is refused with the fix.

The publication date is read from the page's markup only (meta tags, JSON-LD, <time> elements,
the URL), never guessed from dates in the running text: the text's own dates are the pipeline's
job, and a guessed date would be recorded as metadata.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from dataclasses import dataclass
from typing import Any

from .errors import InputError

logger = logging.getLogger(__name__)

INSTALL_HINT = "pip install 'extractor[html]'"


@dataclass(frozen=True, slots=True)
class Page:
    """What a web page holds for the pipeline."""

    text: str
    title: str | None
    url: str | None
    published: dt.date | None


def available() -> bool:
    """Whether the optional HTML dependencies are installed."""
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        return False
    return True


def extract_page(html: str, *, source: str) -> Page:
    """The main text and metadata of a page; an InputError when it holds no article text."""
    try:
        import trafilatura
    except ImportError as e:
        raise InputError(
            f"{source}: reading HTML needs trafilatura ({INSTALL_HINT})",
            kind="unreadable",
            source=source,
        ) from e
    _quiet()
    try:
        document = _extract(trafilatura, html)
        if _empty(document) and "<body" not in html[:5000].lower():
            document = _extract(trafilatura, f"<html><body>{html}</body></html>")  # a fragment
    except Exception as e:  # a parser failure on one page must not end a batch
        logger.debug("trafilatura failed on %s", source, exc_info=True)
        raise InputError(
            f"{source}: the HTML could not be parsed ({e.__class__.__name__}: {e})",
            kind="malformed",
            source=source,
        ) from e
    if document is None or _empty(document):
        raise InputError(
            f"{source}: no article text found in the HTML page", kind="empty", source=source
        )
    return Page(
        text=document.text,
        title=document.title or None,
        url=document.url or None,
        published=_date(document.date),
    )


def _extract(trafilatura: Any, html: str) -> Any:
    return trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_recall=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )


def _empty(document: Any) -> bool:
    return document is None or not (document.text or "").strip()


@functools.cache
def _quiet() -> None:
    """trafilatura and htmldate log every page they find nothing in at ERROR level; the batch
    reports such pages itself, once, as input errors."""
    for name in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
