"""Batch runs that survive anything and can be resumed: the ordered worker pool, the .part output
and --resume, a real batch killed with SIGKILL and restarted, and a folder of hostile inputs.

The articles are the ones in samples/ (read at run time); every bad input is written here by hand.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.errors import ExtractorError
from extractor.workers import OrderedPool
from extractor.write import PartFile

ROOT = Path(__file__).resolve().parent.parent
STORY = "Gunmen killed three people in Kabul on Sunday, police said."


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def run_cli(*args: str) -> Any:
    return CliRunner().invoke(app, ["run", *args])


# --- the ordered pool ----------------------------------------------------------------------------
# Tasks run in spawned worker processes, which import them from this module.


def _square_slowly(chunk: list[int]) -> list[int]:
    time.sleep(random.random() / 50)  # finish out of order
    return [n * n for n in chunk]


def _die_on_13(chunk: list[int]) -> list[int]:
    if 13 in chunk:
        os._exit(3)  # as a segfault or the out-of-memory killer would end it
    return [n * n for n in chunk]


def _fail_to_start() -> None:
    raise ExtractorError("no spaCy pipeline could be loaded (tried nowhere)")


def test_pool_returns_results_in_input_order() -> None:
    chunks = [list(range(n, n + 3)) for n in range(0, 60, 3)]
    with OrderedPool(_square_slowly, workers=2, on_crash=lambda n: -1) as pool:
        results = [r for chunk in pool.map(chunks) for r in chunk]
    assert results == [n * n for n in range(60)]


def test_pool_survives_a_worker_that_dies() -> None:
    chunks = [list(range(n, n + 4)) for n in range(0, 40, 4)]
    with OrderedPool(_die_on_13, workers=2, on_crash=lambda n: -n) as pool:
        results = [r for chunk in pool.map(chunks) for r in chunk]
    # only the input that killed its worker is lost, and it is reported in its place
    assert results == [-13 if n == 13 else n * n for n in range(40)]


def test_pool_start_failure_is_an_error_not_a_crash() -> None:
    with (
        OrderedPool(
            _square_slowly, workers=2, on_crash=lambda n: -1, initializer=_fail_to_start
        ) as pool,
        pytest.raises(ExtractorError, match="no spaCy pipeline"),
    ):
        list(pool.map([[1, 2]]))


# --- .part files -----------------------------------------------------------------------------


def test_part_file_is_renamed_into_place_when_finished(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    part = PartFile(out, resume=False)
    part.append('{"article": {"id": "a", "source": "a.txt"}}')
    assert not out.exists() and lines(out.with_name("o.jsonl.part")) == [
        '{"article": {"id": "a", "source": "a.txt"}}'
    ]
    part.finish(keep_empty=True)
    assert out.exists() and not out.with_name("o.jsonl.part").exists()


def test_resume_cuts_a_half_written_last_record(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    out.with_name("o.jsonl.part").write_text(
        '{"article": {"id": "a", "source": "a.txt"}}\n'
        '{"article": {"id": "b", "source": "b.txt"}}\n'
        '{"article": {"id": "c", "sou',
        encoding="utf-8",
    )
    part = PartFile(out, resume=True)
    assert part.keys == ["a.txt", "b.txt"]
    part.append('{"article": {"id": "c", "source": "c.txt"}}')
    part.finish(keep_empty=True)
    assert [json.loads(line)["article"]["id"] for line in lines(out)] == ["a", "b", "c"]


def test_an_unfinished_run_is_not_overwritten(tmp_path: Path) -> None:
    (tmp_path / "o.jsonl.part").write_text("{}\n", encoding="utf-8")
    with pytest.raises(ExtractorError, match="continue it with --resume"):
        PartFile(tmp_path / "o.jsonl", resume=False)


# --- resume through the CLI ------------------------------------------------------------------


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """Eight articles and two bad inputs in a folder."""
    folder = tmp_path / "in"
    folder.mkdir()
    texts = sorted((ROOT / "samples").glob("*.txt"))[:6]
    for path in texts:
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "z.jsonl").write_text(
        json.dumps({"id": "z1", "text": STORY})
        + "\n{broken\n"
        + json.dumps({"id": "z3", "text": "A bomb exploded in Baghdad, killing two people."})
        + "\n",
        encoding="utf-8",
    )
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


def test_resume_after_a_crash_gives_the_records_of_a_clean_run(
    articles: Path, tmp_path: Path
) -> None:
    clean, out = tmp_path / "clean.jsonl", tmp_path / "out.jsonl"
    assert run_cli(str(articles), "-o", str(clean)).exit_code == 1  # two inputs fail
    records, errors = lines(clean), lines(tmp_path / "clean.jsonl.errors.jsonl")
    assert (len(records), len(errors)) == (8, 2)
    # a run killed after three records (the third half-written) and one error
    (tmp_path / "out.jsonl.part").write_text(
        "\n".join(records[:2]) + "\n" + records[2][:100], encoding="utf-8"
    )
    (tmp_path / "out.jsonl.errors.jsonl.part").write_text(errors[0] + "\n", encoding="utf-8")
    result = run_cli(str(articles), "-o", str(out), "--resume")
    assert result.exit_code == 1
    assert "resumed=3" in result.stderr  # two records and one error were already there
    assert out.read_bytes() == clean.read_bytes()
    assert (tmp_path / "out.jsonl.errors.jsonl").read_bytes() == (
        tmp_path / "clean.jsonl.errors.jsonl"
    ).read_bytes()
    assert not list(tmp_path.glob("*.part"))


def test_resume_of_a_finished_run_adds_only_new_inputs(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    run_cli(str(articles), "-o", str(out))
    before = lines(out)
    (articles / "zz_new.txt").write_text(STORY, encoding="utf-8")
    result = run_cli(str(articles), "-o", str(out), "--resume")
    assert "articles=1 " in result.stderr and "resumed=10" in result.stderr
    # the two bad inputs of the first run still fail the batch
    assert result.exit_code == 1 and "errors are listed in" in result.stderr
    after = lines(out)
    assert after[:-1] == before and json.loads(after[-1])["article"]["id"] == "zz_new"


def test_without_resume_an_unfinished_run_is_kept(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    (tmp_path / "out.jsonl.part").write_text("", encoding="utf-8")
    result = run_cli(str(articles), "-o", str(out))
    assert result.exit_code == 2
    assert "holds an unfinished run: continue it with --resume" in result.stderr


def test_a_new_run_replaces_the_old_output_only_when_it_is_done(
    articles: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    run_cli(str(articles), "-o", str(out))
    (articles / "empty.txt").unlink()
    assert run_cli(str(articles), "-o", str(out)).exit_code == 1  # the broken JSONL line
    assert [json.loads(e)["line"] for e in lines(tmp_path / "out.jsonl.errors.jsonl")] == [2]
    (articles / "z.jsonl").unlink()
    assert run_cli(str(articles), "-o", str(out)).exit_code == 0
    assert not (tmp_path / "out.jsonl.errors.jsonl").exists()  # no stale errors of a past run


def test_resume_with_other_options_is_refused(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    run_cli(str(articles), "-o", str(out))
    result = run_cli(str(articles), "-o", str(out), "--resume", "--scope", "muc4")
    assert result.exit_code == 2
    assert "written with scope 'default'" in result.stderr


def test_resume_needs_an_output_file(articles: Path) -> None:
    result = run_cli(str(articles), "--resume")
    assert result.exit_code == 2 and "--resume needs --out" in result.stderr


def test_resume_of_json_folder_output(articles: Path, tmp_path: Path) -> None:
    folder = tmp_path / "records"
    run_cli(str(articles), "--format", "json", "-o", str(folder))
    first = {p.name: p.read_bytes() for p in folder.iterdir()}
    (folder / "z1.json").unlink()  # as if the run had stopped before it
    result = run_cli(str(articles), "--format", "json", "-o", str(folder), "--resume")
    assert "articles=1 " in result.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == first


# --- a real batch killed with SIGKILL --------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


@pytest.fixture
def wire(tmp_path: Path) -> Path:
    """A JSONL stream of 52 articles (the text samples four times) and two broken lines: with
    16 articles per worker task, two rounds of two tasks, so a kill lands mid-batch."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    rows = [json.dumps({"id": f"w{n}", "text": text}) for n, text in enumerate(texts * 4)]
    rows.insert(3, '{"id": "broken", "text": "no closing quote}')
    rows.insert(30, "[1, 2, 3]")
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_killed_batch_resumes_to_exactly_the_clean_output(wire: Path, tmp_path: Path) -> None:
    """A batch with two worker processes, killed with SIGKILL after a few records and resumed,
    ends with exactly the records and errors of a clean run in one process."""
    clean = tmp_path / "clean.jsonl"
    assert run_cli(str(wire), "-o", str(clean)).exit_code == 1
    records = lines(clean)
    assert len(records) == 52
    out = tmp_path / "out.jsonl"
    part = tmp_path / "out.jsonl.part"
    command = [sys.executable, "-m", "extractor.cli", "run", str(wire), "-o", str(out), "-w", "2"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and process.poll() is None:
            if part.exists() and part.read_bytes().count(b"\n") >= 3:
                break
            time.sleep(0.01)
        assert process.poll() is None, "the batch ended before it could be killed"
        workers_seen = _children(process.pid)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
        assert process.stderr is not None
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    assert not out.exists() and part.exists()
    kept = part.read_text(encoding="utf-8").split("\n")[:-1]  # the complete lines
    assert 3 <= len(kept) < 52
    # what the workers wrote is what one process writes, in the same order
    assert kept == records[: len(kept)]
    # the worker processes notice that their batch is gone and end
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and any(_running(pid) for pid in workers_seen):
        time.sleep(0.1)
    assert not [pid for pid in workers_seen if _running(pid)]

    result = run_cli(str(wire), "-o", str(out), "--resume")
    assert result.exit_code == 1
    assert out.read_bytes() == clean.read_bytes()  # no duplicate, nothing lost, same order
    assert (tmp_path / "out.jsonl.errors.jsonl").read_bytes() == (
        tmp_path / "clean.jsonl.errors.jsonl"
    ).read_bytes()


def test_workers_with_a_missing_model_stop_with_its_name(tmp_path: Path) -> None:
    story = tmp_path / "a.txt"
    story.write_text(STORY, encoding="utf-8")
    result = subprocess.run(
        [
            *(sys.executable, "-m", "extractor.cli", "run", str(story), "-w", "2"),
            *("--model", "no_such_pipeline", "-o", str(tmp_path / "o.jsonl")),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "no_such_pipeline" in result.stderr and "Traceback" not in result.stderr


# --- hostile inputs ----------------------------------------------------------------------------

HOSTILE: dict[str, bytes] = {
    "a_empty.txt": b"",
    "b_blank.txt": b"   \n\t\n",
    "c_binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "d_utf16_no_bom.txt": STORY.encode("utf-16-le"),
    "e_cp1252.txt": "Gunmen killed three people in Medellín on Sunday, police said.".encode(
        "cp1252"
    ),
    "f_undecodable.txt": b"Bomb \x81\x8d\x81 in Lima " * 4,
    "g_huge.txt": b"A bomb exploded. " * 2000,  # 34,000 bytes, over --max-bytes 20000
    "h_spanish.txt": (
        "Un grupo de hombres armados mató a tres personas en un ataque contra el mercado de la "
        "ciudad el domingo, según informó la policía. Ningún grupo se ha atribuido el ataque."
    ).encode(),
    "i_page.html": (
        b"<html><head><title>Blast</title>"
        b'<meta property="article:published_time" content="2021-11-20"></head>'
        b"<body><p>A car bomb killed four people in Mogadishu on Friday, police said.</p>"
        b"</body></html>"
    ),
    "j_stream.jsonl": (
        json.dumps({"id": "j1", "text": STORY})
        + "\n{not json\n"
        + '"a string"\n'
        + json.dumps({"id": "j4"})
        + "\n"
        + json.dumps({"id": "j5", "text": "x" * 30000})
        + "\n"
        + json.dumps({"id": "j6", "text": STORY})
        + "\n"
    ).encode(),
    "k_zero.json": b"\x00" * 100,
}


def test_every_hostile_input_gets_one_error_line_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    for name, data in HOSTILE.items():
        (folder / name).write_bytes(data)
    out = tmp_path / "o.jsonl"
    result = run_cli(str(folder), "-o", str(out), "--max-bytes", "20000")
    assert result.exit_code == 1
    ids = [json.loads(line)["article"]["id"] for line in lines(out)]
    assert ids == ["d_utf16_no_bom", "e_cp1252", "i_page", "j1", "j6"]
    errors = [json.loads(line) for line in lines(tmp_path / "o.jsonl.errors.jsonl")]
    where = [(Path(e["source"]).name, e["line"], e["kind"]) for e in errors]
    assert where == [
        ("a_empty.txt", None, "empty"),
        ("b_blank.txt", None, "empty"),
        ("c_binary.txt", None, "binary"),
        ("f_undecodable.txt", None, "encoding"),
        ("g_huge.txt", None, "too_large"),
        ("h_spanish.txt", None, "language"),
        ("j_stream.jsonl", 2, "malformed"),
        ("j_stream.jsonl", 3, "malformed"),
        ("j_stream.jsonl", 4, "malformed"),
        ("j_stream.jsonl", 5, "too_large"),
        ("k_zero.json", None, "binary"),
    ]
    # one line on stderr per bad input, naming the file (and the JSONL line)
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(error_lines) == len(errors)
    assert any(str(folder / "j_stream.jsonl") + ":3: " in line for line in error_lines)
    assert "articles=5 events=" in result.stderr and "errors=11 " in result.stderr
    # non-UTF-8 text that was decoded says so
    record = json.loads(lines(out)[1])
    assert any("Windows-1252" in w for w in record["warnings"])
