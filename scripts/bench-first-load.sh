#!/usr/bin/env bash
# What a phone downloads on its first visit to the candidate's pages (issue 11's budget: 350 KB
# compressed, HTML + JS + WASM + CSS), measured in headless Chromium against a release build
# (split WASM, precompressed static files) serving the demo data from a throwaway folder. The
# measure is the browser test end2end/tests/first-load.spec.ts, which the test command also runs
# (against the debug server); this runs it alone against the release server.
# Usage: ./scripts/bench-first-load.sh   (builds with `cargo leptos build --release` first)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ZIGE_ROOT"
cargo leptos build --release --split --precompress >/dev/null
python3 scripts/checks/candidate_module.py target/front/wasm32-unknown-unknown/wasm-release
data="$(mktemp -d)"
ZIGE_DATA_DIR="$data" ZIGE_SEED_DEMO=true LEPTOS_OUTPUT_NAME="$(site_name)" LEPTOS_SITE_ROOT=target/site \
  LEPTOS_SITE_PKG_DIR=pkg LEPTOS_SITE_ADDR=127.0.0.1:3017 target/release/server >"$data/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$data"' EXIT
cd end2end
ZIGE_BASE_URL=http://127.0.0.1:3017 ZIGE_SITE_BUILD=release npx playwright test tests/first-load.spec.ts --reporter=list
