#!/usr/bin/env bash
# Durable audit appends per second through the group-commit writer with 1, 16 and 64 appending threads,
# against one INSERT + one commit per record in the same run, on file H2 (the store's URL) and embedded
# PostgreSQL; prints appends/s, baseline/s and their ratio (issue 5, goal >= 30,000/s and >= 10x).
# Build first (mvn -DskipTests install at the top). SECONDS_PER_RUN (default 5) sets each window.
set -euo pipefail
cd "$(dirname "$0")"
mvn -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >/dev/null
exec java -cp "target/classes:$(cat target/classpath.txt)" io.portcullis.audit.internal.writer.AuditAppendBenchmark "$@"
