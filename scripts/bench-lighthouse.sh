#!/usr/bin/env bash
# Lighthouse's mobile profile (simulated slow 4G, 4× slower CPU, 412 px screen) on the exam page
# of the demo candidate, signed in, against a release build serving the demo data from a
# throwaway folder. Prints performance, accessibility and the timings behind them, three runs.
# Usage: ./scripts/bench-lighthouse.sh   (builds with `cargo leptos build --release` first;
# installs Lighthouse 12 from npm into .tools once)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ZIGE_ROOT"
if [ ! -x "$ZIGE_TOOLS/node_modules/.bin/lighthouse" ]; then
  npm install --prefix "$ZIGE_TOOLS" --no-audit --no-fund lighthouse@12 >/dev/null
fi
cargo leptos build --release --split --precompress >/dev/null
data="$(mktemp -d)"
base=http://127.0.0.1:3018
ZIGE_DATA_DIR="$data" ZIGE_SEED_DEMO=true LEPTOS_OUTPUT_NAME="$(site_name)" LEPTOS_SITE_ROOT=target/site \
  LEPTOS_SITE_PKG_DIR=pkg LEPTOS_SITE_ADDR=127.0.0.1:3018 target/release/server >"$data/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$data"' EXIT
until curl -sf "$base/health" >/dev/null; do sleep 0.5; done
# The demo candidate 李明 (README) signs in; Lighthouse sends the session cookie with every request.
cookie="$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"id_number":"44030519900101123X","password":"zige-demo-2026"}' "$base/api/log_in" |
  sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p' | head -1)"
printf '{"Cookie": "%s"}' "$cookie" >"$data/headers.json"
for run in 1 2 3; do
  CHROME_PATH=/usr/bin/chromium "$ZIGE_TOOLS/node_modules/.bin/lighthouse" "$base/exams/004" --quiet \
    --only-categories=performance,accessibility --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
    --extra-headers="$data/headers.json" --output=json --output-path="$data/run$run.json"
  python3 - "$data/run$run.json" "$run" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
score = {name: round(category['score'] * 100) for name, category in report['categories'].items()}
audit = lambda name: report['audits'][name]['displayValue'].replace('\xa0', ' ')
print(f"run {sys.argv[2]}: performance {score['performance']}, accessibility {score['accessibility']}, "
      f"TTI {audit('interactive')}, FCP {audit('first-contentful-paint')}, LCP {audit('largest-contentful-paint')}, "
      f"TBT {audit('total-blocking-time')}, CLS {audit('cumulative-layout-shift')}, bytes {audit('total-byte-weight')}")
PY
done
