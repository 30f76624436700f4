#!/usr/bin/env bash
# Server memory with many tasks stored: seeds N open tasks (default 1,000,000; the same raw-SQL seed as http-load.sh,
# 18 OPD groups), starts the real server on that data directory, reads the task list and counts of every OPD group
# (so the caches and pools are warm), then prints the server's resident memory (VmRSS) and its peak (VmHWM) as one JSON
# line, with the goal (under 300 MB). Usage:
#   bash tests/Kks.Workflow.Benchmarks/memory-rss.sh [tasks]
set -euo pipefail
cd "$(dirname "$0")/../.."
tasks=${1:-1000000}
port=5189
source tests/Kks.Workflow.Benchmarks/bench-server.sh
bench_start "$tasks" "$port" 300

auth="Authorization: Basic $(printf 'admin:%s' "$password" | base64 -w0)"
for group in DINKES DISDIK DPUPR BAPPEDA DLH DISHUB DINSOS DPMPTSP DISPERKIM DKP DISPORA DISKOMINFO SATPOLPP BPBD DP3A DISNAKER DISPARBUD DPMD; do
  curl -sf -H "$auth" "http://127.0.0.1:$port/engine-rest/task?candidateGroup=$group&sortBy=dueDate&sortOrder=asc&maxResults=50" >/dev/null || true
  curl -sf -H "$auth" "http://127.0.0.1:$port/engine-rest/task/count?candidateGroup=$group" >/dev/null || true
done
curl -sf -H "$auth" "http://127.0.0.1:$port/engine-rest/task?maxResults=1000" >/dev/null || true
sleep 2
rss=$(awk '/^VmRSS/ {print $2}' "/proc/$server/status")
peak=$(awk '/^VmHWM/ {print $2}' "/proc/$server/status")
db=$(du -k "$data/kks-workflow.db" | cut -f1)
printf '{"mode":"memory-rss","tasks":%d,"rssMB":%.1f,"peakRssMB":%.1f,"databaseMB":%.1f,"goalMB":300,"met":%s,"load":"%s"}\n' \
  "$tasks" "$(echo "$rss/1024" | bc -l)" "$(echo "$peak/1024" | bc -l)" "$(echo "$db/1024" | bc -l)" \
  "$([ "$rss" -lt $((300 * 1024)) ] && echo true || echo false)" "$(cut -d' ' -f1-3 /proc/loadavg)"
