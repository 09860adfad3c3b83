#!/usr/bin/env bash
# Agent runs (issue 16). The run engine's own cost: the real engine and stores on in-memory H2 with an
# in-memory audit log and instant stand-ins for the model path and the tool invoker. Prints:
#   1. loop overhead per turn, excluding model and tool time: p50/p99 (goal p50 <= 5 ms);
#   2. 100 concurrent runs parked on approvals (threads while all wait, runs held by a worker: goal 0)
#      and completing once approved; 100 concurrent runs against a model taking 20 ms per call;
#   3. cancel latency of runs inside a model stream, half of them streaming, half silent (goal p99 <= 2 s).
# The benchmark is a main class in the agent bundle's test sources (AgentLoopBenchmark), run on that
# module's test class path built from this worktree's reactor. In-process only; bounded: N runs
# (default 500, after N/3 warm-up), 2 x 100 concurrent runs, CANCELS cancels (default 100).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
module="$top/bundles/io.portcullis.agent"
cpfile="$module/target/agent-loop.classpath"
# The reactor's class path: this worktree's bundles (and the store and audit test-jars' classes).
(cd "$top" && mvn -q -o test-compile dependency:build-classpath -pl bundles/io.portcullis.agent -am \
  -Dspotless.check.skip=true -Dmdep.outputFile=target/agent-loop.classpath -Dmdep.includeScope=test)
cp="$module/target/test-classes:$module/target/classes:$(cat "$cpfile")"
echo "== machine: $(nproc) cores, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Dn="${N:-500}" -Dcancels="${CANCELS:-100}" -Dslf4j.internal.verbosity=ERROR \
  -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener -cp "$cp" io.portcullis.agent.internal.run.AgentLoopBenchmark
echo "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
