#!/usr/bin/env bash
# Size of what the first page load fetches (release build, after wasm-opt): raw and gzip -9.
# Usage: ./scripts/bench-size.sh   (builds with `cargo leptos build --release` first)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ZIGE_ROOT"
cargo leptos build --release --split --precompress >/dev/null
printf '%-12s %10s %10s\n' file raw gzip
for file in target/site/pkg/zige.wasm target/site/pkg/zige.js target/site/pkg/zige.css; do
  printf '%-12s %10s %10s\n' "$(basename "$file")" "$(stat -c %s "$file")" "$(gzip -9 -c "$file" | wc -c)"
done
