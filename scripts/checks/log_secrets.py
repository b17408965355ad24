"""No log line of the browser tests' server holds a password or a full ID number (issue 32).

The browser tests sign up, log in, change and reset passwords and type ID numbers for a few
minutes against one server; its whole log is what an operator's log collector would keep. This
reads that log (the output of `cargo leptos end-to-end`, where the server writes its lines) and
fails on any log line holding:
  - a password the tests type (read from the specs: `password: '…'`, and what they fill into a
    field labelled 密码), or
  - a full resident ID number (18 characters whose check digit is right and whose birth date is
    a date), of anyone: the demo accounts' or the ones the tests make up.
Only the server's log lines count (they start with a timestamp and a level); the banner with the
demo accounts that `ZIGE_SEED_DEMO` prints on the console, as the README publishes them, is not a
log line. Recovery codes are checked by the server tests, which know each code they asked for.

Usage: python3 scripts/checks/log_secrets.py LOG end2end/tests
"""

import datetime
import pathlib
import re
import sys

ANSI = re.compile(r"\x1b\[[0-9;]*m")
LOG_LINE = re.compile(r"^\s*\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z\s+(?:TRACE|DEBUG|INFO|WARN|ERROR)\b")
PASSWORD_IN_SPEC = re.compile(r"(?:password: '([^']+)'|密码.{0,12}?\.fill\('([^']+)'\))")
ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
# Shorter ones ("short", typed to see it refused) could match ordinary words.
SHORTEST_PASSWORD = 8


def is_resident_id(text: str) -> bool:
    digits = text.upper()
    if CHECK[sum(int(d) * w for d, w in zip(digits[:17], WEIGHTS)) % 11] != digits[17]:
        return False
    try:
        born = datetime.date(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]))
    except ValueError:
        return False
    return 1900 <= born.year <= 2100


def passwords(specs: pathlib.Path) -> set[str]:
    found = set()
    for spec in specs.glob("*.ts"):
        for match in PASSWORD_IN_SPEC.finditer(spec.read_text(encoding="utf-8")):
            password = match.group(1) or match.group(2)
            if len(password) >= SHORTEST_PASSWORD:
                found.add(password)
    return found


def main() -> int:
    log_path, specs = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    typed = passwords(specs)
    if not typed:
        print("log check: found no password in the specs; the check cannot see them", file=sys.stderr)
        return 1
    lines = [ANSI.sub("", line) for line in log_path.read_text(encoding="utf-8", errors="replace").splitlines()]
    log_lines = [line for line in lines if LOG_LINE.match(line)]
    if len(log_lines) < 100:
        print(f"log check: only {len(log_lines)} server log lines in {log_path}; the check cannot see the run", file=sys.stderr)
        return 1
    problems = []
    for number, line in enumerate(log_lines, 1):
        for password in typed:
            if password in line:
                problems.append(f"a password the tests type ({password[:3]}…) in: {line[:200]}")
        for candidate in ID_NUMBER.findall(line):
            if is_resident_id(candidate):
                problems.append(f"a full ID number ({candidate[:3]}…{candidate[-2:]}) in: {line[:200]}")
    for problem in problems[:20]:
        print(f"log check: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"log check: {len(log_lines)} server log lines of the browser tests, no password ({len(typed)} known) and no full ID number")
    return 0


if __name__ == "__main__":
    sys.exit(main())
