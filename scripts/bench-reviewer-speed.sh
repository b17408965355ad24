#!/usr/bin/env bash
# The reviewer's speed at the review screen (issue 34): exam 004 with ZIGE_BENCH_APPLICATIONS (50) submitted
# applications, every fifth carrying a finding of the reviewer's assistant, handed in through the
# server's own HTTP interface (scripts/bench/reviewer-speed/seed_applications.py); then headless
# Chromium works through the queue with the keyboard alone (scripts/bench/reviewer-speed/
# review_speed.cjs): the time from a decision's confirming key to the next application's first
# picture painted (median, p90, max, and where it goes), and the keys a clean approval takes.
# Goals: a median of at most 150 ms, at most 3 keys. Figures in docs/benchmarks.md.
#
# The server and the site are the release build `./scripts/run.sh` serves and an authority
# deploys (`cargo leptos build --release --split --precompress`; until 2026-12-01 the server was
# the browser tests' debug build). With ZIGE_BENCH_PREBUILT=DIR nothing is built: DIR/server and
# DIR/site are used as they are.
# Usage: ./scripts/bench-reviewer-speed.sh   (ZIGE_BENCH_APPLICATIONS, ZIGE_BENCH_DWELL_MS: how long
#        the robot looks at a screen before deciding, 1000; ZIGE_BENCH_KEEP=1 keeps the work folder)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ZIGE_ROOT"
count="${ZIGE_BENCH_APPLICATIONS:-50}"

if [ -n "${ZIGE_BENCH_PREBUILT:-}" ]; then
  server_bin="$ZIGE_BENCH_PREBUILT/server"
  site="$ZIGE_BENCH_PREBUILT/site"
  if [ ! -x "$server_bin" ] || [ ! -f "$site/pkg/zige.js" ]; then
    echo "ZIGE_BENCH_PREBUILT=$ZIGE_BENCH_PREBUILT holds no server binary and site/pkg/zige.js" >&2
    exit 1
  fi
else
  step "building the release server and site (as ./scripts/run.sh serves them)"
  cargo leptos build --release --split --precompress
  server_bin=target/release/server
  site=target/site
fi

if ! command -v chromium >/dev/null 2>&1; then
  step "installing Debian's chromium"
  apt_install chromium
fi
if [ ! -d end2end/node_modules/@playwright/test ]; then
  step "installing the end-to-end test packages (npm)"
  (cd end2end && npm ci --no-audit --no-fund)
fi
python="$(bench_python 'import qrcode, PIL, numpy, requests, skimage' qrcode pillow numpy requests scikit-image)"

work="$(mktemp -d /tmp/zige-reviewer-speed.XXXXXX)"
port="$(free_port)"
base="http://127.0.0.1:$port"
# 50 sign-ups and 350 uploads come from one address here: the per-address limits are off.
ZIGE_DATA_DIR="$work/data" ZIGE_LISTEN="127.0.0.1:$port" ZIGE_SEED_DEMO=true ZIGE_RATE_LIMITS=false RUST_LOG=warn \
  LEPTOS_OUTPUT_NAME="$(site_name)" LEPTOS_SITE_ROOT="$site" LEPTOS_SITE_PKG_DIR=pkg \
  "$server_bin" >"$work/server.log" 2>&1 &
server_pid=$!
stop_all() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  if [ -n "${ZIGE_BENCH_KEEP:-}" ]; then echo "kept: $work"; else rm -rf "$work"; fi
}
trap stop_all EXIT
for _ in $(seq 1 600); do curl -sf "$base/health" >/dev/null && break; sleep 0.2; done

step "handing in $count applications to exam 004 (the assistant looks at every picture)"
"$python" scripts/bench/reviewer-speed/seed_applications.py "$base" "$count" >"$work/seed.json"
"$python" - "$work/seed.json" <<'PY'
import json, sys
seed = json.load(open(sys.argv[1]))
print(f"{len(seed['applications'])} waiting in {seed['seconds']} s: {seed['clean']} with nothing found; "
      f"findings by kind (applications): {seed['with_findings']}")
PY

step "deciding them at the review screen, keyboard only (headless Chromium)"
ZIGE_BENCH_URL="$base" ZIGE_BENCH_SEED="$work/seed.json" ZIGE_BENCH_OUT="$work/screen.json" \
  NODE_PATH="$ZIGE_ROOT/end2end/node_modules" node scripts/bench/reviewer-speed/review_speed.cjs
