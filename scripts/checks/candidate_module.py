"""What the candidate's main WASM module must not hold (issue 31: the budget is a test).

The candidate's pages download the main module first (`docs/benchmarks.md`, "The first load"):
staff screens live in chunks of their own (`lazy_routes.rs`), and no JSON decoder is in it at all
(postcard everywhere; an older build's JSON records are read by the `legacy_records` chunk). A
`serde_json::from_*` anywhere the candidate's code reaches, or a staff page pulled in by an import,
would bring them back in silence. This reads the built modules' function names (the test
command's build keeps the name section) and fails when either is in the main module. Each thing
looked for must be found in some chunk, so a build without names, or a renamed page, fails the
check instead of passing it unseen.

Usage: python3 scripts/checks/candidate_module.py target/site/pkg [main-module-name]
"""

import pathlib
import re
import sys

# What must stay out of the main module, each as a pattern over the raw bytes (legacy mangled
# names read `10serde_json2de…`, demangled ones `serde_json::de::…`).
UNWANTED = {
    "serde_json's decoder": rb"serde_json(?:::|[0-9]{1,3})de(?:::|[0-9])",
    "the review desk (a staff screen)": rb"ReviewDeskPage",
    "the audit log page (a staff screen)": rb"AdminAuditPage",
    "the administrators' exam page (a staff screen)": rb"AdminExamPage",
}


def main() -> int:
    pkg = pathlib.Path(sys.argv[1])
    main_name = sys.argv[2] if len(sys.argv) > 2 else "zige.wasm"
    main_module = pkg / main_name
    if not main_module.is_file():
        print(f"candidate module check: {main_module} is missing", file=sys.stderr)
        return 1
    chunks = [p for p in pkg.rglob("*.wasm") if p != main_module]
    main_bytes = main_module.read_bytes()
    chunk_bytes = {p: p.read_bytes() for p in chunks}
    failed = False
    for what, pattern in UNWANTED.items():
        where = [p.name for p, data in chunk_bytes.items() if re.search(pattern, data)]
        if not where:
            print(f"candidate module check: {what} was found in no chunk either; the check cannot see it", file=sys.stderr)
            failed = True
        elif re.search(pattern, main_bytes):
            print(f"candidate module check: {what} is in the candidate's main module {main_name}", file=sys.stderr)
            failed = True
        else:
            print(f"candidate module check: {what}: not in {main_name} (in {', '.join(sorted(where)[:3])})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
