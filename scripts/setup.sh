#!/usr/bin/env bash
# Installs what building Zige needs and is missing; every step is skipped when already done.
# Sourced by scripts/run.sh and scripts/test.sh (it exports PATH for them).
#
# cargo-leptos downloads wasm-bindgen and wasm-opt from GitHub unless they are on PATH, and these
# machines reach only the package registries, so both are put on PATH first:
#   - wasm-bindgen-cli from crates.io, at exactly the version Cargo.lock pins;
#   - wasm-opt from npm's binaryen (Debian's wasm-opt 108 builds WASM that never hydrates).
set -euo pipefail
ZIGE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ZIGE_TOOLS="$ZIGE_ROOT/.tools"
# The tests' and benchmarks' Python (moto, aiosmtpd, the benchmarks' packages): one for the machine,
# not one per checkout, so CI's clean clone does not install it again (about a minute).
ZIGE_PYENV="${XDG_CACHE_HOME:-$HOME/.cache}/zige/pyenv"
export PATH="$HOME/.cargo/bin:$ZIGE_TOOLS/node_modules/.bin:$PATH"

# Each step says when it began, so a run's log shows where its minutes went; with ZIGE_STEP_LOG
# set (the test command sets it) each is also noted there for the summary at the end.
step() {
  printf '\n== %s  [%s]\n' "$*" "$(date +%T)"
  if [ -n "${ZIGE_STEP_LOG:-}" ]; then printf '%s\t%s\n' "$(date +%s)" "$*" >>"$ZIGE_STEP_LOG"; fi
}
# Where the minutes went: every step noted in ZIGE_STEP_LOG with how long it took (until the next
# step began, the last until now), and the whole run.
where_the_minutes_went() {
  [ -s "${ZIGE_STEP_LOG:-}" ] || return 0
  printf '\n== where the minutes went\n'
  awk -F '\t' -v now="$(date +%s)" '
    { start[NR] = $1; name[NR] = $2 }
    END {
      for (i = 1; i <= NR; i++) {
        end = (i < NR) ? start[i + 1] : now
        printf "%3d min %02d s  %s\n", (end - start[i]) / 60, (end - start[i]) % 60, substr(name[i], 1, 90)
      }
      printf "%3d min %02d s  in all\n", (now - start[1]) / 60, (now - start[1]) % 60
    }' "$ZIGE_STEP_LOG"
}
# The test command's target folder, shared by every checkout of the machine (scripts/test.sh says
# why); ZIGE_TARGET_DIR moves it.
shared_target_folder() { echo "${ZIGE_TARGET_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/zige/target}"; }
# The site's name in Cargo.toml's leptos metadata: cargo-leptos names the site's files with it and
# passes it to every build as LEPTOS_OUTPUT_NAME, which leptos reads at compile time; a build given
# another name (or none) compiles leptos, the app and the server again.
site_name() { awk '/^\[\[workspace.metadata.leptos\]\]/ { found = 1 } found && /^name = / { gsub(/"/, "", $3); print $3; exit }' "$ZIGE_ROOT/Cargo.toml"; }
# A loopback port nothing listens on now, for the throwaway servers the tests start.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
# Debian packages; a fresh machine may have no package lists yet.
apt_install() { as_root apt-get install -y "$@" || { as_root apt-get update && as_root apt-get install -y "$@"; }; }

# The benchmarks' Python: the machine's venv (ZIGE_PYENV), with the PyPI packages a benchmark names installed once
# (`python="$(bench_python 'import PIL, numpy' pillow numpy)"`). Prints the interpreter's path.
bench_python() {
  local imports="$1"
  shift
  local python="$ZIGE_PYENV/bin/python"
  if ! "$python" -c "$imports" >/dev/null 2>&1; then
    step "installing $* (PyPI)" >&2
    [ -x "$python" ] || python3 -m venv "$ZIGE_PYENV" >&2
    "$ZIGE_PYENV/bin/pip" install --quiet "$@" >&2
  fi
  echo "$python"
}

# Crates that build C (the SQLite driver, ring, aws-lc, zstd) need a C compiler, and some find
# their libraries through pkg-config; rustup's minimal profile and a bare Debian have neither.
if ! command -v cc >/dev/null 2>&1 || ! command -v pkg-config >/dev/null 2>&1; then
  step "installing Debian's build-essential and pkg-config (for crates that build C)"
  apt_install build-essential pkg-config
