#!/usr/bin/env bash
# Installs what is missing and runs every test: unit and property tests, server integration
# tests over real HTTP, then Playwright in headless Chromium against a freshly built server.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
# A clean build gains nothing from incremental artefacts, which take gigabytes of disk.
export CARGO_INCREMENTAL=0
cd "$ZIGE_ROOT"
# Every step is noted, and the run ends (passed or failed) with where its minutes went.
mkdir -p "$ZIGE_TOOLS"
export ZIGE_STEP_LOG="$ZIGE_TOOLS/test-steps.tsv"
: >"$ZIGE_STEP_LOG"
step "the test command begins"

if ! command -v chromium >/dev/null 2>&1; then
  step "installing Debian's chromium"
  apt_install chromium
fi

# The document tests read PDFs as a person would: pdftotext, pdffonts, pdfinfo, pdfimages, and
# pdftoppm to draw a page whose QR code zbarimg then scans.
if ! command -v pdftotext >/dev/null 2>&1 || ! command -v pdffonts >/dev/null 2>&1; then
  step "installing Debian's poppler-utils (pdftotext, pdffonts) for the document tests"
  apt_install poppler-utils
fi
if ! command -v zbarimg >/dev/null 2>&1; then
  step "installing Debian's zbar-tools (zbarimg) to scan the admission ticket's QR code"
  apt_install zbar-tools
fi

