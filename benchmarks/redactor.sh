#!/usr/bin/env bash
# Redactor throughput by input shape (issue 12): benchmarks/redactor.sh [shape ...]. Build first.
# Prints MB/s of the redactor and of a plain copy of the same text, and their ratio, per shape.
set -euo pipefail
cd "$(dirname "$0")"
mvn -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >/dev/null
exec java -Xmx2g -cp "${REDACTOR_CLASSES:+$REDACTOR_CLASSES:}target/classes:$(cat target/classpath.txt)" \
    io.portcullis.vault.internal.redaction.RedactorShapesBenchmark "$@"
