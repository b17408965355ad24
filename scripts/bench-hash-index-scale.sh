#!/usr/bin/env bash
# The reviewer's assistant's hash index at a national exam's scale (issue 55): a throwaway
# PostgreSQL (durable, as a real one) migrated as the server migrates it and filled with
# CANDIDATES candidates' seven pictures and their findings; then the server's own index
# (app::ssr::assistant::picture_hashes, release) read after a restart (time, memory), a new
# picture compared (reading the findings since, then every held hash), and SERVERS servers, each
# holding its own index, restarted and adding pictures at once
# (scripts/bench/hash-index-scale). Figures in docs/benchmarks.md.
# Usage: ./scripts/bench-hash-index-scale.sh [CANDIDATES=100000] [SERVERS=4] [NEW=300]
#   (WITHOUT_SCALE_INDEXES=1: without the indexes migrations 34 and 35 add, to see what they bring)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ZIGE_ROOT"
step "building the benchmark (release)"
# The flag the server is built with: the app's pages are erased views, as in every other build.
(cd scripts/bench/hash-index-scale && CARGO_INCREMENTAL=0 RUSTFLAGS="--cfg erase_components" cargo build --release --quiet)
export ZIGE_PG_DURABLE=1
source scripts/postgres.sh
trap stop_test_postgres EXIT
"$pg_bin/psql" -q "$ZIGE_TEST_POSTGRES_URL/postgres" -c "CREATE DATABASE hash_index"
scripts/bench/hash-index-scale/target/release/hash-index-scale "$ZIGE_TEST_POSTGRES_URL/hash_index" "$@"
