#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests and exports ZIGE_TEST_POSTGRES_URL; sourced
# by scripts/test.sh, which stops it with `stop_test_postgres` (also on exit). Debian's packages:
# the machine's PostgreSQL when it has one, `apt-get install postgresql` when not.
# The server is for tests only: fsync is off (what the tests check is the application's own
# durability, not PostgreSQL's; ZIGE_PG_DURABLE=1 keeps it, for the benchmarks), on loopback, on a free port, in a folder removed afterwards.

pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  step "installing Debian's postgresql"
  apt_install postgresql
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi

# initdb refuses to run as root: root runs it as the postgres user Debian's package creates.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

ZIGE_PG_DIR="$(mktemp -d /tmp/zige-pg.XXXXXX)"
[ "$(id -u)" = 0 ] && chown postgres "$ZIGE_PG_DIR"
ZIGE_PG_PORT="$(free_port)"
step "starting a throwaway PostgreSQL ($("$pg_bin/postgres" --version | sed -E 's/^[^0-9]*([0-9.]+).*/\1/')) on 127.0.0.1:$ZIGE_PG_PORT"
as_pg "$pg_bin/initdb" -D "$ZIGE_PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
# The benchmarks measure durable writes: ZIGE_PG_DURABLE=1 keeps PostgreSQL's fsync.
pg_durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
[ "${ZIGE_PG_DURABLE:-0}" = 1 ] && pg_durability=""
as_pg "$pg_bin/pg_ctl" -D "$ZIGE_PG_DIR/data" -l "$ZIGE_PG_DIR/log" -w -o \
  "-p $ZIGE_PG_PORT -k $ZIGE_PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 $pg_durability" \
  start >/dev/null
export ZIGE_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$ZIGE_PG_PORT"
# How an operator restarts it (`pg_ctl restart -m fast`: every session ended, connections refused
# until it is back), for the one test that restarts it for real (issue 53), run alone. It keeps
# the options it was started with (postmaster.opts).
pg_restart="$pg_bin/pg_ctl -D $ZIGE_PG_DIR/data -l $ZIGE_PG_DIR/log -m fast -w restart"
[ "$(id -u)" = 0 ] && pg_restart="runuser -u postgres -- $pg_restart"
export ZIGE_TEST_POSTGRES_RESTART="$pg_restart"

stop_test_postgres() {
  if [ -n "${ZIGE_PG_DIR:-}" ] && [ -d "$ZIGE_PG_DIR/data" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$ZIGE_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$ZIGE_PG_DIR"
  fi
}
