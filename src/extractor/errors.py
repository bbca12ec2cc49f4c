"""The exception types. Every error the library raises on purpose is one of these."""

from __future__ import annotations


class ExtractorError(Exception):
    """Base class of the errors extractor raises."""


class InputError(ExtractorError):
    """One input document cannot be read or used; a batch reports it and goes on.

    `kind` is one of the ErrorRecord kinds (empty, binary, encoding, too_large, language,
    malformed, unreadable).
    """

    def __init__(
        self,
        message: str,
        *,
        kind: str = "unreadable",
        source: str | None = None,
        line: int | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.source = source
        self.line = line


class ResourceError(ExtractorError):
    """A data file or model is missing or fails its check; the message names the fix."""


class ScopeError(ExtractorError):
    """A scope file is unknown or malformed."""
