#!/usr/bin/env bash
# Deadline night (issue 32): the last hour before a deadline, as an operator runs it — two release
# servers behind nginx (round robin, request buffering on, as docs/deployment.md shows) on one
# PostgreSQL (fsync on) and one S3-compatible bucket (moto's server). A few hundred candidates
# (locust, scripts/bench/deadline_locustfile.py) sign up, then open the exam page, save drafts and
# upload, as the exam page does: a 503 is waited out as its Retry-After says and sent again.
# Two rounds: candidates who pause 1–4 s between actions, then the same number who never pause
# (a stampede, past capacity: admission control answers 503 at once). Prints, per round and kind
# of request, requests per second, p50 and p99, the 503s, and whether every confirmed upload is in
# the database. Figures in docs/benchmarks.md.
# Usage: ./scripts/bench-deadline-night.sh [seconds per round, default 60]
#        (ZIGE_BENCH_USERS: candidates per round, default 300)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ZIGE_ROOT"
seconds="${1:-60}"
users="${ZIGE_BENCH_USERS:-300}"

step "building the release server"
# The flags and the site's name `cargo leptos build --release` gives the server (leptos reads the
# name at compile time), so its compiled crates are shared with the other release builds.
CARGO_INCREMENTAL=0 RUSTFLAGS="--cfg erase_components" LEPTOS_OUTPUT_NAME="$(site_name)" \
  cargo build --release -p server --bin server
release="${CARGO_TARGET_DIR:-target}/release"
python="$(bench_python 'import locust, PIL, moto.server' locust pillow 'moto[server]')"
if [ ! -x /usr/sbin/nginx ]; then
  step "installing Debian's nginx"
  apt_install nginx-light || apt_install nginx
  as_root service nginx stop >/dev/null 2>&1 || true
fi
work="$(mktemp -d /tmp/zige-deadline.XXXXXX)"
export ZIGE_BENCH_JPEG="$work/photo.jpg"
"$python" scripts/bench/ingest_photo.py "$ZIGE_BENCH_JPEG"

pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  type stop_test_postgres >/dev/null 2>&1 && stop_test_postgres
  type stop_test_s3 >/dev/null 2>&1 && stop_test_s3
  if [ -n "${ZIGE_BENCH_KEEP:-}" ]; then echo "kept: $work"; else rm -rf "$work"; fi
}
trap stop_all EXIT

wait_for_port() {
  for _ in $(seq 1 600); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on $1" >&2
  return 1
}

export ZIGE_PG_DURABLE=1
source scripts/postgres.sh
source scripts/s3.sh
"$pg_bin/psql" -q "$ZIGE_TEST_POSTGRES_URL/postgres" -c "CREATE DATABASE deadline"
database="$ZIGE_TEST_POSTGRES_URL/deadline"

# Both servers sign sessions alike and keep half of every limit; the candidates all come from
# 127.0.0.1 here, so the per-address limits are off (the figure is capacity, not the limits).
secret="$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')"
serve() {
  local port="$1"
  mkdir -p "$work/data-$port"
  ZIGE_DATA_DIR="$work/data-$port" ZIGE_LISTEN="127.0.0.1:$port" ZIGE_DATABASE_URL="$database" \
    ZIGE_BLOB_URL="$ZIGE_TEST_S3_URL/deadline" ZIGE_SERVERS=2 ZIGE_SESSION_SECRET="$secret$secret" \
    ZIGE_BEHIND_PROXY=true ZIGE_SEED_DEMO=true ZIGE_RATE_LIMITS=false RUST_LOG=warn \
    "$release/server" >"$work/server-$port.log" 2>&1 &
  pids+=($!)
  wait_for_port "$port"
}
step "starting two servers and nginx"
serve 3201
serve 3202

lb_port=3200
mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<NGINX
daemon off;
master_process off;
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  access_log off;
  client_max_body_size 11m;
  upstream zige { server 127.0.0.1:3201; server 127.0.0.1:3202; keepalive 32; }
  server {
    listen 127.0.0.1:$lb_port;
    location / {
      proxy_pass http://zige;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_read_timeout 120s;
    }
  }
}
NGINX
/usr/sbin/nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
pids+=($!)
wait_for_port "$lb_port"

materials() { "$pg_bin/psql" -qtA "$database" -c "SELECT count(*) FROM materials"; }

# One round: $1 its label, $2 the pause between actions, $3 the first candidate's serial.
round() {
  local label="$1" think="$2" first="$3" before after confirmed
  before="$(materials)"
  step "round: $label ($users candidates, ${seconds} s)"
  ZIGE_BENCH_THINK="$think" ZIGE_BENCH_FIRST_SERIAL="$first" ZIGE_BENCH_CONFIRMED="$work/confirmed" \
    "$python" -m locust -f scripts/bench/deadline_locustfile.py --headless -u "$users" -r 20 -t "${seconds}s" \
    --stop-timeout 30 --host "http://127.0.0.1:$lb_port" --csv "$work/$first" --only-summary \
    >"$work/locust-$first.log" 2>&1 || true
  after="$(materials)"
  confirmed="$(cat "$work/confirmed")"
  "$python" - "$work/${first}_stats.csv" "$label" "$seconds" >>"$work/table.md" <<'PY'
import csv, sys
path, label, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
for row in csv.DictReader(open(path)):
    if row["Name"] == "Aggregated":
        continue
    print(f"| {label} | {row['Name']} | {row['Request Count']} | {int(row['Request Count']) / seconds:.1f} | "
          f"{row['50%']} ms | {row['99%']} ms | {row['Failure Count']} |")
PY
  echo "| $label | uploads confirmed (201) / new rows in the database | $confirmed / $((after - before)) | | | | |" \
    >>"$work/table.md"
  # What failed, if anything: the reasons locust recorded, most frequent first.
  sort -t, -k4 -nr "$work/${first}_failures.csv" 2>/dev/null | grep -v '^Method' | head -5 >>"$work/failures.txt" || true
}

[ "${ZIGE_BENCH_ROUNDS:-both}" = stampede ] || round "1–4 s between actions" "1-4" 1
[ "${ZIGE_BENCH_ROUNDS:-both}" = calm ] || round "no pause (stampede)" "0" 5001

echo
echo "| round | request | count | per second | p50 | p99 | failed |"
echo "|---|---|---:|---:|---:|---:|---:|"
cat "$work/table.md"
if [ -s "$work/failures.txt" ]; then
  echo "failures (method, name, error, count):"
  cat "$work/failures.txt"
fi
for port in 3201 3202; do
  echo "server $port: $(grep -c 'at capacity' "$work/server-$port.log" || true) requests turned away"
done
