#!/usr/bin/env python3
"""Every path named in docs/architecture.md's "Where each feature lives" exists.

The table is where a newcomer starts; a file moved or renamed without it would send them to
nothing. Paths are the table's `back-quoted` cells; a bare crate name (no slash) is a workspace
member's folder.
"""
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parents[2]
text = (root / "docs" / "architecture.md").read_text(encoding="utf-8")
start = text.index("## Where each feature lives")
section = text[start:text.index("\n## ", start + 1)]
rows = [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| feature")]
named = sorted({path for row in rows for path in re.findall(r"`([^`]+)`", row)})
missing = [path for path in named if not (root / path).exists()]
if not rows or not named:
    sys.exit("feature index: the table in docs/architecture.md is empty or gone")
for path in missing:
    print(f"feature index: {path} is named in docs/architecture.md but does not exist")
print(f"feature index: {len(named) - len(missing)} of {len(named)} paths exist")
sys.exit(1 if missing else 0)
