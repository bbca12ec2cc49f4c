"""Rewrite the sha256 of every file listed in gazetteers/MANIFEST.toml and models/MANIFEST.toml.

Run after editing or regenerating a data file; the test suite fails while a hash is stale.

    python scripts/update_manifest.py
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_ENTRY = re.compile(r'^\[files\."(?P<name>[^"]+)"\]\s*$')
_SHA = re.compile(r'^sha256\s*=\s*"[0-9a-f]*"\s*$')


def update(folder: Path) -> list[str]:
    manifest = folder / "MANIFEST.toml"
    if not manifest.exists():
        return []
    lines = manifest.read_text(encoding="utf-8").splitlines(keepends=True)
    current, changed = None, []
    for i, line in enumerate(lines):
        entry = _ENTRY.match(line)
        if entry:
            current = entry.group("name")
        elif current and _SHA.match(line):
            file = folder / current
            digest = hashlib.sha256(file.read_bytes()).hexdigest() if file.exists() else ""
            new = f'sha256 = "{digest}"\n'
            if new != line:
                lines[i] = new
                changed.append(f"{folder.name}/{current}")
    manifest.write_text("".join(lines), encoding="utf-8")
    return changed


def main() -> int:
    changed = [name for folder in ("gazetteers", "models") for name in update(ROOT / folder)]
    print("\n".join(f"updated {name}" for name in changed) or "all hashes current")
    return 0


if __name__ == "__main__":
    sys.exit(main())
