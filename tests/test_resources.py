"""resources.py and the data it serves: every file in gazetteers/MANIFEST.toml and
models/MANIFEST.toml exists with the sha256 recorded there, generated files rebuild to what is
committed, and a missing file or data folder raises an error that names it and the fix."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from extractor import resources
from extractor.errors import ResourceError

ROOT = Path(__file__).resolve().parent.parent
LISTED = [
    (folder, name)
    for folder in ("gazetteers", "models")
    for name in sorted(resources.manifest(folder).get("files", {}))
]


@pytest.mark.parametrize(("folder", "name"), LISTED, ids=[f"{f}/{n}" for f, n in LISTED])
def test_listed_file_exists_with_its_sha256(folder: str, name: str) -> None:
    entry = resources.manifest(folder)["files"][name]
    file = resources.path(f"{folder}/{name}")
    assert resources.sha256(file) == entry["sha256"], (
        f"{folder}/{name} changed: rebuild it or run scripts/update_manifest.py; review the diff"
    )
    assert {"version", "sha256", "source", "licence", "description"} <= set(entry)


@pytest.mark.parametrize("folder", ["gazetteers", "models"])
def test_every_data_file_is_listed(folder: str) -> None:
    base = resources.data_root() / folder
    listed = set(resources.manifest(folder).get("files", {}))
    on_disk = {
        str(p.relative_to(base))
        for p in base.rglob("*.*")
        if p.suffix in (".tsv", ".jsonl", ".txt") and not p.name.startswith(".")
    }
    assert on_disk <= listed, f"unlisted data files: {sorted(on_disk - listed)}"


def test_data_versions_cover_every_listed_file() -> None:
    assert set(resources.data_versions()) == {f"{folder}/{name}" for folder, name in LISTED}


def test_model_pin_matches_the_dependency() -> None:
    import tomllib

    pin = resources.manifest("models")["spacy_model"]
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"][
        "dependencies"
    ]
    assert f"{pin['package']}=={pin['version']}" in dependencies


def test_missing_file_names_itself_and_the_fix() -> None:
    with pytest.raises(ResourceError, match=r"gazetteers/nope\.tsv is missing.*MANIFEST\.toml"):
        resources.path("gazetteers/nope.tsv")


def test_bad_data_folder_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("EXTRACTOR_DATA", str(tmp_path))
    with pytest.raises(ResourceError, match="EXTRACTOR_DATA"):
        resources.data_root()


def test_data_folder_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "gazetteers").mkdir()
    (tmp_path / "models").mkdir()
    monkeypatch.setenv("EXTRACTOR_DATA", str(tmp_path))
    assert resources.data_root() == tmp_path
    assert resources.data_root(ROOT) == ROOT  # an explicit argument comes first


def test_lexicon_rebuilds_to_the_committed_file() -> None:
    completed = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_lexicon.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
