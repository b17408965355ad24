#!/usr/bin/env bash
# Durable ingest: ~250 KB JPEG uploads from 64 concurrent signed-in clients (locust, from PyPI),
# against a bare axum handler that writes and fsyncs the same body, the same handler decoding the
# picture fully before it writes (the yardstick for a server that judges), then Zige on SQLite + folder,
# PostgreSQL + folder and PostgreSQL + S3-compatible storage: moto's server (Python, in memory, as
# in the tests) and s3s-fs (Rust, files in a folder, from crates.io), which shows how much of the S3
# figure is the S3 server's own time. The yardstick and the Zige setups alternate over several
# rounds in one sitting (issue 69); prints each run, then per setup the medians over the rounds:
# uploads per second, p50 and p99, and the ratio to the same round's yardstick. Figures in
# docs/benchmarks.md.
# Usage: ./scripts/bench-ingest.sh [seconds per run, default 30]
#   (ZIGE_BENCH_USERS: clients, default 64; ZIGE_BENCH_ROUNDS: rounds, default 5)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ZIGE_ROOT"
seconds="${1:-30}"
users="${ZIGE_BENCH_USERS:-64}"
rounds="${ZIGE_BENCH_ROUNDS:-5}"

step "building the release server and the bare handler"
# The flags and the site's name `cargo leptos build --release` gives the server (leptos reads the
# name at compile time), so this shares its compiled crates with ./scripts/run.sh's and the
# reviewer benchmark's release build instead of compiling leptos, the app and the server again.
CARGO_INCREMENTAL=0 RUSTFLAGS="--cfg erase_components" LEPTOS_OUTPUT_NAME="$(site_name)" \
  cargo build --release -p server --bin server --example bare_ingest
# Where cargo put them (CARGO_TARGET_DIR moves the target folder, as the test command does).
release="${CARGO_TARGET_DIR:-target}/release"
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
    clear_stored
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

# One locust run against 127.0.0.1:$port; adds the uploads' line (setup, round, rate, p50, p99,
# count, failures) to $work/runs.tsv.
measure() {
  local key="$1" round="$2" profiler=""
  # ZIGE_BENCH_PERF=FILE: where the server's CPU goes under the first round's SQLite load (or each
  # run ZIGE_BENCH_PERF_RUN names, e.g. "sqlite-1 sqlite-4"), as a flat profile in FILE.RUN: perf
  # samples 10 s from 10 s after the start, when every client is signed in (the sign-ups take
  # about 7 s) and before the reviewer's assistant looks at the uploads.
  if [ -n "${ZIGE_BENCH_PERF:-}" ] && [[ " ${ZIGE_BENCH_PERF_RUN:-sqlite-1} " == *" $key-$round "* ]]; then
    (sleep 10 && perf record -q -e cpu-clock -F 499 -p "$server_pid" -o "$work/perf.data" -- sleep 10 >/dev/null 2>&1) &
    profiler=$!
  fi
  # Where the machine's time goes in the same window (10 s to 30 s after the start, inside the
  # counted window): the server's CPU seconds, the machine's shares of busy, I/O wait and steal,
  # and the resident memory of every process on it; a line in $work/machine.tsv.
  (sleep 10 && machine_window "$key" "$round" 20 >>"$work/machine.tsv") &
  local window=$!
  # The locustfile ends the run $seconds after every client is signed in; -t only bounds a run
  # whose sign-ups never finish.
  ZIGE_BENCH_SECONDS="$seconds" "$python" -m locust -f scripts/bench/ingest_locustfile.py --headless -u "$users" -r "$users" -t "$((seconds + 120))s" \
    --host "http://127.0.0.1:$port" --csv "$work/$key-$round" --only-summary >"$work/$key-$round.log" 2>&1 || true
  "$python" - "$work/$key-${round}_stats.csv" "$key" "$round" >>"$work/runs.tsv" <<'PY'
import csv, sys
for row in csv.DictReader(open(sys.argv[1])):
    if row["Name"] == "upload":
        print("\t".join([sys.argv[2], sys.argv[3], row["Requests/s"], row["50%"], row["99%"],
                         row["Request Count"], row["Failure Count"]]))
PY
  wait "$window" || true
  echo "  $key, round $round: $(tail -1 "$work/runs.tsv" | cut -f3 | cut -d. -f1) uploads/s; $(tail -1 "$work/machine.tsv" | cut -f3-)"
  if [ -n "$profiler" ]; then
    wait "$profiler" || true
    perf report -i "$work/perf.data" --stdio --no-children --sort dso,symbol --percent-limit 0.5 \
      >"$ZIGE_BENCH_PERF.$key-$round" 2>/dev/null || true
  fi
}

