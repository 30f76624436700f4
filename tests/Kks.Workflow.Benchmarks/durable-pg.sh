#!/usr/bin/env bash
# Durable path vs the physical limit on PostgreSQL: starts a throw-away cluster (initdb in a temp dir, its own port,
# durable settings: fsync and synchronous_commit on, as shipped), measures pgbench's simple-update rate (-N) for each
# client count, then the benchmark's durable-pg mode (task completions through the full command path, peer model
# kks-opd.bpmn) against the same server with the same client counts, and prints both and the ratio (goal: >= 0.5).
#   bash tests/Kks.Workflow.Benchmarks/durable-pg.sh [tasks] [clients,...] [pgbench seconds]   (default 2000 1,8,16 20)
# Both sides print the server's CPU per transaction/completion (its processes' utime+stime from /proc); the benchmark
# also prints its own (client) CPU per completion. Both also print the WAL the server wrote per transaction/completion
# (pg_stat_wal, PostgreSQL 14+: records and bytes; the benchmark's figure counts every completion of the run, warm-up
# included): a count that does not move with the machine's load, unlike CPU and rates, so schema changes can be
# compared on a busy machine (index entries written are WAL records). KKS_BENCH_PG_STATEMENTS=1 loads pg_stat_statements
# and prints the statements the benchmark sent (calls and server time per completion, round trips counted by statement).
# KKS_BENCH_PG_GROUP_COMMIT=0 turns PostgreSQL group commit off (each command sends its write set alone, one round trip).
# Needs the PostgreSQL server binaries (initdb, pg_ctl: Debian `postgresql`) and pgbench (Debian
# `postgresql-contrib` up to PostgreSQL 9.6, `postgresql-client` from 10 on): apt-get install postgresql postgresql-client
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tasks="${1:-2000}"
clients="${2:-1,8,16}"
seconds="${3:-20}"
port="${KKS_BENCH_PG_PORT:-54339}"
pg_user="${KKS_PG_OS_USER:-postgres}"
bin="${KKS_PG_BIN:-}"
if [ -z "$bin" ]; then
  if [ -x /usr/local/bin/initdb ]; then bin=/usr/local/bin; else bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1); fi
fi
[ -x "$bin/initdb" ] || { echo "No PostgreSQL server binaries (initdb) found: apt-get install postgresql (or set KKS_PG_BIN)." >&2; exit 2; }
command -v pgbench >/dev/null || { echo "No pgbench: apt-get install postgresql-client (postgresql-contrib on PostgreSQL 9.6 and older)." >&2; exit 2; }

as_pg() {
  if [ "$(id -un)" = "$pg_user" ]; then "$@"; else su "$pg_user" -s /bin/sh -c "$(printf '%q ' "$@")"; fi
}
if [ "$(id -u)" = 0 ] && ! id "$pg_user" >/dev/null 2>&1; then useradd --system --no-create-home "$pg_user" >&2; fi

# Build first, so the compiler does not share the machine with the measurements.
dotnet build -c Release -v q --nologo "$here" >&2

