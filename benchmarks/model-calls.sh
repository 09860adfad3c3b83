#!/usr/bin/env bash
# Model calls (issue 15). Prints, each against a baseline measured in the same run, and their ratio:
#   1. the metered path's overhead per call (the real Gateway over the real Metering, audit writer and
#      vault redactor, around an in-process provider that answers at once), p50/p99, on file H2 and
#      embedded PostgreSQL; baseline: the same provider called directly (goal p50 <= 2 ms);
#   2. Metering.reserve then settle, p50/p99, on both; baselines: one empty transaction, and two one-row
#      UPDATE commits (goal p99 <= 5 ms);
#   3. the first streamed delta to an SSE client through the built distribution, with the shipped
#      io.portcullis.model.openai plugin in its sandboxed host calling a FakeModelServer in the
#      benchmark JVM; from the fake server's flush to the client's read of `event: delta`; baseline:
#      the same client reading the fake server directly (goal p50 <= 20 ms).
# Needs the distribution and this module built (see README.md), curl and bwrap. Loopback only; bounded:
# N calls per figure (default 1000 in-process, STREAMS=200 streamed). Takes about 2-3 minutes.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
here="$top/benchmarks"
dist="$top/distribution/target/portcullis"
[ -x "$dist/bin/portcullis" ] || { echo "build the distribution first (see README.md)" >&2; exit 1; }
for tool in curl bwrap; do command -v $tool >/dev/null || { echo "$tool is missing" >&2; exit 1; }; done
cpfile="$here/target/model-calls.classpath"
if [ ! -s "$cpfile" ] || [ "$here/pom.xml" -nt "$cpfile" ]; then
  # The reactor's class path: this worktree's bundles, not whatever ~/.m2 holds.
  (cd "$top" && mvn -q -o package dependency:build-classpath -pl benchmarks -am -DskipTests \
    -Dspotless.check.skip=true -Dmdep.outputFile=target/model-calls.classpath -Dmdep.includeScope=runtime)
fi
cp="$here/target/classes:$(cat "$cpfile")"
port=${PORT:-18083}
work=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

echo "== machine: $(nproc) cores, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== 1-2: in-process metered path and meter (N=${N:-1000} each, after N/3 warm-up calls)"
java -Dn="${N:-1000}" -Dslf4j.internal.verbosity=ERROR -cp "$cp" io.portcullis.models.internal.ModelCallsBenchmark

echo "== 3: first streamed delta through the server"
cp -r "$dist" "$work/server"
admin="pk_$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')_$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
PORTCULLIS_DATA="$work/data" PORTCULLIS_HTTP_PORT=$port PORTCULLIS_ADMIN_KEY="$admin" \
  "$work/server/bin/portcullis" >"$work/server.log" 2>&1 &
pid=$!
base="http://127.0.0.1:$port"
until curl -sf -o /dev/null "$base/health/ready"; do
  kill -0 "$pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.2
done
java -Dn="${STREAMS:-200}" -DpauseMs="${PAUSE_MS:-5}" -Dslf4j.internal.verbosity=ERROR -cp "$cp" \
  io.portcullis.models.internal.FirstDeltaBenchmark "$base" "$admin" "$work/server/config" \
  || { tail -50 "$work/server.log" >&2; exit 1; }
echo "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