# machine_window SETUP ROUND SECONDS: over SECONDS from now, the server's CPU seconds and the
# machine's busy, I/O-wait and steal shares (/proc/stat), then every process's resident memory.
machine_window() {
  local before_cpu before_server after_cpu after_server
  before_cpu="$(head -1 /proc/stat)"
  before_server="$(awk '{print $14 + $15}' "/proc/$server_pid/stat" 2>/dev/null || echo 0)"
  sleep "$3"
  after_cpu="$(head -1 /proc/stat)"
  after_server="$(awk '{print $14 + $15}' "/proc/$server_pid/stat" 2>/dev/null || echo 0)"
  local resident
  resident="$(ps -eo rss= | awk '{ kb += $1 } END { printf "%.1f", kb / 1048576 }')"
  awk -v setup="$1" -v round="$2" -v before="$before_cpu" -v after="$after_cpu" \
    -v server="$((after_server - before_server))" -v hz="$(getconf CLK_TCK)" -v resident="$resident" 'BEGIN {
      n = split(before, b, " "); split(after, a, " ")
      for (i = 2; i <= n; i++) { d[i] = a[i] - b[i]; total += d[i] }
      busy = total - d[5] - d[6]
      printf "%s\t%s\tserver CPU %.1f s\tbusy %.0f %%\tiowait %.1f %%\tsteal %.1f %%\tresident %s GiB\n",
        setup, round, server / hz, 100 * busy / total, 100 * d[6] / total, 100 * d[9] / total, resident
    }'
}

# What a run stored (a gigabyte or so each) goes once it is measured.
clear_stored() {
  find "$work" -mindepth 1 -maxdepth 1 -type d \( -name 'data-*' -o -name 'bare*' \) -exec rm -rf {} +
  find "$work/s3s/bench" -mindepth 1 -delete 2>/dev/null || true
}

serve_zige() {
  local data="$work/data-$1"
  mkdir -p "$data"
  # Capacity, not the limits: no rate limits, no admission control (bench-deadline-night.sh has it).
  ZIGE_DATA_DIR="$data" ZIGE_LISTEN="127.0.0.1:$port" ZIGE_SEED_DEMO=true ZIGE_RATE_LIMITS=false \
    ZIGE_ADMISSION_IN_FLIGHT=0 RUST_LOG=warn \
    "$release/server" >"$work/server-$1.log" 2>&1 &
  server_pid=$!
  wait_for_port
}

step "measuring: $rounds rounds of the decoding yardstick then each Zige setup, ${seconds} s each, $users clients"
# serve_bare FOLDER [decode [BUCKET]]: with a bucket, the decoding yardstick puts into it.
serve_bare() {
  "$release/examples/bare_ingest" "127.0.0.1:$port" "$work/$1" ${2:-} ${3:-} >/dev/null 2>&1 &
  server_pid=$!
  wait_for_port
}
serve_bare bare
ZIGE_BENCH_BARE=1 measure bare 1
stop_server

export ZIGE_PG_DURABLE=1
source scripts/postgres.sh
source scripts/s3.sh
moto_endpoint="$AWS_ENDPOINT"
# s3s-fs: a bucket is a folder under its root; it writes each object to a file and renames it
# into place, without fsync (moto keeps objects in memory: neither is durable).
s3s_port=3191
mkdir -p "$work/s3s/bench"
"$s3s_fs" --host 127.0.0.1 --port "$s3s_port" --access-key zige-test --secret-key zige-test "$work/s3s" >"$work/s3s.log" 2>&1 &
s3s_pid=$!

# Each round: the yardstick, then Zige on each setup, every Zige run on a database of its own
# (the same candidates sign up again); a setup's figure is the median over the rounds of its
# ratio to the yardstick of the same round, so the machine's drift between rounds cancels.
# The S3 setups also have a yardstick of their own that puts into the same S3 server: that
# server runs on the same two cores, and takes its share from whichever server sends to it.
for round in $(seq 1 "$rounds"); do
  serve_bare "bare-decode-$round" decode
  ZIGE_BENCH_BARE=1 measure bare-decode "$round"
  stop_server

  serve_zige "sqlite-$round"
  measure sqlite "$round"
  stop_server

  "$pg_bin/psql" -q "$ZIGE_TEST_POSTGRES_URL/postgres" -c "CREATE DATABASE folder_$round" \
    -c "CREATE DATABASE s3_$round" -c "CREATE DATABASE s3s_$round"
  ZIGE_DATABASE_URL="$ZIGE_TEST_POSTGRES_URL/folder_$round" serve_zige "pg-folder-$round"
  measure pg-folder "$round"
  stop_server

  AWS_ENDPOINT="$moto_endpoint" ZIGE_BLOB_URL="$ZIGE_TEST_S3_URL/bench" \
    ZIGE_DATABASE_URL="$ZIGE_TEST_POSTGRES_URL/s3_$round" serve_zige "pg-s3-$round"
  measure pg-s3 "$round"
  stop_server
  AWS_ENDPOINT="$moto_endpoint" serve_bare "bare-decode-s3-$round" decode "$ZIGE_TEST_S3_URL"
  ZIGE_BENCH_BARE=1 measure bare-decode-s3 "$round"
  stop_server

  AWS_ENDPOINT="http://127.0.0.1:$s3s_port" ZIGE_BLOB_URL="s3://bench" \
    ZIGE_DATABASE_URL="$ZIGE_TEST_POSTGRES_URL/s3s_$round" serve_zige "pg-s3s-$round"
  measure pg-s3s "$round"
  stop_server
  AWS_ENDPOINT="http://127.0.0.1:$s3s_port" serve_bare "bare-decode-s3s-$round" decode "s3://bench"
  ZIGE_BENCH_BARE=1 measure bare-decode-s3s "$round"
  stop_server
done

echo
"$python" scripts/bench/ingest_table.py "$work/runs.tsv"
