#!/usr/bin/env bash
# The photo tool's speed and safety in headless Chromium (issue 12): Zige's 自动调整 against
# browser-image-compression 2.0.2 (npm) on a 12 MP phone photo, then 100 varied photos that must
# all land inside 100–300 KB with a short side of at least 1240 px. Figures in docs/benchmarks.md.
# Usage: ./scripts/bench-photo-fit.sh   (ZIGE_BENCH_RUNS, ZIGE_BENCH_VARIED change the counts)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ZIGE_ROOT"

step "building the release site"
cargo leptos build --release --split --precompress --lib-features browser-benchmarks >/dev/null
if [ ! -f "$ZIGE_TOOLS/bench-npm/node_modules/browser-image-compression/package.json" ]; then
  step "installing browser-image-compression 2.0.2 (npm)"
  npm install --silent --prefix "$ZIGE_TOOLS/bench-npm" browser-image-compression@2.0.2 >/dev/null
fi
work="$(mktemp -d /tmp/zige-photo-fit.XXXXXX)"
port="$(free_port)"
ZIGE_DATA_DIR="$work" ZIGE_LISTEN="127.0.0.1:$port" ZIGE_SEED_DEMO=true RUST_LOG=warn \
  target/release/server >"$work/server.log" 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true; wait $server_pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

step "fitting in headless Chromium"
ZIGE_BENCH_URL="http://127.0.0.1:$port" NODE_PATH="end2end/node_modules:$ZIGE_TOOLS/bench-npm/node_modules" \
  node scripts/bench/photo_fit.cjs
