"""Extraction -> JSON, JSONL, CSV, GeoJSON, and the JSON Schema: the only serializer.

Every record is written whole or not at all: a JSONL line goes out in one write and is flushed
before the next article; a JSON file is written to a temporary name and renamed into place; an
article's CSV rows or GeoJSON features go out in one write. The GeoJSON FeatureCollection is
closed by close(), also when a batch stops early, so the file stays valid.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path
from typing import IO, Any

from .schema import ErrorRecord, Extraction
from .tables import COLUMNS, event_rows, features


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


class CsvWriter:
    """One row per event (tables.COLUMNS), with a header line, for spreadsheets."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.stream.write(self._lines([dict(zip(COLUMNS, COLUMNS, strict=True))]))
        self.stream.flush()

    def write(self, extraction: Extraction) -> None:
        rows = event_rows(extraction)
        if rows:
            self.stream.write(self._lines(rows))
            self.stream.flush()

    @staticmethod
    def _lines(rows: list[dict[str, Any]]) -> str:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
        writer.writerows({k: "" if v is None else v for k, v in row.items()} for row in rows)
        return buffer.getvalue()


class GeoJsonWriter:
    """One GeoJSON FeatureCollection, one Feature per event, streamed article by article."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.stream.write('{"type": "FeatureCollection", "features": [')
        self._first = True
        self._closed = False

    def write(self, extraction: Extraction) -> None:
        items = features(extraction)
        if not items:
            return
        text = ",\n".join(json.dumps(item, ensure_ascii=False) for item in items)
        self.stream.write(("\n" if self._first else ",\n") + text)
        self._first = False
        self.stream.flush()

    def close(self) -> None:
        if not self._closed:
            self.stream.write("\n]}\n")
            self.stream.flush()
            self._closed = True


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
