#!/usr/bin/env bash
# HTTP load figure: wrk against GET /engine-rest/task?candidateGroup=... with N open tasks in the database
# (default 100,000), C connections (default 50) for D seconds (default 30). Prints wrk's summary and one JSON
# line with p95 and errors. Needs wrk (Debian: apt-get install wrk). Usage:
#   bash tests/Kks.Workflow.Benchmarks/http-load.sh [tasks] [connections] [seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
tasks=${1:-100000}; connections=${2:-50}; seconds=${3:-30}
data=$(mktemp -d); port=5187; password="Bench-$(date +%s)-Aa1"
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$data"' EXIT

dotnet build -c Release -v q --nologo src/Kks.Workflow.Web >/dev/null
dotnet build -c Release -v q --nologo tests/Kks.Workflow.Benchmarks >/dev/null
dotnet run -c Release --no-build --project tests/Kks.Workflow.Benchmarks -- seed-http "$data" "$tasks"
Storage__DataDirectory="$data" Seed__AdminPassword="$password" Logging__LogLevel__Default=Warning \
  ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet src/Kks.Workflow.Web/bin/Release/net10.0/Kks.Workflow.Web.dll >/dev/null &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done

auth="Authorization: Basic $(printf 'admin:%s' "$password" | base64 -w0)"
url="http://127.0.0.1:$port/engine-rest/task?candidateGroup=DINKES&sortBy=dueDate&sortOrder=asc&maxResults=50"
curl -sf -H "$auth" "$url" | head -c 300 || true; echo
# Warm-up (JIT, page cache), then the measured run.
wrk -t2 -c"$connections" -d5s -H "$auth" "$url" >/dev/null
script=$(mktemp --suffix=.lua)
cat > "$script" <<'LUA'
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format('{"mode":"http","p50Ms":%.2f,"p95Ms":%.2f,"p99Ms":%.2f,"requests":%d,"rps":%.0f,"errors":%d}\n',
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.requests / (summary.duration / 1e6), errors))
end
LUA
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$script" -H "$auth" "$url"
rm -f "$script"
