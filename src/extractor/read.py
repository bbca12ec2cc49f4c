"""Inputs -> Article: text files, JSON objects, JSONL streams, folders and standard input.

Every document either becomes an Article or an InputError that names the file (and the line of a
JSONL stream) and the reason, so a batch can report it and go on.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from .errors import InputError
from .schema import Article, PublishedSource

# Larger articles are refused: the longest wire stories and long-form reports run to ~100 kB;
# 5 MB is far beyond any article and keeps one bad file from taking a worker's memory.
MAX_BYTES = 5_000_000
# What a folder scan reads. HTML is not read (no boilerplate removal yet): a page named on the
# command line, or text that starts like one, is reported as an input error instead.
SUFFIXES = (".txt", ".json", ".jsonl")
_KEYS = ("id", "text", "published", "title", "url")


def read_paths(
    paths: Iterable[str | Path], *, published: dt.date | None = None, max_bytes: int = MAX_BYTES
) -> Iterator[Article | InputError]:
    """Articles (or errors) from files, folders (recursive, sorted) and '-' for stdin, in order."""
    for item in paths:
        if str(item) == "-":
            yield from read_stream(
                sys.stdin.buffer, source="stdin", published=published, max_bytes=max_bytes
            )
            continue
        path = Path(item)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                if file.suffix.lower() in SUFFIXES and not _hidden(file, path):
                    yield from read_file(file, published=published, max_bytes=max_bytes)
        elif path.exists():
            yield from read_file(path, published=published, max_bytes=max_bytes)
        else:
            yield InputError(f"{path}: no such file or folder", kind="unreadable", source=str(path))


def _hidden(file: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in file.relative_to(root).parts)


def read_file(
    path: Path, *, published: dt.date | None = None, max_bytes: int = MAX_BYTES
) -> Iterator[Article | InputError]:
    """The articles of one file: one for .txt/.json/.html, one per line for .jsonl."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes and path.suffix.lower() != ".jsonl":
            raise InputError(
                f"{source}: {size:,} bytes is over the {max_bytes:,}-byte limit",
                kind="too_large",
                source=source,
            )
        with path.open("rb") as handle:
            if path.suffix.lower() == ".jsonl":
                yield from _read_jsonl(
                    handle, source=source, stem=path.stem, published=published, max_bytes=max_bytes
                )
                return
            data = handle.read()
    except InputError as e:
        yield e
        return
    except OSError as e:
        yield InputError(
            f"{source}: cannot read ({e.strerror or e})", kind="unreadable", source=source
        )
        return
    try:
        suffix = path.suffix.lower()
        if suffix == ".json":
            yield _from_json_text(
                decode(data, source=source),
                source=source,
                line=None,
                fallback_id=path.stem,
                published=published,
            )
        else:
            text = decode(data, source=source)
            if suffix in (".html", ".htm") or _looks_like_html(text):
                raise InputError(
                    f"{source}: HTML is not supported; extract the article text "
                    "first (a .txt, or the 'text' of a .json)",
                    kind="malformed",
                    source=source,
                )
            yield make_article(
                text,
                id=path.stem,
                source=source,
                published=published,
                published_source="cli" if published else "none",
            )
    except InputError as e:
        yield e


