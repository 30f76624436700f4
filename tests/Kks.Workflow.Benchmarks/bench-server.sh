#!/usr/bin/env bash
# Shared by http-load.sh and memory-rss.sh (sourced, from the repository root): build the server and the seeder in
# Release, seed a fresh data directory with N open tasks, start the real server on it and wait for /healthz.
# Sets: data (the temporary data directory), password (the admin's), server (the server's process id); the EXIT trap
# stops the server and deletes the data directory. Usage:
#   source tests/Kks.Workflow.Benchmarks/bench-server.sh; bench_start <tasks> <port> [health tries of 0.2 s]
data=$(mktemp -d); password="Bench-$(date +%s)-Aa1"
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$data"' EXIT

bench_start() {
  local tasks=$1 port=$2 tries=${3:-100}
  local project out
  for project in src/Kks.Workflow.Web tests/Kks.Workflow.Benchmarks; do
    out=$(dotnet build -c Release -v q --nologo "$project" 2>&1) || { echo "$out" >&2; return 1; }
  done
  KKS_BENCH_FOCAL_PASSWORD="$password" dotnet run -c Release --no-build --project tests/Kks.Workflow.Benchmarks -- seed-http "$data" "$tasks"
  Storage__DataDirectory="$data" Seed__AdminPassword="$password" Logging__LogLevel__Default=Warning \
    ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet src/Kks.Workflow.Web/bin/Release/net10.0/Kks.Workflow.Web.dll >/dev/null &
  server=$!
  for _ in $(seq 1 "$tries"); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
}

# The server's CPU time so far (user + system), in clock ticks (getconf CLK_TCK a second).
bench_cpu_ticks() {
  awk '{print $14 + $15}' "/proc/$server/stat"
}
