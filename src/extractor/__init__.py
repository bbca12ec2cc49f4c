"""extractor: structured, validated records of attacks from news articles.

>>> from extractor import extract
>>> result = extract(text, published="2021-11-22")
>>> [(e.type, e.killed) for e in result.events]
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import ExtractorError, InputError, ResourceError, ScopeError
from .pipeline import Extractor, extract, extract_many
from .schema import (
    SCHEMA_VERSION,
    Actor,
    Aggregate,
    Article,
    ArticleInfo,
    Casualties,
    Claim,
    ErrorRecord,
    Event,
    EventDate,
    Extraction,
    Location,
    Perpetrator,
    Span,
    Target,
)

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "Aggregate",
    "Article",
    "ArticleInfo",
    "Casualties",
    "Claim",
    "ErrorRecord",
    "Event",
    "EventDate",
    "Extraction",
    "Extractor",
    "ExtractorError",
    "InputError",
    "Location",
    "Perpetrator",
    "ResourceError",
    "ScopeError",
    "Span",
    "Target",
    "__version__",
    "extract",
    "extract_many",
]
