"""Inputs -> Article: text files, JSON objects, JSONL streams, HTML pages, folders and stdin.

Every document either becomes an Article or an InputError that names the file (and the line of a
JSONL stream) and the reason, so a batch can report it and go on: empty, binary, undecodable,
over-large, malformed and non-English documents are refused here, before any model runs. HTML
goes through the optional adapter in html.py.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from . import language
from .errors import InputError
from .schema import Article, PublishedSource

# Larger articles are refused: the longest wire stories and long-form reports run to ~100 kB;
# 5 MB is far beyond any article and keeps one bad file from taking a worker's memory. For a
# JSONL file the limit applies to each line (the file itself can be any size).
MAX_BYTES = 5_000_000
# What a folder scan reads; other files in a folder are skipped.
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = (".txt", ".json", ".jsonl", *HTML_SUFFIXES)
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
                    handle.readline,
                    source=source,
                    stem=path.stem,
                    published=published,
                    max_bytes=max_bytes,
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
            return
        text, note = decode_text(data, source=source)
        if suffix in HTML_SUFFIXES or _looks_like_html(text):
            yield article_from_html(text, id=path.stem, source=source, published=published)
            return
        article = make_article(
            text,
            id=path.stem,
            source=source,
            published=published,
            published_source="cli" if published else "none",
        )
        if note:
            article.warnings.append(note)
        yield article
    except InputError as e:
        yield e


def article_from_html(
    html: str, *, id: str, source: str, published: dt.date | None = None
) -> Article:
    """An Article from an HTML page: its main text, title, URL and the publication date of its
    markup (which comes before --published)."""
    from .html import extract_page

    page = extract_page(html, source=source)
    how: PublishedSource = "metadata" if page.published else ("cli" if published else "none")
    return make_article(
        page.text,
        id=id,
        source=source,
        published=page.published or published,
        published_source=how,
        title=page.title,
        url=page.url,
    )


def read_stream(
    stream: BinaryIO, *, source: str, published: dt.date | None = None, max_bytes: int = MAX_BYTES
) -> Iterator[Article | InputError]:
    """Standard input: a JSONL stream when its first non-blank line is a JSON object (streamed
    line by line, any length), else one text (up to max_bytes)."""
    pending: list[bytes] = []
    while not pending or (pending[-1] and not pending[-1].strip()):
        pending.append(stream.readline(max_bytes + 1))
    if pending[-1].lstrip().startswith(b"{"):

        def readline(limit: int) -> bytes:
            return pending.pop(0) if pending else stream.readline(limit)

        yield from _read_jsonl(
            readline, source=source, stem=source, published=published, max_bytes=max_bytes
        )
        return
    head = b"".join(pending)
    data = head + stream.read(max(max_bytes + 1 - len(head), 0))
    if len(data) > max_bytes:
        yield InputError(
            f"{source}: over the {max_bytes:,}-byte limit", kind="too_large", source=source
        )
        return
    try:
        text, note = decode_text(data, source=source)
        if _looks_like_html(text):
            yield article_from_html(text, id=source, source=source, published=published)
            return
        article = make_article(
            text,
            id=source,
            source=source,
            published=published,
            published_source="cli" if published else "none",
        )
        if note:
            article.warnings.append(note)
        yield article
    except InputError as e:
        yield e


def _read_jsonl(
    readline: Callable[[int], bytes],
    *,
    source: str,
    stem: str,
    published: dt.date | None,
    max_bytes: int,
) -> Iterator[Article | InputError]:
    for number, (raw, size) in enumerate(_bounded_lines(readline, max_bytes), 1):
        where = f"{source}:{number}"
        if size > max_bytes:
            yield InputError(
                f"{where}: line of {size:,} bytes is over the {max_bytes:,}-byte limit",
                kind="too_large",
                source=source,
                line=number,
            )
            continue
        if not raw.strip():
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


def _bounded_lines(readline: Callable[[int], bytes], max_bytes: int) -> Iterator[tuple[bytes, int]]:
    """The lines of a stream with their sizes; a line over max_bytes is skipped in chunks (its
    bytes come back empty), so one huge line never sits in memory whole."""
    while True:
        raw = readline(max_bytes + 1)
        if not raw:
            return
        size = len(raw)
        if size > max_bytes and not raw.endswith(b"\n"):
            while True:
                chunk = readline(1 << 20)
                size += len(chunk)
                if not chunk or chunk.endswith(b"\n"):
                    break
            raw = b""
        yield raw, size


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
    try:
        return article_from_record(
            record, source=where, line=line, fallback_id=fallback_id, published=published
        )
    except InputError as e:
        e.source = source  # the file; the line is in e.line, as for the other errors
        raise


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
    check_language: bool = True,
) -> Article:
    """An Article from text, refusing text that cannot be an article (empty, binary) and text
    that is not English (see language.py), which an English pipeline would only mangle."""
    if not text.strip():
        raise InputError(f"{source or id}: empty document", kind="empty", source=source)
    if _control_share(text) > 0.05:
        raise InputError(
            f"{source or id}: looks like binary data, not text", kind="binary", source=source
        )
    if check_language:
        verdict = language.detect(text)
        if not verdict.english:
            name = f"in {verdict.language}" if verdict.language else "in another language"
            raise InputError(
                f"{source or id}: not English (looks {name}: {verdict.reason}); "
                "extractor reads English text only",
                kind="language",
                source=source,
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
    """Bytes -> text: see decode_text."""
    return decode_text(data, source=source)[0]


def decode_text(data: bytes, *, source: str) -> tuple[str, str | None]:
    """Bytes -> (text, note): UTF-8 (with or without BOM), UTF-16 or UTF-32 with a BOM, UTF-16
    without one when its zero bytes show it, else Windows-1252 when the bytes read as text in
    it; binary data is refused. The note says when the text was not UTF-8, for the record's
    warnings."""
    if not data.strip():
        raise InputError(f"{source}: empty document", kind="empty", source=source)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as e:
                raise InputError(
                    f"{source}: broken {codec.upper()} ({e.reason} at byte {e.start})",
                    kind="encoding",
                    source=source,
                ) from e
            return text, None
    if b"\x00" in data[:8192]:
        guess = _utf16_without_bom(data)
        if guess is None:
            raise InputError(
                f"{source}: looks like binary data (NUL bytes), not text",
                kind="binary",
                source=source,
            )
        try:
            return data.decode(guess), f"decoded as {guess.upper()} (no byte-order mark)"
        except UnicodeDecodeError as e:
            raise InputError(
                f"{source}: looks like {guess.upper()} without a byte-order mark but does not "
                f"decode ({e.reason} at byte {e.start})",
                kind="encoding",
                source=source,
            ) from e
    try:
        return data.decode("utf-8-sig"), None
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
        return text, f"not valid UTF-8 (byte {e.start}); decoded as Windows-1252"


# UTF-32 first: its little-endian BOM starts with UTF-16's.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the zero bytes sit on one side of mostly-ASCII text, as in
    UTF-16 written without a byte-order mark; None for other data with NUL bytes."""
    sample = data[: 8192 - len(data[:8192]) % 2]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    zero_even, zero_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zero_odd > 0.7 and zero_even < 0.05:
        return "utf-16-le"
    if zero_even > 0.7 and zero_odd < 0.05:
        return "utf-16-be"
    return None


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
