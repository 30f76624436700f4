#!/usr/bin/env bash
# Engine vs peer, same model, same machine, one run: the npm bpmn-engine (../shared/bench/bench.js, sequential mode)
# and this repository's engine in memory (the benchmark's `engine` mode) on ../shared/bench/kks-opd.bpmn, then the
# ratio of instances/s (goal: at least 50).
#   bash tests/Kks.Workflow.Benchmarks/engine-vs-peer.sh [instances]      (default 2000; KKS_SHARED=/path/to/shared)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
shared="${KKS_SHARED:-$here/../../../shared}"
instances="${1:-2000}"
[ -f "$shared/bench/bench.js" ] || { echo "No peer benchmark at $shared/bench (set KKS_SHARED)." >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$shared/bench/bench.js" "$shared/bench/kks-opd.bpmn" "$shared/bench/package.json" "$shared/bench/package-lock.json" "$work/"
(cd "$work" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
peer="$(cd "$work" && node bench.js --run sequential "$instances" | tail -n 1)"
echo "peer (bpmn-engine): $peer"
ours="$(dotnet run -c Release --project "$here" -- engine "$instances" | tail -n 1)"
echo "ours (Kks.Workflow.Engine): $ours"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$peer" "$ours" <<'PY'
import json, sys
peer, ours = json.loads(sys.argv[1]), json.loads(sys.argv[2])
p, o = float(peer["instancesPerSec"]), float(ours["instancesPerSecond"])
ratio = o / p
print(json.dumps({"peerInstancesPerSecond": p, "oursInstancesPerSecond": o, "ratio": round(ratio, 1), "goal": 50, "met": ratio >= 50}))
PY
