#!/usr/bin/env bash
# Plugin hosts in the real server (issue 14): with 10 sandboxed plugins running at once, does the
# server still answer /health/ready fast? Prints, in one run on one server:
#   - /health/ready latency p50/p99 with no plugin running (baseline) and with 10 plugin hosts up
#     (goal: p99 <= 10 ms), and their ratio;
#   - grant -> first successful tool call, per plugin (cold start through the API; goal <= 1.5 s);
#   - a tool call through the server (p50/p99), and each host's resident memory (goal <= 80 MB).
# Needs the distribution built (mvn -DskipTests verify), curl, jq, bwrap, and the noop test plugin
# (itests/plugins/io.portcullis.itest.plugin.noop/target). Loopback only; bounded (N requests each).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
dist="$top/distribution/target/portcullis"
noop=$(ls "$top"/itests/plugins/io.portcullis.itest.plugin.noop/target/io.portcullis.itest.plugin.noop-*.jar 2>/dev/null | head -1)
[ -x "$dist/bin/portcullis" ] && [ -n "$noop" ] || { echo "build first: mvn -DskipTests verify" >&2; exit 1; }
for tool in curl jq bwrap jar; do command -v $tool >/dev/null || { echo "$tool is missing" >&2; exit 1; }; done
port=${PORT:-18082}
n=${N:-500}
plugins=${PLUGINS:-10}
work=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
base="http://127.0.0.1:$port"

cp -r "$dist" "$work/server"
rm -f "$work/server/deploy/"*.jar
PORTCULLIS_DATA="$work/data" PORTCULLIS_HTTP_PORT=$port "$work/server/bin/portcullis" >"$work/server.log" 2>&1 &
pid=$!
until curl -sf -o /dev/null "$base/health/ready"; do
  kill -0 "$pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.1
done
admin=$(cat "$work/data/admin.key")
created=$(curl -sf -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d '{"name":"Bench","owner":{"name":"Bench owner"}}' "$base/api/v1/workspaces")
ws=$(jq -r .workspace.id <<<"$created")
key=$(jq -r .api_key.key <<<"$created")

# p50 and p99, in ms, of N sequential GETs of $1 (curl's own time for the request, not its start-up).
latency() {
  for _ in $(seq "$n"); do curl -s -o /dev/null -w '%{time_total}\n' "$@"; done \
    | sort -n | awk '{ t[NR] = $1 * 1000 } END { printf "%.2f %.2f", t[int(NR * 0.5)], t[int(NR * 0.99)] }'
}
now_ms() { date +%s%3N; }

latency "$base/health/ready" >/dev/null   # warm-up
read -r base50 base99 <<<"$(latency "$base/health/ready")"

# Copies of the noop plugin, each with its own symbolic name and tool name.
starts=()
for i in $(seq "$plugins"); do
  dir="$work/noop$i"; mkdir -p "$dir"; (cd "$dir" && jar xf "$noop")
  sed -i "s/^Bundle-SymbolicName: .*/Bundle-SymbolicName: io.portcullis.bench.noop$i/" "$dir/META-INF/MANIFEST.MF"
  sed -i "s/bench\.noop\"/bench.noop$i\"/; s/value=\"bench\.noop\"/value=\"bench.noop$i\"/" "$dir"/OSGI-INF/*.xml
  jar --create --file "$work/noop$i.jar" --manifest "$dir/META-INF/MANIFEST.MF" -C "$dir" .
  id="io.portcullis.bench.noop$i"
  curl -sf -o /dev/null -H "Authorization: Bearer $admin" -H 'Content-Type: application/java-archive' \
    --data-binary @"$work/noop$i.jar" "$base/api/v1/plugins"
  t0=$(now_ms)
  curl -sf -o /dev/null -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d '{"scopes":["net.egress"]}' "$base/api/v1/plugins/$id/grant"
  curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $key" "$base/api/v1/workspaces/$ws/plugins/$id"
  until curl -sf -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d '{"arguments":{}}' \
      "$base/api/v1/workspaces/$ws/tools/bench.noop$i/invocations" | jq -e '.status == "ok"' >/dev/null; do
    sleep 0.02
  done
  starts+=($(( $(now_ms) - t0 )))
done

call="$base/api/v1/workspaces/$ws/tools/bench.noop1/invocations"
latency -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d '{"arguments":{}}' "$call" >/dev/null
read -r call50 call99 <<<"$(latency -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d '{"arguments":{}}' "$call")"
latency "$base/health/ready" >/dev/null
read -r hosts50 hosts99 <<<"$(latency "$base/health/ready")"
rss=$(for i in $(seq "$plugins"); do
  curl -sf -H "Authorization: Bearer $admin" "$base/api/v1/plugins/io.portcullis.bench.noop$i" | jq -r '.host.rss_bytes'
done | sort -n | awk '{ m[NR] = $1 / 1048576 } END { printf "%.0f %.0f", m[int((NR + 1) / 2)], m[NR] }')
read -r rss50 rssmax <<<"$rss"
sorted=$(printf '%s\n' "${starts[@]}" | sort -n | tr '\n' ' ')

echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "GET /health/ready, no plugin host:        p50 $base50 ms   p99 $base99 ms   ($n requests)"
echo "GET /health/ready, $plugins plugin hosts up:     p50 $hosts50 ms   p99 $hosts99 ms   (goal p99 <= 10 ms)"
awk -v a="$hosts99" -v b="$base99" 'BEGIN { printf "ratio p99 with hosts / without: %.2f\n", a / b }'
echo "grant -> first successful call, ms (sorted): $sorted(goal <= 1500)"
echo "tool call through the server (noop, sandboxed): p50 $call50 ms   p99 $call99 ms"
echo "host resident memory: median $rss50 MB, largest $rssmax MB (goal <= 80 MB)"
