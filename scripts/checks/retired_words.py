#!/usr/bin/env python3
"""A word retired in docs/architecture.md's glossary is found nowhere else.

One word per idea: "desk" once named the branch's on-site check, the reviewer's screen and the
administrators' panels, and every reader had to guess which. The glossary says which word names
what now and which words are retired; this check lists every tracked file that uses a retired word
again. Migrations and the benchmark log keep the words of their day, and the glossary names them.
"""
import pathlib
import re
import subprocess
import sys

root = pathlib.Path(__file__).resolve().parents[2]
# Each retired word as a pattern; "desk" but not "desktop", the whole word "door(s)".
RETIRED = {
    "desk": re.compile(r"desk(?!top)", re.IGNORECASE),
    "door": re.compile(r"\b[Dd]oors?\b|[a-z]Door\b|_door\b"),
    "told apart": re.compile(r"told[ _]apart", re.IGNORECASE),
    "laid right": re.compile(r"laid[ _]right", re.IGNORECASE),
}
# History: what ran or changed on a day, in that day's words.
HISTORY = re.compile(r"^(server/migration/src/m\d{8}_\d{6}_|docs/benchmarks\.md$)")
THIS_FILE = "scripts/checks/retired_words.py"
BINARY = re.compile(r"\.(png|jpe?g|pdf|xlsx|ico|woff2?|ttf|otf|wasm|br|gz)$")

glossary_doc = root / "docs" / "architecture.md"
text = glossary_doc.read_text(encoding="utf-8")
start = text.index("## Glossary: one word per idea")
glossary = text[start:text.index("\n## ", start + 1)]
for word in RETIRED:
    if word not in glossary:
        sys.exit(f"retired words: '{word}' is checked here but the glossary does not retire it")

files = subprocess.run(["git", "ls-files"], cwd=root, capture_output=True, text=True, check=True).stdout.split()
found = []
for name in files:
    if HISTORY.match(name) or BINARY.search(name) or name == THIS_FILE:
        continue
    path = root / name
    if not path.is_file():
        continue
    try:
        body = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        continue
    if name == "docs/architecture.md":
        body = body.replace(glossary, "")
    for number, line in enumerate(body.splitlines(), 1):
        for word, pattern in RETIRED.items():
            if pattern.search(line):
                found.append(f"{name}:{number}: '{word}' is retired (docs/architecture.md's glossary): {line.strip()[:100]}")
for line in found:
    print(line)
print(f"retired words: {len(RETIRED)} words, {len(found)} uses outside the glossary and history")
sys.exit(1 if found else 0)
