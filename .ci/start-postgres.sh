#!/usr/bin/env bash
# Starts (idempotently) a throw-away PostgreSQL cluster for the persistence tests and prints the
# export line for KKS_TEST_POSTGRES. Usage: eval "$(.ci/start-postgres.sh)"
# The cluster lives under a temp dir owned by the 'postgres' user (root may not run postgres).
set -euo pipefail

PORT="${KKS_PG_PORT:-54329}"
ROOT="${KKS_PG_DIR:-${TMPDIR:-/tmp}/kks-pg-$PORT}"
DB="${KKS_PG_DB:-kks_test}"
PG_USER="${KKS_PG_OS_USER:-postgres}"
# The image links the server binaries into /usr/local/bin; a plain Debian install keeps them versioned.
BIN="${KKS_PG_BIN:-}"
if [ -z "$BIN" ]; then
  if [ -x /usr/local/bin/initdb ]; then BIN=/usr/local/bin; else BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1); fi
fi

as_pg() {
  if [ "$(id -un)" = "$PG_USER" ]; then "$@"; else su "$PG_USER" -s /bin/sh -c "$(printf '%q ' "$@")"; fi
}

if [ "$(id -u)" = 0 ] && ! id "$PG_USER" >/dev/null 2>&1; then
  useradd --system --no-create-home "$PG_USER" >&2
fi

mkdir -p "$ROOT"
[ "$(id -u)" = 0 ] && chown "$PG_USER" "$ROOT"

if [ ! -f "$ROOT/data/PG_VERSION" ]; then
  # trust on 127.0.0.1 only: a throw-away cluster for tests, never exposed beyond loopback.
  as_pg "$BIN/initdb" -D "$ROOT/data" -U postgres --auth=trust --encoding=UTF8 --no-locale >&2
fi

# fsync=off: the tests kill processes, never the machine, and a throw-away cluster need not survive a power cut.
if ! as_pg "$BIN/pg_ctl" -D "$ROOT/data" status >/dev/null 2>&1; then
  as_pg "$BIN/pg_ctl" -D "$ROOT/data" -l "$ROOT/server.log" -w \
    -o "-h 127.0.0.1 -p $PORT -k $ROOT -c max_connections=200 -c fsync=off" start >&2
fi

if ! psql -h 127.0.0.1 -p "$PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$DB'" postgres | grep -q 1; then
  psql -h 127.0.0.1 -p "$PORT" -U postgres -c "CREATE DATABASE $DB" postgres >&2
fi

echo "export KKS_TEST_POSTGRES='Host=127.0.0.1;Port=$PORT;Database=$DB;Username=postgres;Include Error Detail=true'"
