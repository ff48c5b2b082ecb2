#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL 15 cluster on loopback, then stops and deletes the
# cluster whatever the command's outcome (success, failure, Ctrl-C).
# Usage: scripts/with-postgres.sh COMMAND [ARGS...]
# The command gets DATABASE_URL for the cluster and TEST_DATABASE_VENDOR=postgresql, which
# tests/test_database_engine.py checks, so a stage that silently fell back to SQLite fails.
set -euo pipefail
(($#)) || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
[ -x "$PG_BIN/initdb" ] || { echo "$PG_BIN/initdb not found: run scripts/system-packages.sh" >&2; exit 1; }

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# initdb refuses to run as root, so the cluster belongs to the postgres user when we are root.
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

PORT=${PG_PORT:-$(free_port)}
DIR=$(mktemp -d /tmp/reintegra-pg.XXXXXX)
chmod 700 "$DIR"
if [ "$(id -u)" -eq 0 ]; then chown postgres: "$DIR"; fi

cleanup() {
  if [ -f "$DIR/data/postmaster.pid" ]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Durability off: the cluster lives for one test run.
as_postgres "$PG_BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
as_postgres "$PG_BIN/pg_ctl" -D "$DIR/data" -w -l "$DIR/log" \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null || { cat "$DIR/log" >&2; exit 1; }
version=$("$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -Atc "show server_version")
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres reintegra
echo "PostgreSQL $version running on 127.0.0.1:$PORT (throwaway cluster in $DIR)"

export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/reintegra"
export TEST_DATABASE_VENDOR=postgresql
"$@"
