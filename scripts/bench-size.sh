#!/usr/bin/env bash
# Size of the files every page loads (release build, split, after wasm-opt): raw, gzip -9, and
# the brotli file the server sends (precompressed at build time); then the lazy chunks only
# staff pages (and /verify, /forgot) fetch, in total.
# Usage: ./scripts/bench-size.sh   (builds with `cargo leptos build --release` first)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ZIGE_ROOT"
cargo leptos build --release --split --precompress >/dev/null
pkg=target/site/pkg
printf '%-34s %10s %10s %10s\n' file raw gzip brotli
for file in "$pkg"/zige.wasm "$pkg"/zige.js "$pkg"/zige.css; do
  printf '%-34s %10s %10s %10s\n' "$(basename "$file")" "$(stat -c %s "$file")" \
    "$(gzip -9 -c "$file" | wc -c)" "$(stat -c %s "$file.br")"
done
chunks=$(find "$pkg" -name '*.wasm' ! -name zige.wasm)
printf '%-34s %10s %10s %10s\n' "lazy chunks ($(echo "$chunks" | wc -l) files)" \
  "$(cat $chunks | wc -c)" "$(for c in $chunks; do gzip -9 -c "$c"; done | wc -c)" \
  "$(for c in $chunks; do cat "$c.br"; done | wc -c)"
