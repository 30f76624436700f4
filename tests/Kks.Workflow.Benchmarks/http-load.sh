#!/usr/bin/env bash
# HTTP load figure: wrk with C connections (default 100) for D seconds (default 30) and N open tasks in the database
# (default 100,000, 18 OPD groups), against each target in turn:
#   task   GET /engine-rest/task?candidateGroup=DINKES&sortBy=dueDate&sortOrder=asc&maxResults=50 (admin, HTTP Basic)
#   inbox  GET /kotak-masuk?kelompok=opd: the inbox page of DINKES's focal point (its OPD's open tasks, 25 rows and
#          the six tab counts), signed in once with curl through the login form; wrk sends the Identity cookie
#   task-ef  the task target with includeAssignedTasks=false (the same answer) which takes the EF query path: the
#          comparison for the prepared statement (Api/Tasks/TaskGroupPage.cs)
# Prints wrk's summary and one JSON line per target: p50/p95/p99, requests/s, errors (non-2xx included), and the
# server's CPU per request (its user+system time over the run divided by the requests: comparable on a loaded machine,
# unlike the latencies). Needs wrk (Debian: apt-get install wrk). Usage:
#   bash tests/Kks.Workflow.Benchmarks/http-load.sh [tasks] [connections] [seconds] [targets, default "task inbox"]
set -euo pipefail
cd "$(dirname "$0")/../.."
tasks=${1:-100000}; connections=${2:-100}; seconds=${3:-30}; targets=${4:-task inbox}
port=5187; base="http://127.0.0.1:$port"
source tests/Kks.Workflow.Benchmarks/bench-server.sh
bench_start "$tasks" "$port"

script=$(mktemp --suffix=.lua); jar=$(mktemp)
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$data" "$script" "$jar"' EXIT
cat > "$script" <<'LUA'
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format('wrk {"p50Ms":%.2f,"p95Ms":%.2f,"p99Ms":%.2f,"requests":%d,"rps":%.0f,"errors":%d}\n',
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.requests / (summary.duration / 1e6), errors))
end
LUA

# One target: a look at the answer, a warm-up (JIT, page cache), then the measured run with the server's CPU around it.
# The warm-up is 20 s (KKS_HTTP_WARMUP): with 5 s the tiered JIT was still compiling well into the measured run of
# whichever target came first after the server's start (session 7: the same build's first target p95 71-83 ms, 0.56-0.69
# ms CPU per request; its second 31-39 ms, 0.35-0.48 ms).
measure() {
  local name=$1 url=$2 header=$3
  local body
  body=$(curl -sf -H "$header" "$url") || { echo "$name: $url does not answer 200" >&2; exit 1; }
  echo "${body:0:300}"
  wrk -t2 -c"$connections" -d"${KKS_HTTP_WARMUP:-20}s" -H "$header" "$url" >/dev/null
  local before after out ticks
  before=$(bench_cpu_ticks)
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$script" -H "$header" "$url")
  after=$(bench_cpu_ticks)
  echo "$out" | grep -v '^wrk {'
  ticks=$(getconf CLK_TCK)
  echo "$out" | sed -n 's/^wrk {//p' | awk -v name="$name" -v c="$connections" -v t="$tasks" -v cpu="$((after - before))" -v hz="$ticks" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" \
    '{ match($0, /"requests":[0-9]+/); n = substr($0, RSTART + 11, RLENGTH - 11);
       printf "{\"mode\":\"http\",\"target\":\"%s\",\"tasks\":%d,\"connections\":%d,%s,\"cpuMsPerRequest\":%.3f,\"load\":\"%s\"}\n", name, t, c, substr($0, 1, length($0) - 1), cpu * 1000 / hz / n, load }'
}

for target in $targets; do
  case $target in
    task)
      measure task "$base/engine-rest/task?candidateGroup=DINKES&sortBy=dueDate&sortOrder=asc&maxResults=50" \
        "Authorization: Basic $(printf 'admin:%s' "$password" | base64 -w0)" ;;
    task-ef)
      measure task-ef "$base/engine-rest/task?candidateGroup=DINKES&sortBy=dueDate&sortOrder=asc&maxResults=50&includeAssignedTasks=false" \
        "Authorization: Basic $(printf 'admin:%s' "$password" | base64 -w0)" ;;
    inbox)
      # The login form's antiforgery token, then the form post; the cookie jar keeps the sign-in.
      token=$(curl -sf -c "$jar" -b "$jar" "$base/masuk" | sed -n 's/.*name="__kks_af" type="hidden" value="\([^"]*\)".*/\1/p; s/.*type="hidden" name="__kks_af" value="\([^"]*\)".*/\1/p' | head -1)
      curl -sf -o /dev/null -c "$jar" -b "$jar" --data-urlencode "UserName=bench.dinkes" --data-urlencode "Password=$password" \
        --data-urlencode "__kks_af=$token" "$base/masuk"
      cookie="Cookie: $(awk -F'\t' 'NF >= 7 { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar")"
      measure inbox "$base/kotak-masuk?kelompok=opd" "$cookie" ;;
    *) echo "unknown target $target (task, task-ef or inbox)" >&2; exit 2 ;;
  esac
done