root="$(mktemp -d "${TMPDIR:-/tmp}/kks-bench-pg.XXXXXX")"
[ "$(id -u)" = 0 ] && chown "$pg_user" "$root"
stop() {
  as_pg "$bin/pg_ctl" -D "$root/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$root"
}
trap stop EXIT
# trust on 127.0.0.1 only: a throw-away cluster, never exposed beyond loopback.
as_pg "$bin/initdb" -D "$root/data" -U postgres --auth=trust --encoding=UTF8 --no-locale >/dev/null
extra=""
[ "${KKS_BENCH_PG_STATEMENTS:-0}" = 1 ] && extra="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
as_pg "$bin/pg_ctl" -D "$root/data" -l "$root/server.log" -w -o "-h 127.0.0.1 -p $port -k $root -c max_connections=100 $extra" start >/dev/null
psql() { command psql -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
# The server's CPU (for both sides): the postmaster with its exited children, plus its live children, in ms.
postmaster="$(head -n1 "$root/data/postmaster.pid")"
export KKS_BENCH_PG_PID="$postmaster"
server_cpu_ms() {
  # cat one by one: a process may end between the glob and the read.
  for f in /proc/[0-9]*/stat; do cat "$f" 2>/dev/null || true; done |
    awk -v pm="$postmaster" '{ pid = $1; sub(/^.*\) /, ""); if (pid == pm) t += $12 + $13 + $14 + $15; else if ($2 == pm) t += $12 + $13 }
      END { print t * 10 }'
}
# WAL written since the last reset, per unit of work ("" where pg_stat_wal is missing: PostgreSQL 13 and older).
wal_reset() { psql -c "SELECT pg_stat_reset_shared('wal')" postgres >/dev/null 2>&1 || true; }
wal_per() {
  [ "${1:-0}" -gt 0 ] 2>/dev/null || return 0
  psql -F ' ' -c "SELECT wal_records, wal_bytes FROM pg_stat_wal" postgres 2>/dev/null |
    awk -v n="$1" -v what="$2" '{ printf ",\"walRecordsPer%s\":%.1f,\"walBytesPer%s\":%.0f", what, $1 / n, what, $2 / n }'
}
psql -c "CREATE DATABASE pgbench" postgres
psql -c "CREATE DATABASE kks_bench" postgres
echo "server: $(psql -c 'SHOW server_version' postgres), fsync=$(psql -c 'SHOW fsync' postgres), synchronous_commit=$(psql -c 'SHOW synchronous_commit' postgres)" >&2

# Scale 10: a million account rows; -N (simple-update) updates one account, reads it back and inserts a history
# row per transaction, without the tellers/branches updates that make every client contend on a few rows.
pgbench -h 127.0.0.1 -p "$port" -U postgres -i -q -s 10 pgbench >/dev/null 2>&1
rates=()
IFS=',' read -ra counts <<<"$clients"
for c in "${counts[@]}"; do
  jobs=$(( c < 2 ? c : 2 ))
  before="$(server_cpu_ms)"
  wal_reset
  out="$(pgbench -h 127.0.0.1 -p "$port" -U postgres -N -c "$c" -j "$jobs" -T "$seconds" pgbench 2>&1)"
  after="$(server_cpu_ms)"
  tps="$(printf '%s\n' "$out" | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -n1)"
  xacts="$(printf '%s\n' "$out" | sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' | head -n1)"
  [ -n "$tps" ] || { printf '%s\n' "$out" >&2; echo "pgbench gave no tps" >&2; exit 1; }
  server="$(awk -v a="$before" -v b="$after" -v n="${xacts:-0}" 'BEGIN { if (n > 0) printf "%.3f", (b - a) / n; else print "null" }')"
  echo "{\"mode\":\"pgbench\",\"script\":\"simple-update (-N)\",\"clients\":$c,\"seconds\":$seconds,\"tps\":$tps,\"serverCpuMsPerTransaction\":$server$(wal_per "${xacts:-0}" Transaction),\"loadAverage\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}"
  rates+=("$tps")
done

if [ "${KKS_BENCH_PG_STATEMENTS:-0}" = 1 ]; then
  psql -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" postgres
  psql -c "SELECT pg_stat_statements_reset()" postgres >/dev/null
fi
# One benchmark process per client count, so the WAL of each is counted apart (the benchmark makes a fresh schema per
# run; every completion of the run deletes one user_tasks row, which the table's statistics count).
for i in "${!counts[@]}"; do
  c="${counts[$i]}"
  wal_reset
  dotnet run -c Release --no-build --project "$here" -- durable-pg \
    "Host=127.0.0.1;Port=$port;Database=kks_bench;Username=postgres;Maximum Pool Size=64" "$tasks" "$c" "${rates[$i]}"
  sleep 1 # the benchmark's backends report their table statistics as they exit
  done_="$(psql -c "SELECT coalesce(sum(n_tup_del), 0) FROM pg_stat_user_tables WHERE relname = 'user_tasks'" kks_bench)"
  echo "{\"mode\":\"durable-pg-wal\",\"clients\":$c,\"completionsInRun\":$done_$(wal_per "$done_" Completion)}"
done
if [ "${KKS_BENCH_PG_STATEMENTS:-0}" = 1 ]; then
  # Everything the benchmark sent (set-up, starts and task reads included), most called first.
  psql -F ' | ' -c "SELECT calls, round(total_exec_time::numeric, 1) AS ms, left(regexp_replace(query, '\s+', ' ', 'g'), 110)
    FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = 'kks_bench' ORDER BY calls DESC LIMIT 40" postgres >&2
  echo "statements sent in all: $(psql -c "SELECT sum(calls) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = 'kks_bench'" postgres)" >&2
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