def read_stream(
    stream: BinaryIO, *, source: str, published: dt.date | None = None, max_bytes: int = MAX_BYTES
) -> Iterator[Article | InputError]:
    """Standard input: a JSONL stream when its first non-blank line is a JSON object, else one
    text."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield InputError(
            f"{source}: over the {max_bytes:,}-byte limit", kind="too_large", source=source
        )
        return
    first = next((line for line in data.splitlines() if line.strip()), b"")
    if first.lstrip().startswith(b"{"):
        import io

        yield from _read_jsonl(
            io.BytesIO(data), source=source, stem=source, published=published, max_bytes=max_bytes
        )
        return
    try:
        yield make_article(
            decode(data, source=source),
            id=source,
            source=source,
            published=published,
            published_source="cli" if published else "none",
        )
    except InputError as e:
        yield e


def _read_jsonl(
    handle: BinaryIO, *, source: str, stem: str, published: dt.date | None, max_bytes: int
) -> Iterator[Article | InputError]:
    for number, raw in enumerate(handle, 1):
        if not raw.strip():
            continue
        where = f"{source}:{number}"
        if len(raw) > max_bytes:
            yield InputError(
                f"{where}: line of {len(raw):,} bytes is over the limit",
                kind="too_large",
                source=source,
                line=number,
            )
            continue
        try:
            yield _from_json_text(
                decode(raw, source=where),
                source=source,
                line=number,
                fallback_id=f"{stem}:{number}",
                published=published,
            )
        except InputError as e:
            yield e


def _from_json_text(
    text: str, *, source: str, line: int | None, fallback_id: str, published: dt.date | None
) -> Article:
    where = f"{source}:{line}" if line else source
    try:
        record = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(
            f"{where}: malformed JSON ({e.msg} at column {e.colno})",
            kind="malformed",
            source=source,
            line=line,
        ) from e
    return article_from_record(
        record, source=where, line=line, fallback_id=fallback_id, published=published
    )


def article_from_record(
    record: Any,
    *,
    source: str,
    line: int | None = None,
    fallback_id: str | None = None,
    published: dt.date | None = None,
) -> Article:
    """An Article from a JSON object with `text` and optional `id`, `published`, `title`, `url`."""
    if not isinstance(record, dict):
        raise InputError(
            f"{source}: expected a JSON object, got {type(record).__name__}",
            kind="malformed",
            source=source,
            line=line,
        )
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(
            f"{source}: no 'text' string in the object", kind="malformed", source=source, line=line
        )
    raw_id = record.get("id")
    if raw_id is None and fallback_id is None:
        raise InputError(
            f"{source}: no 'id' in the object", kind="malformed", source=source, line=line
        )
    article_id = str(raw_id) if raw_id is not None else str(fallback_id)
    warnings: list[str] = []
    meta_date = None
    if record.get("published") not in (None, ""):
        meta_date = parse_date(record["published"])
        if meta_date is None:
            warnings.append(f"ignored unreadable 'published' value {record['published']!r}")
    how: PublishedSource = "metadata" if meta_date else ("cli" if published else "none")
    date = meta_date or published
    title, url = (
        record.get(key) if isinstance(record.get(key), str) else None for key in ("title", "url")
    )
    article = make_article(
        text,
        id=article_id,
        source=source,
        published=date,
        published_source=how,
        title=title,
        url=url,
    )
    article.warnings.extend(warnings)
    return article


def make_article(
    text: str,
    *,
    id: str,
    source: str | None = None,
    published: dt.date | None = None,
    published_source: PublishedSource = "none",
    title: str | None = None,
    url: str | None = None,
) -> Article:
    """An Article from text, refusing text that cannot be an article (empty, binary)."""
    if not text.strip():
        raise InputError(f"{source or id}: empty document", kind="empty", source=source)
    if _control_share(text) > 0.05:
        raise InputError(
            f"{source or id}: looks like binary data, not text", kind="binary", source=source
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Article(
        id=id,
        text=text,
        title=title,
        url=url,
        published=published,
        published_source=published_source if published else "none",
        source=source,
    )


def decode(data: bytes, *, source: str) -> str:
    """Bytes -> text: UTF-8 (with or without BOM) or UTF-16 with BOM, else Windows-1252 when the
    bytes read as text in it; binary data is refused."""
    if not data.strip():
        raise InputError(f"{source}: empty document", kind="empty", source=source)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputError(
                f"{source}: broken UTF-16 ({e.reason})", kind="encoding", source=source
            ) from e
    if b"\x00" in data[:8192]:
        raise InputError(
            f"{source}: looks like binary data (NUL bytes), not text", kind="binary", source=source
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(
                f"{source}: not UTF-8 and not Windows-1252 text ({e.reason} at byte {e.start})",
                kind="encoding",
                source=source,
            ) from e
        if _control_share(text) > 0.01:
            raise InputError(
                f"{source}: not UTF-8 text and not readable as Windows-1252",
                kind="encoding",
                source=source,
            ) from e
        return text


def _control_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return bad / len(sample)


_HTML_RE = re.compile(r"^\s*(<!doctype html|<html[\s>])", re.I)


def _looks_like_html(text: str) -> bool:
    return bool(_HTML_RE.match(text[:1000]))


def parse_date(value: Any) -> dt.date | None:
    """A publication date from metadata: 'YYYY-MM-DD' or an ISO date-time; None if unreadable."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def article_keys() -> tuple[str, ...]:
    """The keys of an article object that the reader uses; others are ignored."""
    return _KEYS
