#!/usr/bin/env bash
# The floor under the candidate's first load (issue 11): the smallest Leptos app built like Zige's
# (router, a resource read from a server function, a bound input; release WASM, erased views,
# wasm-opt, precompressed) — raw, gzip -9 and the brotli a server sends — and the same app in
# leptos islands mode (only the two interactive parts hydrate; the full hydration, for other
# paths, is the split_full_app chunk). Figures in docs/benchmarks.md.
# Usage: ./scripts/bench-leptos-floor.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
printf '%-20s %10s %10s %10s\n' file raw gzip brotli
for app in leptos-floor leptos-islands-floor; do
  cd "$ZIGE_ROOT/scripts/bench/$app"
  cargo leptos build --release --split --precompress --frontend-only >/dev/null 2>&1
  name="$(sed -n 's/^output-name = "\(.*\)"$/\1/p' Cargo.toml)"
  for file in target/site/pkg/"$name".wasm target/site/pkg/"$name".js target/site/pkg/split_*.wasm; do
    [ -f "$file" ] || continue
    printf '%-20s %10s %10s %10s\n' "$(basename "$file")" "$(stat -c %s "$file")" \
      "$(gzip -9 -c "$file" | wc -c)" "$(stat -c %s "$file.br")"
  done
done
