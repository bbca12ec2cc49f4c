"""The command line: a thin layer over the library, one library call per command."""

from __future__ import annotations

import datetime as dt
import logging
import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import __version__
from .errors import ExtractorError
from .pipeline import BATCH_SIZE
from .read import MAX_BYTES

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Structured, validated records of attacks from news articles.",
)


class Format(StrEnum):
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    geojson = "geojson"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"extractor {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool | None,
        typer.Option(
            "--version",
            callback=_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = None,
    verbose: Annotated[
        int, typer.Option("--verbose", "-v", count=True, help="More log output (-vv for debug).")
    ] = 0,
) -> None:
    """extractor: who did what to whom, where and when, with the evidence for every field."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(
        level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as e:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from e


@app.command()
def run(
    paths: Annotated[
        list[str],
        typer.Argument(help="Articles: .txt, .json, .jsonl, .html files, folders, or - for stdin."),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Output file (JSONL, CSV, GeoJSON) or folder (--format json); stdout if omitted.",
        ),
    ] = None,
    format: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help="jsonl: one line per article; json: one file per article; csv: one row per "
            "event (ACLED-like columns); geojson: one map feature per event.",
        ),
    ] = Format.jsonl,
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD for inputs that have none.")
    ] = None,
    scope: Annotated[
        str, typer.Option(help="Which incidents to keep: default, muc4, ...")
    ] = "default",
    model: Annotated[
        str | None, typer.Option(help="A spaCy pipeline to use instead of en_core_web_sm.")
    ] = None,
    errors: Annotated[
        Path | None,
        typer.Option(
            help="Where to write one JSON line per failed input (default: OUT.errors.jsonl)."
        ),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            "-w",
            min=0,
            help="Worker processes, each loading the model once (0: one per CPU core). Output "
            "order is input order whatever the number.",
        ),
    ] = 1,
    resume: Annotated[
        bool,
        typer.Option(
            help="Continue an interrupted run: skip the inputs already in --out (and its errors "
            "file) and append the others."
        ),
    ] = False,
    max_bytes: Annotated[
        int,
        typer.Option(
            min=1, help="Refuse inputs (a file, a JSONL line) larger than this many bytes."
        ),
    ] = MAX_BYTES,
    batch_size: Annotated[int, typer.Option(min=1, help="Sentences per spaCy batch.")] = BATCH_SIZE,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress",
            help="Progress bar on stderr (default: when stderr is a terminal).",
        ),
    ] = None,
) -> None:
    """Extract attack events from articles and write one JSON record per article."""
    import os

    from .batch import BatchOptions, run_batch

    options = BatchOptions(
        paths=paths,
        out=out,
        format=format.value,
        published=_date(published),
        scope=scope,
        model=model,
        errors=errors,
        batch_size=batch_size,
        progress=sys.stderr.isatty() if progress is None else progress,
        workers=workers or os.cpu_count() or 1,
        resume=resume,
        max_bytes=max_bytes,
    )
    started = time.perf_counter()
    try:
        summary = run_batch(options)
    except ExtractorError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from e
    except KeyboardInterrupt as e:
        typer.echo(
            "interrupted: the records written so far are kept; run the same command with "
            "--resume to continue",
            err=True,
        )
        raise typer.Exit(130) from e
    seconds = time.perf_counter() - started
    resumed = f" resumed={summary.resumed}" if resume else ""
    typer.echo(
        f"articles={summary.articles} events={summary.events} errors={summary.errors}"
        f"{resumed} seconds={seconds:.1f}",
        err=True,
    )
    # a resumed batch fails as the whole batch did: errors found before the restart count too
    failed = summary.errors + summary.resumed_errors
    if failed and summary.errors_file is not None:
        typer.echo(f"errors are listed in {summary.errors_file}", err=True)
    raise typer.Exit(1 if failed else 0)


@app.command()
def schema() -> None:
    """Print the JSON Schema of an output record."""
    from .write import schema_json

    typer.echo(schema_json(), nl=False)


@app.command(name="eval")
def evaluate(
    gold: Annotated[
        list[Path] | None,
        typer.Option(
            help="Gold JSONL files (default: MUC-4 TST1 and TST2 in ../shared/eval/data)."
        ),
    ] = None,
    scope: Annotated[
        str, typer.Option(help="Scope to extract with (muc4 for MUC-4 gold).")
    ] = "muc4",
    scorer: Annotated[
        Path | None, typer.Option(help="score.py to use (default: ../shared/eval/score.py).")
    ] = None,
    out: Annotated[Path, typer.Option(help="Folder for predictions and the score report.")] = Path(
        "out/eval"
    ),
    floors: Annotated[
        Path | None, typer.Option(help="TOML file of minimum scores; exit 1 when one is missed.")
    ] = None,
    model: Annotated[
        str | None, typer.Option(help="A spaCy pipeline to use instead of en_core_web_sm.")
    ] = None,
) -> None:
    """Score extraction against gold data with the shared scorer (and check the floors)."""
    from .evaluate import run_evaluation

    try:
        report = run_evaluation(
            gold=gold, scope=scope, scorer=scorer, out=out, floors=floors, model=model
        )
    except ExtractorError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from e
    typer.echo(report.text, nl=False)
    for failure in report.failures:
        typer.echo(f"FLOOR MISSED: {failure}", err=True)
    raise typer.Exit(1 if report.failures else 0)


def main() -> None:
    """Entry point of the `extractor` command."""
    app()


if __name__ == "__main__":
    main()
