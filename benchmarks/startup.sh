#!/usr/bin/env bash
# Start-up benchmark: starts the built distribution RUNS times (default 10) on one data folder (the
# first run creates it, the others are restarts) and prints the median milliseconds from exec to
# the first 200 on /health/ready, over all runs and over the restarts alone.
# Needs the distribution built (mvn -DskipTests install) and curl. Loopback only.
set -euo pipefail
runs=${RUNS:-10}
top=$(cd "$(dirname "$0")/.." && pwd)
dist="$top/distribution/target/portcullis"
[ -x "$dist/bin/portcullis" ] || { echo "build the distribution first: mvn -DskipTests install" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
port=${PORT:-18080}
times=()
for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  PORTCULLIS_DATA="$work/data" PORTCULLIS_HTTP_PORT=$port "$dist/bin/portcullis" >"$work/run-$i.log" 2>&1 &
  pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready" || true)" = 200 ]; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "run $i: the server exited; see below" >&2; cat "$work/run-$i.log" >&2; exit 1; fi
    if [ $(( ($(date +%s%N) - start) / 1000000 )) -gt 60000 ]; then echo "run $i: not ready after 60 s" >&2; kill "$pid"; exit 1; fi
    sleep 0.01
  done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  times+=("$ms")
  kill -TERM "$pid"
  wait "$pid" || { echo "run $i: exit code $? after SIGTERM" >&2; exit 1; }
  echo "run $i: ${ms} ms"
done
median() {
  local sorted=($(printf '%s\n' "$@" | sort -n)) n=$#
  if (( n % 2 )); then echo "${sorted[$((n / 2))]}"; else echo $(( (sorted[n/2 - 1] + sorted[n/2]) / 2 )); fi
}
echo "first start (new data folder): ${times[0]} ms"
(( runs > 1 )) && echo "restarts: median $(median "${times[@]:1}") ms over $((runs - 1)) runs"
echo "start-up to first ready 200 on H2: median $(median "${times[@]}") ms over ${runs} runs; goal <= 1500 ms"
