#!/usr/bin/env bash
# What a phone downloads on its first visit to the candidate's pages (issue 11's budget: 350 KB
# compressed, HTML + JS + WASM + CSS), measured in headless Chromium against a release build
# (split WASM, precompressed static files) serving the demo data from a throwaway folder.
# Usage: ./scripts/bench-first-load.sh   (builds with `cargo leptos build --release` first)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ZIGE_ROOT"
cargo leptos build --release --split --precompress >/dev/null
# wasm-split keeps every static text in the main module when its per-module layout does not fit
# (frontend/src/lib.rs, SPLIT_DATA_ROOM); a staff screen's heading in it means that happened.
if grep -q '审计日志' target/site/pkg/zige.wasm; then
  echo "warning: the main module holds the staff screens' texts: wasm-split kept all data in it" >&2
fi
data="$(mktemp -d)"
ZIGE_DATA_DIR="$data" ZIGE_SEED_DEMO=true LEPTOS_OUTPUT_NAME=zige LEPTOS_SITE_ROOT=target/site \
  LEPTOS_SITE_PKG_DIR=pkg LEPTOS_SITE_ADDR=127.0.0.1:3017 target/release/server >"$data/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$data"' EXIT
until curl -sf http://127.0.0.1:3017/health >/dev/null; do sleep 0.5; done
cd end2end
ZIGE_BASE_URL=http://127.0.0.1:3017 node bench/first-load.mjs
