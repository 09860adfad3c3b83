#!/usr/bin/env bash
# Throughput of an authenticated, rate-limited GET against the unauthenticated /health/live, in the
# same run on the same server: prints both requests per second and their ratio (goal >= 0.9).
# Needs the distribution built (mvn -DskipTests install), curl and wrk (apt-get install wrk).
# Loopback only; each wrk run is bounded (DURATION, default 10s).
set -euo pipefail
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk" >&2; exit 1; }
top=$(cd "$(dirname "$0")/.." && pwd)
dist="$top/distribution/target/portcullis"
[ -x "$dist/bin/portcullis" ] || { echo "build the distribution first: mvn -DskipTests install" >&2; exit 1; }
port=${PORT:-18081}
duration=${DURATION:-10s}
work=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
base="http://127.0.0.1:$port"

# A generous limit, so the benchmark measures the check, not refusals.
cp -r "$dist" "$work/server"
sed -i 's/^rateLimits.*//' "$work/server/config/io.portcullis.web.cfg"
echo 'rateLimits = owner=1000000,default=1000000' >> "$work/server/config/io.portcullis.web.cfg"
PORTCULLIS_DATA="$work/data" PORTCULLIS_HTTP_PORT=$port "$work/server/bin/portcullis" >"$work/server.log" 2>&1 &
pid=$!
until curl -sf -o /dev/null "$base/health/ready"; do
  kill -0 "$pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.1
done
admin=$(cat "$work/data/admin.key")
created=$(curl -sf -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d '{"name":"Bench","owner":{"name":"Bench owner"}}' "$base/api/v1/workspaces")
ws=$(printf '%s' "$created" | sed -E 's/.*"workspace":\{[^}]*"id":"([^"]+)".*/\1/')
key=$(printf '%s' "$created" | sed -E 's/.*"key":"(pk_[^"]+)".*/\1/')
target="$base/api/v1/workspaces/$ws/members"
curl -sf -o /dev/null -H "Authorization: Bearer $key" "$target" || { echo "the authenticated GET failed" >&2; exit 1; }

rps() { wrk -t2 -c16 -d"$duration" "$@" | awk '/Requests\/sec/ {print $2}'; }
wrk -t2 -c16 -d2s "$base/health/live" >/dev/null   # warm-up
wrk -t2 -c16 -d2s -H "Authorization: Bearer $key" "$target" >/dev/null
health=$(rps "$base/health/live")
authed=$(rps -H "Authorization: Bearer $key" "$target")
echo "unauthenticated GET /health/live:              $health req/s"
echo "authenticated, rate-limited GET .../members:    $authed req/s"
awk -v a="$authed" -v h="$health" 'BEGIN { printf "ratio authenticated / health: %.2f (goal >= 0.9)\n", a / h }'