if [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  step "installing the end-to-end test packages (npm)"
  (cd end2end && npm ci --no-audit --no-fund)
fi

# The email tests send through a real SMTP server on loopback (Python's aiosmtpd), and the
# PostgreSQL pass keeps its blobs in a real S3-compatible server (moto's): both from PyPI.
# Both at the versions scripts/test-requirements.txt pins, with everything they pull in.
requirements="$ZIGE_ROOT/scripts/test-requirements.txt"
if ! cmp -s "$requirements" "$ZIGE_PYENV/requirements.txt" \
  || ! "$ZIGE_PYENV/bin/python" -c 'import aiosmtpd, moto.server' >/dev/null 2>&1; then
  step "installing aiosmtpd and moto[server] (PyPI, pinned) for the email and object storage tests"
  if [ ! -x "$ZIGE_PYENV/bin/pip" ] && ! python3 -m venv "$ZIGE_PYENV" >/dev/null 2>&1; then
    apt_install python3-venv
    rm -rf "$ZIGE_PYENV"
    python3 -m venv "$ZIGE_PYENV"
  fi
  "$ZIGE_PYENV/bin/pip" install --quiet -r "$requirements"
  cp "$requirements" "$ZIGE_PYENV/requirements.txt"
fi
export ZIGE_TEST_PYTHON="$ZIGE_PYENV/bin/python"

# Two servers behind a real load balancer in the PostgreSQL pass: Debian's nginx.
if [ ! -x /usr/sbin/nginx ]; then
  step "installing Debian's nginx (the load balancer of the several-servers test)"
  apt_install nginx-light || apt_install nginx
  # The package starts a system-wide nginx on port 80; the test runs its own.
  as_root service nginx stop >/dev/null 2>&1 || true
fi

if [ "$(cargo deny --version 2>/dev/null || true)" != "cargo-deny 0.20.2" ]; then
  step "installing cargo-deny 0.20.2 (about 3 minutes, once)"
  cargo_install_tool cargo-deny --version 0.20.2 --locked
fi

# Compiled dependencies are kept between runs on this machine: in the shared target folder below
# (a clean clone compiles only its own crates), and in sccache's cache for what that folder lacks
# (the same crate, version, features and flags; the workspace's own crates always compile, as
# clippy lints them). A fresh machine fills both on its first run.
if [ "$(sccache --version 2>/dev/null || true)" != "sccache 0.19.0" ]; then
  step "installing sccache 0.19.0 (the compile cache, local disk only; about 4 minutes, once)"
  cargo_install_tool sccache --version 0.19.0 --locked --no-default-features
fi
export RUSTC_WRAPPER=sccache
# One target folder for every checkout of this machine (the working tree and each clean clone CI
# makes), outside them all: sccache cannot answer for a crate whose build script's output it reads
# by absolute path (OUT_DIR, inside a clone's own target/), nor for anything built on one, so a
# clone at a new path compiled a quarter of the dependencies again (stop 81: 50 min, of which the
# tests' build 28). Cargo names a workspace's artefacts by their path inside the workspace, so a
# clone anywhere finds its dependencies built and compiles only its own crates (and what is built
# on the vendored tachys, whose files are new in every clone). The site itself stays in the
# checkout (target/site).
export CARGO_TARGET_DIR="$(shared_target_folder)"
mkdir -p "$CARGO_TARGET_DIR"
export SCCACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/zige/sccache" SCCACHE_CACHE_SIZE=40G
# Kept up through the tests' long stretches without a compile (it would stop after 10 idle
# minutes and lose the count it prints at the end); stopped by the command itself.
export SCCACHE_IDLE_TIMEOUT=0
# Its server is this command's: started here, stopped when the command ends.
sccache --stop-server >/dev/null 2>&1 || true
sccache --start-server >/dev/null
stop_compile_cache() {
  sccache --show-stats 2>/dev/null | grep -E '^(Compile requests|Cache hits|Cache misses)  ' || true
  sccache --stop-server >/dev/null 2>&1 || true
}
trap 'stop_compile_cache; where_the_minutes_went' EXIT

step "dependency checks (cargo deny: banned crates, licences, sources)"
cargo deny --log-level error check bans licenses sources
# Advisories need the RustSec database, cloned from GitHub, which these machines cannot reach:
# checked against a copy when the machine has one (~/.cargo/advisory-dbs), said plainly when not.
if ls -d "$HOME"/.cargo/advisory-dbs/advisory-db-*/crates >/dev/null 2>&1; then
  cargo deny --offline --log-level error check advisories
else
  echo "advisories: not checked (no copy of the RustSec advisory database on this machine; GitHub is out of reach)"
fi
# The vendored tachys (vendor/README.md) is what the build uses: a newer leptos that needs another
# tachys would take that one from crates.io and leave the patch unused, in silence, and the 22 KB
# it saves would come back to the candidate's first load.
tachys_sources="$(awk '/^name = "tachys"$/ { found = 1; next } found && /^source = / { print } /^$/ { found = 0 }' Cargo.lock)"
if ! grep -q '^name = "tachys"$' Cargo.lock || [ -n "$tachys_sources" ] || [ ! -f vendor/tachys/LICENSE ]; then
  echo "the build no longer uses the vendored tachys (vendor/tachys, with its LICENSE): Cargo.lock says ${tachys_sources:-nothing}" >&2
  exit 1
fi
echo "vendored tachys: used (vendor/tachys)"
# Every licence in the build with its crate count; crate by crate in .tools/licences.txt.
cargo deny list --layout license --format human > "$ZIGE_TOOLS/licences.txt"
echo "licences: $(cut -d: -f1 "$ZIGE_TOOLS/licences.txt" | paste -sd ',' - | sed 's/,/, /g')"

# The server and host-side steps build with the flag `cargo leptos` gives the end-to-end server
# (components erased, as in release): one set of compiled dependencies serves the lints, the
# tests and the browser tests' server, instead of a second full build at the end. Not exported:
# cargo-leptos adds the flag itself, and the WASM builds keep their own.
host_flags="--cfg erase_components"
# The tests' build is given the site's name too (`site_name`), or the browser tests' server
# compiles leptos, its routers, the app and the server a second time (about 2 min).
LEPTOS_OUTPUT_NAME="$(site_name)"
export LEPTOS_OUTPUT_NAME

step "formatting (cargo fmt --check), the architecture's feature index (every path it names exists) and its glossary (no retired word used again)"
cargo fmt --all --check
python3 scripts/checks/feature_index.py
python3 scripts/checks/retired_words.py
# The lints (clippy, every warning an error) run as the workspace's own crates compile for the
# tests and for the browser's release build: clippy-driver is their compiler, exactly as
# `cargo clippy` makes it for a check build (RUSTC_WORKSPACE_WRAPPER, with its arguments in
# CLIPPY_ARGS). A separate `cargo clippy` pass checked every dependency a second time, host and
# WASM, about 11 of the clean command's minutes.
clippy_driver="$(rustup which clippy-driver 2>/dev/null || command -v clippy-driver)"
linted() {
  RUSTC_WORKSPACE_WRAPPER="$clippy_driver" CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__" "$@"
}

# The browser's release build (WASM for size, split, optimised, precompressed) needs nothing the
# tests build and has a target folder of its own ($CARGO_TARGET_DIR/front): it runs beside them, at the lowest
# priority, so it takes only what they leave idle: the second core while the app or the server
# compiles alone, and the server tests' waits. Waited for before the browser tests.
step "the browser's release build, started beside the tests at low priority (log: .tools/wasm-release.log)"
wasm_log="$ZIGE_TOOLS/wasm-release.log"
# Built exactly as ./scripts/run.sh builds it, so the browser tests and the size budget judge the
# WASM that ships: through clippy-driver (which compiles the workspace's crates with MIR
# optimisation off) the split's data layout came out differently, and a plain build whose main
# module carried every chunk's data (1.7 MB) went unseen (2026-12-01). The browser's code is
# linted afterwards, on its own (`cargo clippy`, type checks only). A site built before from these
# very sources is taken as it was built (scripts/release-site-cache.sh).
source "$ZIGE_ROOT/scripts/release-site-cache.sh"
site_key="$(release_site_key)"
source "$ZIGE_ROOT/scripts/tests-build-reuse.sh"
tests_key="$(tests_build_key)"
if [ -n "$site_key" ] && [ -d "$(release_site_entry "$site_key")/site" ]; then
  take_tests_build "$tests_key"
fi
trap 'give_back_source_times; stop_compile_cache; where_the_minutes_went' EXIT
front_intermediates="$CARGO_TARGET_DIR/front/wasm32-unknown-unknown/wasm-release"
(
  renice -n 19 "$BASHPID" >/dev/null
  if restore_release_site "$site_key"; then
    echo "began: the release WASM $(date +%T), as built before from these sources ($(release_site_entry "$site_key"))"
  else
    echo "began: the release WASM $(date +%T)"
    "${RELEASE_SITE_BUILD[@]}"
    keep_release_site "$site_key" "$front_intermediates"
  fi
  echo "began: the browser code's lints $(date +%T)"
  RUSTFLAGS="--cfg erase_components" cargo clippy -q -p frontend --target wasm32-unknown-unknown \
    --no-default-features --target-dir "$CARGO_TARGET_DIR/front-lint" -- -D warnings
  echo "ended: the browser's build $(date +%T)"
) >"$wasm_log" 2>&1 &
wasm_build=$!
# A process and every process under it (cargo-leptos, cargo, rustc), parents first.
tree_of() {
  local child
  echo "$1"
  for child in $(pgrep -P "$1" 2>/dev/null); do tree_of "$child"; done
}
# The build and every process under it, if the command stops early.
stop_tree() {
  local child
  for child in $(pgrep -P "$1" 2>/dev/null); do stop_tree "$child"; done
  kill "$1" 2>/dev/null || true
}
trap 'stop_tree "$wasm_build"; give_back_source_times; stop_compile_cache; where_the_minutes_went' EXIT

step "lints, unit, property and server integration tests (SQLite)"
RUSTFLAGS="$host_flags" linted cargo test --workspace --exclude frontend

# The same server integration tests once more on the scale path: each on a fresh database of a
# throwaway PostgreSQL server and a fresh prefix of a throwaway S3-compatible server, both
# stopped and removed afterwards. Only this pass runs two servers behind nginx.
source "$ZIGE_ROOT/scripts/postgres.sh"
source "$ZIGE_ROOT/scripts/s3.sh"
trap 'stop_tree "$wasm_build"; stop_test_postgres; stop_test_s3; give_back_source_times; stop_compile_cache; where_the_minutes_went' EXIT
step "server integration tests again, on PostgreSQL and S3-compatible storage"
# The same package selection as the SQLite pass (the whole workspace): cargo unifies features over
# what it builds, so `-p server` alone rebuilt every test binary (about 2 min) for other features.
# The app's own tests run again with them; they touch no database and take seconds.
RUSTFLAGS="$host_flags" linted cargo test --workspace --exclude frontend --tests
step "uploads through a real restart of that PostgreSQL (alone: it ends every other test's sessions)"
RUSTFLAGS="$host_flags" linted cargo test --workspace --exclude frontend --tests -- --ignored \
  database_faults::uploads_through_a_real_postgresql_restart
stop_test_postgres
unset ZIGE_TEST_POSTGRES_URL ZIGE_TEST_POSTGRES_RESTART
# The S3-compatible server stays for the browser tests: their site keeps its pictures there.

step "browser tests (Playwright, headless Chromium) on the release site"
# The browser tests run the site that ships: WASM built for size, split, optimised and
# precompressed (`--release --frontend-only`), served by the debug server the tests above built
# the dependencies of (a release server would compile everything again, about 12 min). On that
# site first-load.spec.ts holds the candidate's pages to the 350 KB budget (ZIGE_SITE_BUILD).
status=0
# The tests are done, so the build no longer takes only what they leave idle: on a machine busy
# with other work, the lowest priority starves it (beside `stress-ng --cpu 2` it compiled one crate
# in 16 minutes). It gets an ordinary share from here, where the user may raise a priority again
# (root, as CI runs; elsewhere it stays low, and slow on a busy machine). Linux keeps a priority
# per thread, and cargo-leptos starts wasm-bindgen and wasm-opt from its worker threads: each
# thread of each process is given it.
for pid in $(tree_of "$wasm_build"); do
  for thread in /proc/"$pid"/task/*; do renice -n 0 -p "${thread##*/}" >/dev/null 2>&1 || true; done
