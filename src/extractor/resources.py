"""Locate, verify and load the data in gazetteers/ and models/.

Only this module touches paths. Lookup order: an explicit argument, else the EXTRACTOR_DATA
environment variable (a folder holding gazetteers/ and models/), else the data installed with the
package (extractor/_data), else the source checkout (for editable installs).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import ResourceError

_PACKAGE_DIR = Path(__file__).resolve().parent
_CANDIDATE_ROOTS = (_PACKAGE_DIR / "_data", _PACKAGE_DIR.parent.parent)


def data_root(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The folder that holds gazetteers/ and models/."""
    if explicit:
        return _checked_root(Path(explicit), "the explicit data path")
    env = os.environ.get("EXTRACTOR_DATA")
    if env:
        return _checked_root(Path(env), "EXTRACTOR_DATA")
    for root in _CANDIDATE_ROOTS:
        if (root / "gazetteers").is_dir() and (root / "models").is_dir():
            return root
    raise ResourceError(
        "extractor's data (gazetteers/ and models/) was not found next to the package; "
        "reinstall the package or set EXTRACTOR_DATA to a folder that holds them"
    )


def _checked_root(root: Path, what: str) -> Path:
    if not (root / "gazetteers").is_dir() or not (root / "models").is_dir():
        raise ResourceError(f"{what} ({root}) does not hold gazetteers/ and models/")
    return root


def path(relative: str, *, root: str | os.PathLike[str] | None = None) -> Path:
    """Absolute path of a data file, e.g. path('gazetteers/actors.jsonl'); it must exist."""
    full = data_root(root) / relative
    if not full.exists():
        raise ResourceError(
            f"data file {relative} is missing under {full.parent}; "
            "restore it from the repository or rebuild it with the script named in MANIFEST.toml"
        )
    return full


def sha256(file: Path) -> str:
    """Hex sha256 of a file's bytes (a content hash that is stable across runs)."""
    digest = hashlib.sha256()
    with file.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@functools.cache
def manifest(folder: str) -> dict[str, Any]:
    """The parsed MANIFEST.toml of gazetteers/ or models/."""
    file = path(f"{folder}/MANIFEST.toml")
    try:
        return tomllib.loads(file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise ResourceError(f"{file} is not valid TOML: {e}") from e


def data_versions() -> dict[str, str]:
    """file -> version for every file the manifests list; recorded in every output."""
    versions: dict[str, str] = {}
    for folder in ("gazetteers", "models"):
        for name, entry in manifest(folder).get("files", {}).items():
            versions[f"{folder}/{name}"] = str(entry.get("version", "?"))
    return versions


def iter_jsonl(relative: str) -> Iterator[dict[str, Any]]:
    """Rows of a JSONL data file; blank lines and lines starting with // are skipped."""
    file = path(relative)
    with file.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            text = line.strip()
            if not text or text.startswith("//"):
                continue
            try:
                row = json.loads(text)
            except json.JSONDecodeError as e:
                raise ResourceError(f"{relative}:{number}: not valid JSON ({e})") from e
            if not isinstance(row, dict):
                raise ResourceError(f"{relative}:{number}: expected a JSON object")
            yield row


def read_toml(relative: str) -> dict[str, Any]:
    """A parsed TOML data file."""
    file = path(relative)
    try:
        return tomllib.loads(file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise ResourceError(f"{relative} is not valid TOML: {e}") from e
