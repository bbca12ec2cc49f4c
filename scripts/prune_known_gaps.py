"""Delete from tests/known_gaps.toml the entries whose cases now pass (XPASS strict).

    python scripts/prune_known_gaps.py            # runs pytest, then edits the file

Review the diff: every removed line is a gap somebody closed.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
GAPS = ROOT / "tests" / "known_gaps.toml"


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.xml"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                f"--junitxml={report}",
            ],
            cwd=ROOT,
            capture_output=True,
            check=False,
        )
        tree = ElementTree.parse(report)
    passed = set()
    for case in tree.iter("testcase"):
        failure = case.find("failure")
        if failure is not None and "XPASS(strict)" in (failure.get("message") or ""):
            passed.add((case.get("classname", ""), case.get("name", "")))
    if not passed:
        print("no known gap passes now")
        return 0
    names = {f'"{case}"' for _, case in passed}
    lines = GAPS.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not any(line.startswith(name + " =") for name in names)]
    GAPS.write_text("".join(kept), encoding="utf-8")
    for _, case in sorted(passed):
        print(f"closed: {case}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
