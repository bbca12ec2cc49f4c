"""Batch runs over files and folders: read, extract (in this process or in N workers), write,
report errors, resume, summarise.

The CLI's `run` command is one call to run_batch(); everything it does is here, so a batch can
also be started from Python. Records come out in input order whatever the number of workers.
Output grows under `<out>.part` and is renamed into place at the end (write.PartFile); a batch
that was killed is continued with resume=True, which skips every input already written (records
and errors alike), so the finished output is exactly that of a run that was never interrupted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .errors import ExtractorError, InputError
from .pipeline import BATCH_SIZE
from .read import MAX_BYTES, read_paths
from .schema import Article, ErrorRecord, Extraction
from .write import (
    CsvWriter,
    GeoJsonWriter,
    JsonDirWriter,
    PartFile,
    error_json,
    existing_records,
    input_key,
    record_json,
    record_key,
)

_TABLE_WRITERS: dict[str, type[CsvWriter | GeoJsonWriter]] = {
    "csv": CsvWriter,
    "geojson": GeoJsonWriter,
}

# Articles per task sent to a worker process: enough for the parser's batches to fill up, few
# enough that two workers share the work evenly and little is redone after a crash.
CHUNK_SIZE = 16


@dataclass
class BatchOptions:
    """What `extractor run` was asked to do."""

    paths: list[str]
    out: Path | None = None
    format: str = "jsonl"
    published: dt.date | None = None
    scope: str = "default"
    model: str | None = None
    errors: Path | None = None
    batch_size: int = BATCH_SIZE
    progress: bool = False
    workers: int = 1
    resume: bool = False
    max_bytes: int = MAX_BYTES


@dataclass
class Summary:
    """Counts for the one-line summary at the end of a batch."""

    articles: int = 0
    events: int = 0
    errors: int = 0
    resumed: int = 0
    # errors of the inputs a resumed run found already done: the finished batch failed on them
    resumed_errors: int = 0
    error_lines: list[str] = field(default_factory=list)
    errors_file: Path | None = None


@dataclass(slots=True)
class Outcome:
    """One input's result, serialised where it was made (in a worker, say): the record's JSON
    text, or the error record."""

    key: str
    id: str | None = None
    record: str | None = None
    events: int = 0
    error: ErrorRecord | None = None


def run_batch(options: BatchOptions) -> Summary:
    """Extract every input and write the records; failed inputs go to the errors file."""
    from .scope import load_scope

    load_scope(options.scope)  # a bad scope stops the batch before anything is read
    summary = Summary()
    with _Output(options) as output, _progress(options.progress) as (tick, say):
        summary.errors_file = output.errors_path
        summary.resumed_errors = output.resumed_errors
        inputs = read_paths(options.paths, published=options.published, max_bytes=options.max_bytes)
        todo = _skip_done(inputs, Counter(output.done), summary)
        for outcome in _outcomes(todo, options):
            output.write(outcome)
            if outcome.error is not None:
                summary.errors += 1
                line = error_line(outcome.error)
                summary.error_lines.append(line)
                say(f"error: {line}")
            else:
                summary.articles += 1
                summary.events += outcome.events
            tick()
        output.finish()
    return summary


def error_line(error: ErrorRecord) -> str:
    """The one line that names a failed input (file, JSONL line) and the reason."""
    where = input_key(error.source, error.line)
    # reader errors already start with where they happened
    return error.message if error.message.startswith(error.source) else f"{where}: {error.message}"


def _skip_done(
    items: Iterable[Article | InputError], done: Counter[str], summary: Summary
) -> Iterator[Article | InputError]:
    """The inputs not yet in the output (resume); each written record skips one input."""
    for item in items:
        key = _key(item)
        if done[key] > 0:
            done[key] -= 1
            summary.resumed += 1
            continue
        yield item


def _key(item: Article | InputError) -> str:
    if isinstance(item, InputError):
        return input_key(item.source or "?", item.line)
    return item.source or item.id


# ---------------------------------------------------------------------------------------------
# Extraction, here or in worker processes
# ---------------------------------------------------------------------------------------------
def _outcomes(items: Iterable[Article | InputError], options: BatchOptions) -> Iterator[Outcome]:
    indent = 2 if options.format == "json" else None
    if options.workers <= 1:
        from .pipeline import Extractor

        extractor = Extractor(
            model=options.model, scope=options.scope, batch_size=options.batch_size
        )
        for result in extractor.run(items):
            yield _outcome(result, indent)
        return
    from .pipeline import error_record
    from .workers import OrderedPool

    ready = (error_outcome(error_record(i)) if isinstance(i, InputError) else i for i in items)
    chunks = iter(lambda: list(itertools.islice(ready, CHUNK_SIZE)), [])
    with OrderedPool(
        _extract_chunk,
        workers=options.workers,
        on_crash=_crashed,
        initializer=_start_extractor,
        initargs=(options.model, options.scope, options.batch_size, indent),
    ) as pool:
        for results in pool.map(chunks):
            yield from results


def _outcome(result: Extraction | ErrorRecord, indent: int | None) -> Outcome:
    if isinstance(result, ErrorRecord):
        return error_outcome(result)
    article = result.article
    return Outcome(
        key=article.source or article.id,
        id=article.id,
        record=record_json(result, indent=indent),
        events=len(result.events),
    )


def error_outcome(error: ErrorRecord) -> Outcome:
    """The outcome of an input that failed."""
    return Outcome(key=input_key(error.source, error.line), id=error.id, error=error)


_WORKER: dict[str, Any] = {}


def _start_extractor(model: str | None, scope: str, batch_size: int, indent: int | None) -> None:
    """In each worker process, once: load the model, the gazetteers and the scope."""
    from . import pipeline

    extractor = pipeline.Extractor(model=model, scope=scope, batch_size=batch_size)
    extractor.warm_up()
    _WORKER["extractor"] = extractor
    _WORKER["indent"] = indent


def _extract_chunk(chunk: list[Article | Outcome]) -> list[Outcome]:
    """In a worker: the outcomes of a chunk, in order (errors made by the reader pass through)."""
    articles = [item for item in chunk if isinstance(item, Article)]
    results = iter(_WORKER["extractor"].run(articles))
    indent = _WORKER["indent"]
    return [
        item if isinstance(item, Outcome) else _outcome(next(results), indent) for item in chunk
    ]


def _crashed(item: Article | Outcome) -> Outcome:
    if isinstance(item, Outcome):
        return item
    return error_outcome(
        ErrorRecord(
            source=item.source or item.id,
            id=item.id,
            kind="internal",
            message="the worker process died while extracting this article (a crash in a "
            "native library, or the system ran out of memory); the batch went on",
        )
    )


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------
class _Output:
    """Where records and errors go: a JSONL file (via .part), a folder of JSON files, or stdout;
    and, on resume, which inputs are already there."""

    def __init__(self, options: BatchOptions) -> None:
        self.options = options
        self.done: list[str] = []
        self._records: PartFile | None = None
        self._folder: JsonDirWriter | None = None
        self._table: CsvWriter | GeoJsonWriter | None = None
        self._table_file: tuple[IO[str], Path, Path] | None = None  # stream, .part, final path
        self._stdout = False
        out = options.out
        if options.format == "json":
            folder = out or Path("out")
            default_errors: Path | None = folder / "errors.jsonl"
            used: set[str] = set()
            if options.resume:
                for stem, record in existing_records(folder):
                    self._check(record, folder)
                    used.add(stem)
                    self.done.append(record_key(record))
            self._folder = JsonDirWriter(folder, used=used)
        elif options.format in _TABLE_WRITERS:
            if options.resume:
                raise ExtractorError(
                    f"--resume works with jsonl and json output, not {options.format}: "
                    "write JSONL and convert, or start over"
                )
            default_errors = self._open_table(out)
        elif out is None or str(out) == "-":
            if options.resume:
                raise ExtractorError("--resume needs --out: output written to stdout is not kept")
            self._stdout = True
            default_errors = None
        else:
            self._records = PartFile(out, resume=options.resume)
            if self._records.first is not None:
                self._check(self._records.first, self._records.part)
            self.done.extend(self._records.keys)
            default_errors = out.with_name(out.name + ".errors.jsonl")
        self.errors_path = options.errors or default_errors
        self._errors = (
            PartFile(self.errors_path, resume=options.resume) if self.errors_path else None
        )
        self.resumed_errors = 0
        if self._errors is not None:
            self.done.extend(self._errors.keys)
            self.resumed_errors = len(self._errors.keys)

    def _open_table(self, out: Path | None) -> Path | None:
        """CSV or GeoJSON on stdout, or in `<out>.part` renamed when the batch is complete."""
        make = _TABLE_WRITERS[self.options.format]
        if out is None or str(out) == "-":
            self._table = make(sys.stdout)
            return None
        out.parent.mkdir(parents=True, exist_ok=True)
        part = out.with_name(out.name + ".part")
        # newline="": the csv module writes its own line ends
        stream = part.open("w", encoding="utf-8", newline="")
        self._table_file = (stream, part, out)
        self._table = make(stream)
        return out.with_name(out.name + ".errors.jsonl")

    def _close_table(self) -> None:
        if isinstance(self._table, GeoJsonWriter):
            self._table.close()  # the collection stays valid JSON even when the batch stopped
        if self._table_file is not None and not self._table_file[0].closed:
            self._table_file[0].close()

    def _check(self, record: dict[str, Any], where: Path) -> None:
        """A resumed output must be continued with the same scope and extractor version."""
        from . import __version__

        found = (record.get("scope"), record.get("extractor_version"))
        wanted = (self.options.scope, __version__)
        if found != wanted:
            raise ExtractorError(
                f"{where} was written with scope {found[0]!r} by extractor {found[1]}; this run "
                f"uses scope {wanted[0]!r} and extractor {wanted[1]}: resume with the same "
                "options, or start over"
            )

    def __enter__(self) -> _Output:
        return self

    def __exit__(self, *exc: object) -> None:
        # an interrupted batch keeps its .part files for --resume
        for part in (self._records, self._errors):
            if part is not None:
                part.close()
        self._close_table()

    def write(self, outcome: Outcome) -> None:
        if outcome.error is not None:
            line = error_json(outcome.error)
            if self._errors is not None:
                self._errors.append(line)
            else:
                sys.stderr.write(line + "\n")
                sys.stderr.flush()
        elif self._records is not None:
            self._records.append(outcome.record or "")
        elif self._table is not None:
            # workers send records as JSON text; the table writers read the model back
            self._table.write(Extraction.model_validate_json(outcome.record or "{}"))
        elif self._folder is not None:
            self._folder.write_json(outcome.id or outcome.key, outcome.record or "")
        else:
            sys.stdout.write((outcome.record or "") + "\n")
            sys.stdout.flush()

    def finish(self) -> None:
        """The batch is complete: rename the .part files into place."""
        if self._errors is not None:
            self._errors.finish(keep_empty=False)
        if self._records is not None:
            self._records.finish(keep_empty=True)
        if self._table_file is not None:
            self._close_table()
            _, part, final = self._table_file
            os.replace(part, final)


@contextlib.contextmanager
def _progress(enabled: bool) -> Iterator[tuple[Callable[[], object], Callable[[str], None]]]:
    """A progress counter on stderr (rich, which typer already depends on), and a way to print a
    line on stderr that does not garble it."""

    def say(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    if not enabled:
        yield (lambda: None), say
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TimeElapsedColumn,
    )

    with Progress(
        SpinnerColumn(),
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task("articles", total=None)

        def say_above(line: str) -> None:
            progress.console.print(line, markup=False, highlight=False, soft_wrap=True)

        yield (lambda: progress.advance(task)), say_above
