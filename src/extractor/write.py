"""Extraction -> JSON, JSONL, and the JSON Schema: the only serializer.

Every record is written whole or not at all: a JSONL line goes out in one write and is flushed
before the next article; a JSON file is written to a temporary name and renamed into place.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import IO, Any

from .schema import ErrorRecord, Extraction


def record_json(extraction: Extraction, *, indent: int | None = None) -> str:
    """One record as JSON text (dates as YYYY-MM-DD, no NaN)."""
    return extraction.model_dump_json(indent=indent)


def schema_json() -> str:
    """The JSON Schema of an output record."""
    schema = Extraction.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "extractor output record (schema_version 1)"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


class JsonlWriter:
    """Appends one line per record to a stream or file, flushing after each."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, extraction: Extraction) -> None:
        self.stream.write(record_json(extraction) + "\n")
        self.stream.flush()


class JsonDirWriter:
    """One pretty JSON file per article in a folder, named after the article id."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self._used: set[str] = set()

    def write(self, extraction: Extraction) -> None:
        name = safe_filename(extraction.article.id)
        base, n = name, 1
        while name in self._used:
            n += 1
            name = f"{base}-{n}"
        self._used.add(name)
        atomic_write(self.folder / f"{name}.json", record_json(extraction, indent=2) + "\n")


def safe_filename(text: str) -> str:
    """An article id as a file name: path separators and odd characters replaced."""
    cleaned = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in text).strip("._")
    return cleaned[:150] or "article"


def atomic_write(path: Path, text: str) -> None:
    """Write a file under a temporary name in the same folder, then rename it into place."""
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def error_json(error: ErrorRecord) -> str:
    """One error record as a JSON line."""
    return error.model_dump_json()


def dump(value: Any) -> str:
    """Plain JSON for small structures (summaries, reports)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