fi

# rustup's minimal profile has no clippy and no rustfmt; the test command runs both.
for component in clippy rustfmt; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    step "adding the rustup component $component"
    rustup component add "$component"
  fi
done

# The documents (PDF) are set in Noto Sans CJK, embedded as a subset.
if [ ! -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ]; then
  step "installing Debian's fonts-noto-cjk (the documents' Chinese font)"
  apt_install fonts-noto-cjk
fi

# The reviewer's assistant reads the number off an uploaded ID card with tesseract (eng data), and
# the last day a 学信网 record verifies off its page in simplified Chinese (chi_sim, 1.6 MB).
if ! command -v tesseract >/dev/null 2>&1 || ! tesseract --list-langs 2>/dev/null | grep -qx chi_sim; then
  step "installing Debian's tesseract-ocr with its simplified Chinese (reads ID numbers and records for the reviewer)"
  apt_install tesseract-ocr tesseract-ocr-chi-sim
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The tools from crates.io are built without the link-time optimisation their own release
# profiles ask for (fat LTO in one codegen unit: cargo-leptos, cargo-deny, sccache): they start
# builds and move files, and on two cores that optimisation was most of their build.
cargo_install_tool() {
  CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 cargo install "$@"
}

if [ "$(cargo leptos --version 2>/dev/null || true)" != "cargo-leptos 0.3.10" ]; then
  step "installing cargo-leptos 0.3.10 (about 4 minutes, once)"
  # Unoptimised (issue 69: the install was most of a newcomer's wait; 10 min at opt-level 1, 4 at
  # 0): it hands the work to cargo, wasm-bindgen and wasm-opt, and what it does itself to a
  # stylesheet or the few kilobytes of JS takes milliseconds. What handles the site's megabytes
  # keeps full optimisation: the WASM's split (wasm-split with its WASM parser and writer) and the
  # precompression (brotli, gzip). OpenSSL, which only its project generator uses, is Debian's
  # rather than built from source (two minutes of C alone at the head of the install).
  if ! pkg-config --exists openssl; then apt_install libssl-dev; fi
  hot=()
  for crate in brotli brotli-decompressor libflate libflate_lz77 adler32 wasm_split_cli_support wasmparser wasm-encoder gimli; do
    hot+=(--config "profile.release.package.$crate.opt-level=3")
  done
  OPENSSL_NO_VENDOR=1 CARGO_PROFILE_RELEASE_OPT_LEVEL=0 cargo_install_tool cargo-leptos --version 0.3.10 --locked "${hot[@]}"
fi

wasm_bindgen_version="$(grep -A1 '^name = "wasm-bindgen"$' "$ZIGE_ROOT/Cargo.lock" | sed -n 's/^version = "\(.*\)"$/\1/p')"
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $wasm_bindgen_version" ]; then
  step "installing wasm-bindgen-cli $wasm_bindgen_version"
  # With the lock file it was released with, where the registry still has every crate it names;
  # the registry seen here lacked one (webpki-roots 1.0.11, in 0.2.130's), and `--locked` then
  # refuses outright: the same version is built against the newest compatible crates instead.
  # Unoptimised but for what reads, rewrites and writes the WASM (2 min 18 s at opt-level 3, 1 min
  # at 0 with these at 3).
  hot=()
  for crate in walrus wasmparser wasm-encoder wasm-bindgen-cli-support leb128 leb128fmt id-arena; do
    hot+=(--config "profile.release.package.$crate.opt-level=3")
  done
  if ! CARGO_PROFILE_RELEASE_OPT_LEVEL=0 cargo_install_tool wasm-bindgen-cli --version "$wasm_bindgen_version" --locked "${hot[@]}"; then
    echo "wasm-bindgen-cli $wasm_bindgen_version: its locked dependencies are not all in the registry; resolving them afresh"
    CARGO_PROFILE_RELEASE_OPT_LEVEL=0 cargo_install_tool wasm-bindgen-cli --version "$wasm_bindgen_version" "${hot[@]}"
  fi
fi

if ! "$ZIGE_TOOLS/node_modules/.bin/wasm-opt" --version >/dev/null 2>&1; then
  step "installing wasm-opt (npm binaryen 132)"
  mkdir -p "$ZIGE_TOOLS"
  npm install --prefix "$ZIGE_TOOLS" --no-audit --no-fund binaryen@132
fi