done
if ! wait "$wasm_build"; then
  cat "$wasm_log"
  echo "the browser's release build failed (above)" >&2
  exit 1
fi
tail -n 5 "$wasm_log"
# When the release WASM, its lints and the whole build ended (the build runs beside the tests).
grep -a '^began: \|^ended: ' "$wasm_log" || true
echo "the browser tests began $(date +%T)"
# No staff screen and no JSON decoder in the candidate's main module (the budget depends on both).
# The site's own two WASM files: kept with it, or cargo's where it could not be kept.
if [ -n "$site_key" ] && [ -d "$(release_site_entry "$site_key")/wasm-release" ]; then
  front_intermediates="$(release_site_entry "$site_key")/wasm-release"
fi
python3 scripts/checks/candidate_module.py "$front_intermediates" || status=1
# A fresh data folder: the browser tests start from the demo data only.
ZIGE_DATA_DIR="$(mktemp -d)"
export ZIGE_DATA_DIR
# The browser tests log in with the demo accounts the README publishes.
export ZIGE_SEED_DEMO=true
# The fee test pays at the sandbox cashier, which only a configuration that asks for it offers
# (and, beside WeChat Pay's and Alipay's stand-ins, only a declared test installation).
export ZIGE_PAYMENT_SANDBOX=true ZIGE_TEST_INSTALLATION=true
# ... and at WeChat Pay's and Alipay's cashiers, and texts go through Alibaba Cloud's SendSms:
# their local stand-ins (an example program the server tests' build made, from the stand-ins
# those tests use) listen beside the site, and write the settings of an installation with both
# merchant contracts, the SMS gateway and the 公众号, which the site starts with. The browser
# tests read the texts and 公众号 messages the stand-ins accepted from them, at
# ZIGE_STANDIN_SMS and ZIGE_STANDIN_OFFICIAL_ACCOUNT.
standin_dir="$(mktemp -d)"
export ZIGE_STANDIN_SMS=127.0.0.1:3043 ZIGE_STANDIN_OFFICIAL_ACCOUNT=127.0.0.1:3046
ZIGE_STANDIN_WECHATPAY=127.0.0.1:3041 ZIGE_STANDIN_ALIPAY=127.0.0.1:3042 ZIGE_STANDIN_SETTINGS="$standin_dir/settings" \
  ZIGE_PUBLIC_URL=http://127.0.0.1:3000 "$CARGO_TARGET_DIR/debug/examples/gateway_standins" >"$ZIGE_TOOLS/gateway-standins.log" 2>&1 &
