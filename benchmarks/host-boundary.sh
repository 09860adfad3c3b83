#!/usr/bin/env bash
# Plugin host boundary (issue 14): benchmarks/host-boundary.sh. Prints the per-call latency (p50, p99)
# of a no-op tool called directly in process, over the wire protocol in process, and through a real
# plugin host JVM in `process` and `sandbox` (bubblewrap, when on PATH) mode, all in the same run;
# then each host's cold start (spawn -> host.ready, median of STARTS=5) and RSS (VmRSS of its java).
# Uses the distribution's lib/host when built (mvn -o package -pl distribution -am -DskipTests), else
# one assembled from the host module's build output. CALLS (20000) and WARMUP (5000) change the loop;
# CDS=1 also measures hosts started with an AppCDS archive (one run writes it at exit, then mapped).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
mvn -q -o test-compile dependency:build-classpath -pl bundles/io.portcullis.host -am \
    -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >/dev/null
module="$top/bundles/io.portcullis.host"
lib="$top/distribution/target/portcullis/lib/host"
[ -d "$lib/classpath" ] || lib=""
exec java -Dcalls="${CALLS:-20000}" -Dwarmup="${WARMUP:-5000}" -Dstarts="${STARTS:-5}" -Dcds="${CDS:+true}" \
    -Dportcullis.host.lib="$lib" \
    -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/test-classpath.txt")" \
    io.portcullis.host.BoundaryBenchmark
