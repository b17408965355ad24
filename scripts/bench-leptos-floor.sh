#!/usr/bin/env bash
# The floor under the candidate's first load (issue 11): the smallest Leptos app built like Zige's
# (router, a resource read from a server function, a bound input; release WASM, erased views,
# wasm-opt, precompressed) — raw, gzip -9 and the brotli a server sends. Figures in
# docs/benchmarks.md. Usage: ./scripts/bench-leptos-floor.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ZIGE_ROOT/scripts/bench/leptos-floor"
cargo leptos build --release --precompress --frontend-only >/dev/null
pkg=target/site/pkg
printf '%-12s %10s %10s %10s\n' file raw gzip brotli
for file in "$pkg"/floor.wasm "$pkg"/floor.js; do
  printf '%-12s %10s %10s %10s\n' "$(basename "$file")" "$(stat -c %s "$file")" \
    "$(gzip -9 -c "$file" | wc -c)" "$(stat -c %s "$file.br")"
done
