"""What the candidate's main WASM module must not hold (issue 31: the budget is a test).

The candidate's pages download the main module first (`docs/benchmarks.md`, "The first load"):
staff screens live in chunks of their own (`lazy_routes.rs`), and no JSON decoder is in it at all
(postcard everywhere; an older build's JSON records are read by the `legacy_records` chunk), nor
the device's store (IndexedDB, in the `device_store` chunk). A
`serde_json::from_*` anywhere the candidate's code reaches, or a staff page pulled in by an import,
would bring them back in silence.

The shipped modules carry no function names (wasm-opt drops them), so this reads the release
build's two named intermediates, which cargo-leptos keeps beside the build:
  - `frontend.wasm`, the whole program as rustc linked it, and
  - `frontend_split.wasm`, the main module wasm-split cut from it (what wasm-bindgen and
    wasm-opt then turn into `pkg/zige.wasm`, removing code but never adding any).
It fails when an unwanted thing is in the main module, and when the whole program does not hold
it either (a build without names, or a renamed page, would otherwise pass unseen).

Usage: python3 scripts/checks/candidate_module.py target/front/wasm32-unknown-unknown/wasm-release
"""

import pathlib
import re
import sys

# What must stay out of the main module, each as a pattern over the raw bytes (legacy mangled
# names read `10serde_json2de…`, demangled ones `serde_json::de::…`).
UNWANTED = {
    "serde_json's decoder": rb"serde_json(?:::|[0-9]{1,3})de(?:::|[0-9])",
    "the review screen (a staff screen)": rb"ReviewScreenPage",
    "the audit log page (a staff screen)": rb"AdminAuditPage",
    "the administrators' exam page (a staff screen)": rb"AdminExamPage",
    "the branch's on-site check (a staff screen)": rb"OnSitePage",
    # The device store's chunk (`client/device_chunk.rs`): a page with nothing to keep or read
    # on the device downloads no IndexedDB code.
    "IndexedDB's crate (idb)": rb"_ZN3idb[0-9]|idb::",
}
# The pages whose island is a chunk of its own (`app/src/island_in_chunk.rs`): their content,
# `pages::<page>::content`, is fetched by that page alone, not by every exam page.
for page in ("sign_up_page", "log_in_page", "account_page", "notifications_page", "photo_tool_page", "home_page"):
    UNWANTED[f"the content of {page} (an island in a chunk of its own)"] = rb"%s(?:::|7)content" % page.encode()
# What the main module must hold, so a check that reads no names cannot pass.
EXPECTED_IN_MAIN = {"the candidate's exam page": rb"ExamPage"}


def main() -> int:
    build = pathlib.Path(sys.argv[1])
    whole_path, main_path = build / "frontend.wasm", build / "frontend_split.wasm"
    for path in (whole_path, main_path):
        if not path.is_file():
            print(f"candidate module check: {path} is missing (build with `cargo leptos build --release --split`)", file=sys.stderr)
            return 1
    whole, main_module = whole_path.read_bytes(), main_path.read_bytes()
    failed = False
    for what, pattern in EXPECTED_IN_MAIN.items():
        if not re.search(pattern, main_module):
            print(f"candidate module check: {what} is not named in {main_path.name}; the check cannot see names", file=sys.stderr)
            failed = True
    for what, pattern in UNWANTED.items():
        if not re.search(pattern, whole):
            print(f"candidate module check: {what} is not in the whole program either; the check cannot see it", file=sys.stderr)
            failed = True
        elif re.search(pattern, main_module):
            print(f"candidate module check: {what} is in the candidate's main module", file=sys.stderr)
            failed = True
        else:
            print(f"candidate module check: {what}: in the program, not in the candidate's main module")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