standins=$!
# The authority's identity provider (seed 003's 用报名系统账号登录): npm's oidc-provider, OpenID
# Certified, run by node on loopback with the browser tests' accounts; the site signs candidates
# in through it.
echo "zige-test-secret-0123456789abcdef" >"$standin_dir/oidc-secret"
OIDC_PORT=3050 OIDC_REDIRECT_URI=http://127.0.0.1:3000/auth/oidc/callback OIDC_SKIP_CONSENT=1 \
  OIDC_ACCOUNTS="$ZIGE_ROOT/end2end/oidc-provider/browser-test-accounts.json" \
  node "$ZIGE_ROOT/end2end/oidc-provider/provider.mjs" >"$ZIGE_TOOLS/oidc-provider.log" 2>&1 &
oidc_provider=$!
# The site's pictures go to the S3-compatible server through a fault-injecting proxy (an example
# program the server tests' build made, from the proxy those tests use), which
# storage-faults.spec.ts tells to refuse while a candidate uploads (issue 53); the database stays
# the site's SQLite file.
ZIGE_FAULT_LISTEN=127.0.0.1:3044 ZIGE_FAULT_CONTROL=127.0.0.1:3045 ZIGE_FAULT_UPSTREAM="${AWS_ENDPOINT#http://}" \
  "$CARGO_TARGET_DIR/debug/examples/storage_fault_proxy" >"$ZIGE_TOOLS/storage-fault-proxy.log" 2>&1 &
