#!/usr/bin/env bash
# A newcomer's first run (issue 69): a clean clone of REV (default HEAD) started with
# `./scripts/run.sh` on what is, as far as the first run can tell, a fresh machine: an empty cargo
# home (no registry, no installed cargo-leptos or wasm-bindgen) holding only rustup's proxies, no
# sccache, no target/ and no .tools/. Debian's packages and rustup's toolchain stay (a fresh machine
# has them or installs them in a minute). Prints when the first page was served and run.sh's steps
# with their start times; the release server's build log is .tools/server-release.log in the clone.
# Run it with nothing else busy: it takes about an hour on two cores. Figures in docs/benchmarks.md
# ("Build times").
# Usage: ./scripts/bench-first-run.sh [REV]   (ZIGE_FIRST_RUN_DIR: where, default /tmp/zige-first-run)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rev="${1:-HEAD}"
work="${ZIGE_FIRST_RUN_DIR:-/tmp/zige-first-run}"
rustup_bin="$(command -v rustup)"
rustup_home="${RUSTUP_HOME:-$HOME/.rustup}"
rm -rf "$work" && mkdir -p "$work/home/.cargo/bin"
cp -a "$rustup_bin" "$work/home/.cargo/bin/"
for proxy in cargo rustc rustdoc rustfmt cargo-fmt cargo-clippy clippy-driver; do ln -s rustup "$work/home/.cargo/bin/$proxy"; done
git clone -q "$repo" "$work/zige"
cd "$work/zige" && git checkout -q "$rev"
export HOME="$work/home" CARGO_HOME="$work/home/.cargo" RUSTUP_HOME="$rustup_home"
export PATH="$work/home/.cargo/bin:/usr/local/bin:/usr/bin:/bin"
unset RUSTC_WRAPPER SCCACHE_DIR CARGO_TARGET_DIR
if curl -sf http://127.0.0.1:3000/ -o /dev/null; then
  echo "something already answers on 127.0.0.1:3000: stop it first" >&2
  exit 1
fi
start=$(date +%s)
echo "start $(date +%T) at $(git rev-parse --short HEAD)"
setsid ./scripts/run.sh >"$work/run.log" 2>&1 &
run=$!
trap 'kill -- -$run 2>/dev/null || true' EXIT
until curl -sf http://127.0.0.1:3000/ -o /dev/null; do
  if ! kill -0 "$run" 2>/dev/null; then
    echo "run.sh ended without serving" >&2
    tail -30 "$work/run.log" >&2
    exit 1
  fi
  sleep 5
done
end=$(date +%s)
echo "first page served $(date +%T): $(((end - start) / 60)) min $(((end - start) % 60)) s"
grep "^== " "$work/run.log" || true
