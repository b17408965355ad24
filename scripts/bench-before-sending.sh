#!/usr/bin/env bash
# What the candidate's browser does before sending (issue 68), timed in headless Chromium on the
# release build: the face search in a 12 MP ID photo (goal ≤ 300 ms after decoding), and a PDF
# drawn into the pictures exam 004 asks for — 学信网's 备案表 (vector, laid out by Typst as
# 学信网's is) and a 10-page scan (goal ≤ 1 s a page). Figures in docs/benchmarks.md ("Before
# sending"); the chunks' sizes come from the site as candidates get it (./scripts/bench-size.sh),
# not from this build, whose entry points change the split.
# Usage: ./scripts/bench-before-sending.sh   (ZIGE_BENCH_RUNS, ZIGE_BENCH_PDF_RUNS change the counts)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ZIGE_ROOT"

# The site is the release site with the benchmarks' entry points; the server (which only serves it
# here) the debug server the browser tests run, built with the test command's flags.
step "building the release site with the benchmarks' entry points, and the debug server"
cargo leptos build --release --split --precompress --frontend-only --lib-features browser-benchmarks >/dev/null
cargo leptos build --split --server-only >/dev/null
work="$(mktemp -d /tmp/zige-before-sending.XXXXXX)"
trap 'rm -rf "$work"' EXIT
step "making the PDFs: a 备案表 (Typst) and a 10-page scan (img2pdf)"
RUSTFLAGS="--cfg erase_components" LEPTOS_OUTPUT_NAME="$(site_name)" \
  cargo run --quiet -p server --example xuexin_record_pdf -- "$work/record.pdf"
python="$(bench_python 'import PIL, numpy, img2pdf' pillow numpy img2pdf)"
(cd scripts/bench && "$python" scan_pdf.py "$work/scan.pdf" 10)

port="$(free_port)"
ZIGE_DATA_DIR="$work/data" ZIGE_LISTEN="127.0.0.1:$port" ZIGE_SEED_DEMO=true RUST_LOG=warn \
  LEPTOS_OUTPUT_NAME="$(site_name)" LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
  target/debug/server >"$work/server.log" 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true; wait $server_pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done

step "timing in headless Chromium"
ZIGE_BENCH_URL="http://127.0.0.1:$port" ZIGE_BENCH_RECORD_PDF="$work/record.pdf" ZIGE_BENCH_SCAN_PDF="$work/scan.pdf" \
  NODE_PATH="end2end/node_modules" node scripts/bench/before_sending.cjs
