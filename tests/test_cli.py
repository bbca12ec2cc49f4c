"""The command line through typer's CliRunner (in process, sharing the loaded model): run on each
input kind, output formats, --published, the summary line, exit codes, the errors file, schema,
--version and eval --help."""

from __future__ import annotations

import importlib.metadata
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from extractor import __version__
from extractor.cli import app
from extractor.write import schema_json

ROOT = Path(__file__).resolve().parent.parent
STORY = "Gunmen killed three people in Kabul on Sunday, police said."
SUMMARY = re.compile(r"^articles=(\d+) events=(\d+) errors=(\d+) seconds=\d+\.\d$", re.M)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def summary(stderr: str) -> tuple[int, int, int]:
    match = SUMMARY.search(stderr)
    assert match, f"no summary line in {stderr!r}"
    articles, events, errors = map(int, match.groups())
    return articles, events, errors


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(STORY, encoding="utf-8")
    (folder / "b.json").write_text(
        json.dumps({"id": "bee", "text": STORY, "published": "2021-11-22"}), encoding="utf-8"
    )
    (folder / "sub" / "c.jsonl").write_text(
        json.dumps({"id": "c1", "text": STORY})
        + "\n"
        + json.dumps({"id": "c2", "text": STORY})
        + "\n",
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize(
    ("name", "ids"),
    [
        ("a.txt", ["a"]),
        ("b.json", ["bee"]),
        ("sub/c.jsonl", ["c1", "c2"]),
        (".", ["a", "bee", "c1", "c2"]),
    ],
)
def test_run_each_input_kind(
    runner: CliRunner, inputs: Path, tmp_path: Path, name: str, ids: list[str]
) -> None:
    out = tmp_path / "out" / "records.jsonl"
    result = runner.invoke(app, ["run", str(inputs / name), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert [r["article"]["id"] for r in records(out)] == ids
    assert summary(result.stderr)[::2] == (len(ids), 0)
    assert not out.with_name("records.jsonl.errors.jsonl").exists()


def test_run_keeps_command_line_order(runner: CliRunner, inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    result = runner.invoke(
        app, ["run", str(inputs / "sub" / "c.jsonl"), str(inputs / "a.txt"), "-o", str(out)]
    )
    assert result.exit_code == 0
    assert [r["article"]["id"] for r in records(out)] == ["c1", "c2", "a"]


def test_run_stdin_to_stdout(runner: CliRunner) -> None:
    result = runner.invoke(app, ["run", "-", "--published", "2021-11-22"], input=STORY)
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["article"]["id"] == "stdin"
    assert record["article"]["published"] == "2021-11-22"


def test_published_sets_the_date_of_inputs_without_one(
    runner: CliRunner, inputs: Path, tmp_path: Path
) -> None:
    out = tmp_path / "o.jsonl"
    result = runner.invoke(
        app,
        [
            "run",
            str(inputs / "a.txt"),
            str(inputs / "b.json"),
            "--published",
            "2021-11-25",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0
    got = [(r["article"]["published"], r["article"]["published_source"]) for r in records(out)]
    assert got == [("2021-11-25", "cli"), ("2021-11-22", "metadata")]  # metadata wins in b.json


def test_format_json_writes_one_pretty_file_per_article(
    runner: CliRunner, inputs: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "records"
    result = runner.invoke(app, ["run", str(inputs), "--format", "json", "--out", str(folder)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["a.json", "bee.json", "c1.json", "c2.json"]
    text = (folder / "bee.json").read_text(encoding="utf-8")
    assert text.startswith("{\n  ") and json.loads(text)["article"]["id"] == "bee"


def test_a_failed_input_exits_1_and_is_reported(
    runner: CliRunner, inputs: Path, tmp_path: Path
) -> None:
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    (inputs / "sub" / "c.jsonl").write_text(
        '{"id": "bad", "text": \n' + json.dumps({"id": "ok", "text": STORY}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "o.jsonl"
    result = runner.invoke(app, ["run", str(inputs), "-o", str(out)])
    assert result.exit_code == 1
    assert [r["article"]["id"] for r in records(out)] == ["a", "bee", "ok"]
    assert summary(result.stderr)[::2] == (3, 2)
    errors = records(tmp_path / "o.jsonl.errors.jsonl")
    assert sorted((e["kind"], e["line"]) for e in errors) == [("empty", None), ("malformed", 1)]
    assert "empty.txt" in result.stderr and "c.jsonl:1" in result.stderr
    # each failed input is named once per line (the source used to be printed twice)
    assert result.stderr.count(str(inputs / "empty.txt")) == 1


def test_errors_option_names_the_errors_file(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02 binary")
    errors = tmp_path / "logs" / "errs.jsonl"
    result = runner.invoke(
        app, ["run", str(bad), "-o", str(tmp_path / "o.jsonl"), "--errors", str(errors)]
    )
    assert result.exit_code == 1
    assert [e["kind"] for e in records(errors)] == ["binary"]


def test_missing_input_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["run", str(tmp_path / "nowhere.txt"), "-o", str(tmp_path / "o.jsonl")]
    )
    assert result.exit_code == 1
    assert summary(result.stderr) == (0, 0, 1)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--published", "22/11/2021"], "expected YYYY-MM-DD"),
        (["--scope", "acled"], "unknown scope"),
    ],
)
def test_bad_options_exit_2(runner: CliRunner, inputs: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["run", str(inputs / "a.txt"), *args])
    assert result.exit_code == 2
    assert message in result.output


def test_scope_option(runner: CliRunner, inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    assert (
        runner.invoke(
            app, ["run", str(inputs / "a.txt"), "--scope", "muc4", "-o", str(out)]
        ).exit_code
        == 0
    )
    assert records(out)[0]["scope"] == "muc4"


def test_schema_command(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert result.stdout == schema_json()
    assert json.loads(result.stdout)["properties"]["schema_version"]["const"] == "1"


def test_version_agrees_everywhere(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]
    assert result.stdout.strip() == f"extractor {__version__}"
    assert __version__ == pyproject == importlib.metadata.version("extractor")


def test_eval_help(runner: CliRunner) -> None:
    result = runner.invoke(app, ["eval", "--help"])
    assert result.exit_code == 0
    assert "--floors" in result.stdout and "--gold" in result.stdout


def test_installed_entry_point() -> None:
    script = Path(sys.executable).with_name("extractor")
    completed = subprocess.run(
        [str(script), "--version"], capture_output=True, text=True, check=False
    )
    assert (completed.returncode, completed.stdout.strip()) == (0, f"extractor {__version__}")
