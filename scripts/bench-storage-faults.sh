#!/usr/bin/env bash
# When storage falters (issue 53): sixteen candidates upload as the page does while the bucket
# refuses, hangs and PostgreSQL restarts (server/tests/integration/storage_fault_benchmark.rs),
# on a throwaway PostgreSQL and the test command's S3-compatible server, each behind a
# fault-injecting proxy. Prints a table per phase; figures in docs/benchmarks.md.
# Usage: ./scripts/bench-storage-faults.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ZIGE_ROOT"
source "$ZIGE_ROOT/scripts/postgres.sh"
source "$ZIGE_ROOT/scripts/s3.sh"
trap 'stop_test_postgres; stop_test_s3' EXIT
# Built as the test command builds its tests (its flags, compiler (clippy-driver), target folder
# and the site's name), so after a run of it nothing but this test's changes is compiled.
CARGO_TARGET_DIR="$(shared_target_folder)" CARGO_INCREMENTAL=0 RUSTFLAGS="--cfg erase_components" LEPTOS_OUTPUT_NAME="$(site_name)" \
  RUSTC_WORKSPACE_WRAPPER="$(rustup which clippy-driver 2>/dev/null || command -v clippy-driver)" \
  CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__" \
  cargo test --workspace --exclude frontend --test integration storage_fault_benchmark -- --ignored --nocapture
