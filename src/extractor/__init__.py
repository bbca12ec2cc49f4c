"""extractor: structured, validated records of attacks from news articles."""

from __future__ import annotations

__version__ = "0.1.0"