fault_proxy=$!
export ZIGE_BLOB_URL="s3://zige-test/browser-tests-$$" ZIGE_BLOB_ENDPOINT=http://127.0.0.1:3044
export ZIGE_STORAGE_FAULTS=127.0.0.1:3045
trap 'kill "$standins" "$oidc_provider" "$fault_proxy" 2>/dev/null || true; stop_test_s3; give_back_source_times; stop_compile_cache; where_the_minutes_went' EXIT
export ZIGE_OIDC_ISSUER=http://127.0.0.1:3050 ZIGE_OIDC_CLIENT_ID=zige ZIGE_OIDC_CLIENT_SECRET_FILE="$standin_dir/oidc-secret"
export ZIGE_OIDC_SCOPES="profile phone identity"
for _ in $(seq 100); do [ -s "$standin_dir/settings" ] && break; sleep 0.1; done
set -a
# shellcheck source=/dev/null
source "$standin_dir/settings"
set +a
# The payment gateways post their notifications to, and send the candidate back to, the public address.
export ZIGE_PUBLIC_URL=http://127.0.0.1:3000
export ZIGE_SITE_BUILD=release
# The server's whole log of the run is kept, and read for passwords and ID numbers afterwards.
e2e_log="$ZIGE_TOOLS/end-to-end.log"
# Linted as the tests' build was (the same compiler for the workspace's crates), so the server
# those tests built is the one that runs here, not compiled again (about 2 min).
linted cargo leptos end-to-end --split --server-only 2>&1 | tee "$e2e_log" || status=$?
node end2end/summary.mjs end2end/test-results/results.json || status=1
python3 scripts/checks/log_secrets.py "$e2e_log" end2end/tests || status=1
kill "$standins" "$oidc_provider" "$fault_proxy" 2>/dev/null || true
stop_test_s3
rm -rf "$ZIGE_DATA_DIR" "$standin_dir"
# A green run notes its build for the next run of the same sources (a clean clone's, in CI).
if [ "$status" = 0 ]; then note_tests_build "$tests_key"; fi
exit "$status"
