#!/usr/bin/env bash
# Durable ingest: ~250 KB JPEG uploads from 64 concurrent signed-in clients (locust, from PyPI),
# against a bare axum handler that writes and fsyncs the same body, the same handler decoding the
# picture fully before it writes (the yardstick for a server that judges), then Zige on SQLite + folder,
# PostgreSQL + folder and PostgreSQL + S3-compatible storage: moto's server (Python, in memory, as
# in the tests) and s3s-fs (Rust, files in a folder, from crates.io), which shows how much of the S3
# figure is the S3 server's own time. Prints one table row per setup: requests per second, p50 and
# p99 of the uploads. Figures in docs/benchmarks.md.
# Usage: ./scripts/bench-ingest.sh [seconds per run, default 30]  (ZIGE_BENCH_USERS: clients, default 64)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ZIGE_ROOT"
seconds="${1:-30}"
users="${ZIGE_BENCH_USERS:-64}"

step "building the release server and the bare handler"
# The test command's flags, so its dependencies are shared with the other release builds.
CARGO_INCREMENTAL=0 RUSTFLAGS="--cfg erase_components" cargo build --release -p server --bin server --example bare_ingest
python="$(bench_python 'import locust, PIL, moto.server' locust pillow 'moto[server]')"
# 0.14.1: the newest s3s-fs that this machine's rustc (1.95) builds.
s3s_fs="$ZIGE_TOOLS/s3s-fs/bin/s3s-fs"
if ! [ -x "$s3s_fs" ]; then
  step "installing s3s-fs 0.14.1 (a Rust S3-compatible server, about 3 minutes, once)"
  cargo install s3s-fs --version 0.14.1 --features binary --locked --root "$ZIGE_TOOLS/s3s-fs"
fi
work="$(mktemp -d /tmp/zige-ingest.XXXXXX)"
export ZIGE_BENCH_JPEG="$work/photo.jpg"
"$python" scripts/bench/ingest_photo.py "$ZIGE_BENCH_JPEG"
port=3190
server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}
s3s_pid=""
trap 'stop_server; [ -n "$s3s_pid" ] && kill "$s3s_pid" 2>/dev/null; type stop_test_postgres >/dev/null 2>&1 && stop_test_postgres; type stop_test_s3 >/dev/null 2>&1 && stop_test_s3; rm -rf "$work"' EXIT

wait_for_port() {
  for _ in $(seq 1 300); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on $port" >&2
  return 1
}

# One locust run against 127.0.0.1:$port; adds the uploads' row (rate, p50, p99, count, failures)
# to the table under the label $2.
measure() {
  local key="$1" label="$2"
  "$python" -m locust -f scripts/bench/ingest_locustfile.py --headless -u "$users" -r "$users" -t "${seconds}s" \
    --host "http://127.0.0.1:$port" --csv "$work/$key" --only-summary >"$work/$key.log" 2>&1 || true
  "$python" - "$work/${key}_stats.csv" "$label" >>"$work/table.md" <<'PY'
import csv, sys
for row in csv.DictReader(open(sys.argv[1])):
    if row["Name"] == "upload":
        print(f"| {sys.argv[2]} | {float(row['Requests/s']):.0f} | {row['50%']} ms | {row['99%']} ms | "
              f"{row['Request Count']} | {row['Failure Count']} |")
PY
}

serve_zige() {
  local data="$work/data-$1"
  mkdir -p "$data"
  # Capacity, not the limits: no rate limits, no admission control (bench-deadline-night.sh has it).
  ZIGE_DATA_DIR="$data" ZIGE_LISTEN="127.0.0.1:$port" ZIGE_SEED_DEMO=true ZIGE_RATE_LIMITS=false \
    ZIGE_ADMISSION_IN_FLIGHT=0 RUST_LOG=warn \
    target/release/server >"$work/server-$1.log" 2>&1 &
  server_pid=$!
  wait_for_port
}

step "measuring, ${seconds} s per setup, $users clients"
target/release/examples/bare_ingest "127.0.0.1:$port" "$work/bare" >/dev/null 2>&1 &
server_pid=$!
wait_for_port
ZIGE_BENCH_BARE=1 measure bare "bare axum handler (write + fsync)"
stop_server
target/release/examples/bare_ingest "127.0.0.1:$port" "$work/bare-decode" decode >/dev/null 2>&1 &
server_pid=$!
wait_for_port
ZIGE_BENCH_BARE=1 measure bare-decode "bare axum handler (full decode, write + fsync)"
stop_server

serve_zige sqlite
measure sqlite "Zige, SQLite + folder"
stop_server

export ZIGE_PG_DURABLE=1
source scripts/postgres.sh
# A database of its own for each run: the same candidates sign up again.
"$pg_bin/psql" -q "$ZIGE_TEST_POSTGRES_URL/postgres" -c "CREATE DATABASE bench_folder" -c "CREATE DATABASE bench_s3"
ZIGE_DATABASE_URL="$ZIGE_TEST_POSTGRES_URL/bench_folder" serve_zige pg-folder
measure pg-folder "Zige, PostgreSQL + folder"
stop_server

source scripts/s3.sh
ZIGE_BLOB_URL="$ZIGE_TEST_S3_URL/bench" ZIGE_DATABASE_URL="$ZIGE_TEST_POSTGRES_URL/bench_s3" serve_zige pg-s3
measure pg-s3 "Zige, PostgreSQL + S3 (moto)"
stop_server

# s3s-fs: a bucket is a folder under its root; it writes each object to a file and renames it
# into place, without fsync (moto keeps objects in memory: neither is durable).
"$pg_bin/psql" -q "$ZIGE_TEST_POSTGRES_URL/postgres" -c "CREATE DATABASE bench_s3s"
s3s_port=3191
mkdir -p "$work/s3s/bench"
"$s3s_fs" --host 127.0.0.1 --port "$s3s_port" --access-key zige-test --secret-key zige-test "$work/s3s" >"$work/s3s.log" 2>&1 &
s3s_pid=$!
AWS_ENDPOINT="http://127.0.0.1:$s3s_port" ZIGE_BLOB_URL="s3://bench" ZIGE_DATABASE_URL="$ZIGE_TEST_POSTGRES_URL/bench_s3s" \
  serve_zige pg-s3s
measure pg-s3s "Zige, PostgreSQL + S3 (s3s-fs)"
stop_server

echo
echo "| setup | uploads/s | p50 | p99 | uploads | failed |"
echo "|---|---:|---:|---:|---:|---:|"
cat "$work/table.md"
