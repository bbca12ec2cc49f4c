"""Shared fixtures: one loaded pipeline for the whole session, the ../shared folder, the
known-gaps list and the snapshot options; and no network anywhere in the suite (nonet/).

Known gaps are data: tests/known_gaps.toml names test cases that fail today because extraction is
not good enough yet, each with the reason. They run as xfail(strict=True), so a case that starts
passing fails the suite until its entry is removed, and a fix cannot go unnoticed.
"""

from __future__ import annotations

import os
import sys
import tempfile
import tomllib
from pathlib import Path

import pytest

from extractor import Extractor

ROOT = Path(__file__).resolve().parent.parent
KNOWN_GAPS = ROOT / "tests" / "known_gaps.toml"
NONET = ROOT / "tests" / "nonet"
sys.path.insert(0, str(NONET))
import netguard  # noqa: E402


def pytest_configure(config: pytest.Config) -> None:
    """Block the network in this process and, through nonet/sitecustomize.py on PYTHONPATH, in
    every Python process the tests start (CLI runs, worker processes); log every attempt."""
    log = Path(tempfile.mkdtemp(prefix="extractor-netguard-")) / "attempts.log"
    log.touch()
    os.environ[netguard.LOG_ENV] = str(log)
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(NONET), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    netguard.install()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run when any code tried to reach the network, even if it caught the error."""
    log = Path(os.environ.get(netguard.LOG_ENV, ""))
    attempts = log.read_text(encoding="utf-8").splitlines() if log.is_file() else []
    if attempts:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.ensure_newline()
            reporter.write_line("network access attempted during the tests:", red=True)
            for line in attempts:
                reporter.write_line(f"  {line}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def shared_dir() -> Path | None:
    """The shared folder (seeds, eval): EXTRACTOR_SHARED, else ../shared beside the checkout."""
    env = os.environ.get("EXTRACTOR_SHARED")
    folder = Path(env) if env else ROOT.parent / "shared"
    return folder if folder.is_dir() else None


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("extractor")
    group.addoption(
        "--snapshots",
        action="store_true",
        help="compare each sample's full output with tests/snapshots/ (opt-in)",
    )
    group.addoption(
        "--update-snapshots",
        action="store_true",
        help="rewrite tests/snapshots/ from the current output (review the diff)",
    )


def known_gaps() -> dict[str, dict[str, str]]:
    """test file name -> {test name with its parameters -> reason}."""
    data = tomllib.loads(KNOWN_GAPS.read_text(encoding="utf-8"))
    for file, cases in data.items():
        if not isinstance(cases, dict) or not all(isinstance(r, str) and r for r in cases.values()):
            raise pytest.UsageError(f"{KNOWN_GAPS.name}: [{file!r}] must map case names to reasons")
    return data


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the known gaps strict xfail; refuse entries that name no collected case of a
    collected file, so the list cannot hold stale or misspelt names."""
    gaps = known_gaps()
    seen_files: set[str] = set()
    seen: set[tuple[str, str]] = set()
    for item in items:
        file = item.path.name
        seen_files.add(file)
        reason = gaps.get(file, {}).get(item.name)
        if reason is not None:
            seen.add((file, item.name))
            item.add_marker(pytest.mark.xfail(strict=True, reason=f"known gap: {reason}"))
    partial = (
        config.option.deselect
        or config.option.keyword
        or config.option.markexpr
        or getattr(config.option, "lf", False)
        or any("::" in arg for arg in config.args)
    )
    if partial:
        return  # a partial run cannot tell a stale entry from a deselected one
    stale = [
        f"[{file!r}] {name!r}"
        for file, cases in gaps.items()
        if file in seen_files
        for name in cases
        if (file, name) not in seen
    ]
    if stale:
        raise pytest.UsageError(
            f"{KNOWN_GAPS.name} names cases that do not exist (remove or "
            "rename them):\n  " + "\n  ".join(stale)
        )


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The default pipeline, loaded once (the spaCy model is cached per process)."""
    return Extractor()


@pytest.fixture(scope="session")
def shared() -> Path | None:
    """The shared folder beside the checkout, or None when this clone has none."""
    return shared_dir()
