#!/usr/bin/env bash
# Runs the JMH suites of this module: benchmarks/jmh.sh [regex] [JMH options]. Build first.
set -euo pipefail
cd "$(dirname "$0")"
mvn -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >/dev/null
exec java -cp "target/classes:$(cat target/classpath.txt)" org.openjdk.jmh.Main "$@"
