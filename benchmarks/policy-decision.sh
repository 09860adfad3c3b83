#!/usr/bin/env bash
# The per-call policy decision: PolicySnapshot.decide against the same decision as jCasbin RBAC-with-domains
# rules (one policy line per workspace and risk, and a compact three-line model), in one JMH run with -prof gc; prints the p50 and bytes per call of both and the ratio casbin /
# snapshot (goal: p50 <= 1 us, no allocation, ratio >= 5). Build first (mvn -DskipTests install at the top).
# Arguments go to JMH, e.g. benchmarks/policy-decision.sh -f 1 -wi 3 -i 5 -w 1 -r 2
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p target
./jmh.sh PolicyDecisionBenchmark -prof gc -rf json -rff target/policy-decision.json "$@"
python3 - target/policy-decision.json <<'PY'
import json, sys
runs = {r["benchmark"].rsplit(".", 1)[1]: r for r in json.load(open(sys.argv[1]))}
p50 = {n: r["primaryMetric"]["scorePercentiles"]["50.0"] for n, r in runs.items()}
alloc = {n: next(m["score"] for k, m in r["secondaryMetrics"].items() if k.endswith("gc.alloc.rate.norm"))
         for n, r in runs.items()}
for name in ("snapshot", "casbinCompact", "casbin"):
    print(f"{name:13}  p50 {p50[name]:11.1f} ns  {alloc[name]:9.1f} B/op")
for name in ("casbinCompact", "casbin"):
    print(f"ratio {name} / snapshot (p50): {p50[name] / p50['snapshot']:.1f} (goal >= 5)")
PY
