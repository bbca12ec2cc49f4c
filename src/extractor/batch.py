"""Batch runs over files and folders: read, extract, write, report errors, summarise.

The CLI's `run` command is one call to run_batch(); everything it does is here, so a batch can
also be started from Python.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from .pipeline import Extractor
from .read import read_paths
from .schema import ErrorRecord, Extraction
from .write import CsvWriter, GeoJsonWriter, JsonDirWriter, JsonlWriter, error_json

Writer = JsonlWriter | JsonDirWriter | CsvWriter | GeoJsonWriter
_STREAM_WRITERS: dict[str, type[JsonlWriter | CsvWriter | GeoJsonWriter]] = {
    "jsonl": JsonlWriter,
    "csv": CsvWriter,
    "geojson": GeoJsonWriter,
}


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
    batch_size: int = 32
    progress: bool = False


@dataclass
class Summary:
    """Counts for the one-line summary at the end of a batch."""

    articles: int = 0
    events: int = 0
    errors: int = 0
    error_lines: list[str] = field(default_factory=list)


def run_batch(options: BatchOptions) -> Summary:
    """Extract every input and write the records; failed inputs go to the errors file."""
    extractor = Extractor(model=options.model, scope=options.scope, batch_size=options.batch_size)
    summary = Summary()
    inputs = read_paths(options.paths, published=options.published)
    with _outputs(options) as (write, errors_stream), _progress(options.progress) as tick:
        for result in extractor.run(inputs):
            if isinstance(result, ErrorRecord):
                summary.errors += 1
                where = f"{result.source}{':' + str(result.line) if result.line else ''}"
                # reader errors already start with where they happened
                line = (
                    result.message
                    if result.message.startswith(result.source)
                    else f"{where}: {result.message}"
                )
                summary.error_lines.append(line)
                print(f"error: {line}", file=sys.stderr)
                errors_stream().write(error_json(result) + "\n")
                errors_stream().flush()
            else:
                summary.articles += 1
                summary.events += len(result.events)
                write(result)
            tick()
    return summary


@contextlib.contextmanager
def _outputs(
    options: BatchOptions,
) -> Iterator[tuple[Callable[[Extraction], None], Callable[[], IO[str]]]]:
    """The record writer and a lazily opened errors stream."""
    stack = contextlib.ExitStack()
    with stack:
        if options.format == "json":
            folder = options.out or Path("out")
            writer: Writer = JsonDirWriter(folder)
            default_errors = folder / "errors.jsonl"
        else:
            make = _STREAM_WRITERS[options.format]
            if options.out is None or str(options.out) == "-":
                writer = make(sys.stdout)
                default_errors = None
            else:
                options.out.parent.mkdir(parents=True, exist_ok=True)
                # newline="": the csv module writes its own line ends
                stream = options.out.open("w", encoding="utf-8", newline="")
                writer = make(stack.enter_context(stream))
                default_errors = options.out.with_name(options.out.name + ".errors.jsonl")
            if isinstance(writer, GeoJsonWriter):
                stack.callback(writer.close)  # runs before the file closes
        errors_path = options.errors or default_errors
        opened: list[IO[str]] = []

        def errors_stream() -> IO[str]:
            if not opened:
                if errors_path is None:
                    opened.append(sys.stderr)
                else:
                    errors_path.parent.mkdir(parents=True, exist_ok=True)
                    opened.append(stack.enter_context(errors_path.open("w", encoding="utf-8")))
            return opened[0]

        def write(result: Extraction) -> None:
            writer.write(result)

        yield write, errors_stream


@contextlib.contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[], object]]:
    """A progress counter on stderr (rich, which typer already depends on)."""
    if not enabled:
        yield lambda: None
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
        yield lambda: progress.advance(task)
