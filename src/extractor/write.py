"""Extraction -> JSON, JSONL, CSV, GeoJSON, and the JSON Schema: the only serializer.

Every record is written whole or not at all: a JSONL line goes out in one write and is flushed
before the next article; a JSON file is written to a temporary name and renamed into place; an
article's CSV rows or GeoJSON features go out in one write. The GeoJSON FeatureCollection is
closed by close(), also when a batch stops early, so the file stays valid.

A batch's JSONL output (and its errors file) grows under `<name>.part` and is renamed to `<name>`
when the batch ends, so the file a user sees is always a finished run. A run that was killed
leaves its `.part`; `--resume` reads it back, cuts a last line that the kill left half-written,
and appends the rest.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from .errors import ExtractorError
from .schema import ErrorRecord, Extraction
from .tables import COLUMNS, event_rows, features

logger = logging.getLogger(__name__)


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

    def __init__(self, folder: Path, *, used: set[str] | None = None) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self._used: set[str] = set(used or ())

    def write(self, extraction: Extraction) -> None:
        self.write_json(extraction.article.id, record_json(extraction, indent=2))

    def write_json(self, article_id: str, text: str) -> None:
        """Write one record already serialised (with indent=2)."""
        name = safe_filename(article_id)
        base, n = name, 1
        while name in self._used:
            n += 1
            name = f"{base}-{n}"
        self._used.add(name)
        atomic_write(self.folder / f"{name}.json", text + "\n")


def existing_records(folder: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """(file stem, record) of the JSON records in a folder, for --resume; a file that does not
    parse (which atomic writes never leave) is skipped with a warning and written again."""
    if not folder.is_dir():
        return
    for file in sorted(folder.glob("*.json")):
        try:
            record = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            logger.warning("ignoring unreadable record %s (%s)", file, e)
            continue
        if isinstance(record, dict):
            yield file.stem, record


class PartFile:
    """A JSONL file written under `<path>.part`, one whole line per write, and renamed to `<path>`
    by finish(). Opened lazily, so an errors file appears only when something failed.

    resume=False starts afresh (refusing to overwrite an unfinished run's `.part`); resume=True
    continues the `.part` left by a killed run, or a finished `<path>`, after cutting a last
    line that is not a complete JSON record. `keys` are the inputs of the records already there
    (record_key), `first` the first of them.
    """

    def __init__(self, path: Path, *, resume: bool) -> None:
        self.path = path
        self.part = path.with_name(path.name + ".part")
        self._fd: int | None = None
        self.keys: list[str] = []
        self.first: dict[str, Any] | None = None
        if not resume:
            if self.part.exists():
                raise ExtractorError(
                    f"{self.part} holds an unfinished run: continue it with --resume, "
                    "or delete it to start over"
                )
            return
        if not self.part.exists() and path.exists():
            os.replace(path, self.part)
        if self.part.exists():
            self._recover()

    def _recover(self) -> None:
        """Read the complete lines back and cut the file after the last one."""
        good = 0
        with self.part.open("rb") as handle:
            for raw in handle:
                try:
                    record = json.loads(raw) if raw.endswith(b"\n") else None
                except (json.JSONDecodeError, UnicodeDecodeError):
                    record = None
                if not isinstance(record, dict):
                    break  # a half-written line: it and anything after it are written again
                if self.first is None:
                    self.first = record
                self.keys.append(record_key(record))
                good += len(raw)
        if good < self.part.stat().st_size:
            logger.info("%s: cut an incomplete last record at byte %d", self.part, good)
            with self.part.open("r+b") as handle:
                handle.truncate(good)

    def append(self, line: str) -> None:
        """Append one record line with a single write, so that a kill leaves whole lines."""
        if self._fd is None:
            self.part.parent.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(self.part, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        data = (line + "\n").encode("utf-8")
        while data:
            written = os.write(self._fd, data)
            data = data[written:]

    def close(self) -> None:
        """Close the `.part` (flushed to disk), leaving it for a later --resume."""
        if self._fd is not None:
            os.fsync(self._fd)
            os.close(self._fd)
            self._fd = None

    def finish(self, *, keep_empty: bool) -> None:
        """Close, then rename the `.part` into place. With nothing written, this run or before,
        `<path>` becomes an empty file (keep_empty) or is removed: an older file there belongs
        to an earlier output."""
        self.close()
        if not self.part.exists():
            if not keep_empty:
                self.path.unlink(missing_ok=True)
                return
            self.part.touch()
        os.replace(self.part, self.path)


def record_key(record: dict[str, Any]) -> str:
    """The input a written record or error record came from: its source ('path', 'path:line',
    'stdin') or its id; the same key batch.py computes for an input before extracting it."""
    article = record.get("article")
    if isinstance(article, dict):
        return str(article.get("source") or article.get("id"))
    return input_key(str(record.get("source") or record.get("id") or "?"), record.get("line"))


def input_key(source: str, line: int | None = None) -> str:
    """'path:line' for a JSONL line, else the source."""
    if line and not source.endswith(f":{line}"):
        return f"{source}:{line}"
    return source


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
