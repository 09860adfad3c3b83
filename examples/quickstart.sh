#!/usr/bin/env bash
# The README's walkthrough, run against a running server and checked answer by answer.
#
#   BASE=http://127.0.0.1:8080 ADMIN=$(cat data/admin.key) examples/quickstart.sh
#
# BASE defaults to the README's http://127.0.0.1:8080, ADMIN to the key in the checkout's data/admin.key
# (where ./portcullis keeps it). Run it once against a fresh server: it creates a workspace, uploads, grants
# and finally uninstalls the example plugin, and grants the shipped http.fetch plugin.
#
# The commands between the "README" markers are the README's shell blocks, verbatim (QuickstartIT compares
# them); what follows each block checks the answers. Calls to the public internet are skipped unless
# QUICKSTART_INTERNET=1. Needs bash, curl and jq.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in curl jq; do
    if ! command -v "$tool" >/dev/null; then
        echo "quickstart: '$tool' is needed (for example: apt-get install -y $tool)" >&2
        exit 2
    fi
done

BASE=${BASE:-http://127.0.0.1:8080}
ADMIN=${ADMIN:-$(cat data/admin.key)}

# Every call of the walkthrough goes through this curl: it prints the body as curl -s would, and keeps the
# body and the status of each call of the current step for the checks.
CALLS=$(mktemp -d "${TMPDIR:-/tmp}/quickstart.XXXXXX")
trap 'rm -rf "$CALLS"' EXIT
echo 0 >"$CALLS/count"
STEP="start"
FIRST=1

curl() {
    local n
    n=$(($(cat "$CALLS/count") + 1))
    echo "$n" >"$CALLS/count"
    if ! command curl -sS -o "$CALLS/$n.body" -w '%{http_code}' "$@" >"$CALLS/$n.status"; then
        echo "000" >"$CALLS/$n.status"
    fi
    cat "$CALLS/$n.body"
}

fail() {
    local n=${BAD_CALL:-$(cat "$CALLS/count")}
    echo >&2
    echo "quickstart: FAILED at step '$STEP': $*" >&2
    if [ "$n" -ge "$FIRST" ] && [ -f "$CALLS/$n.body" ]; then
        echo "quickstart: answer $((n - FIRST + 1)) of the step was HTTP $(cat "$CALLS/$n.status"): $(cat "$CALLS/$n.body")" >&2
    fi
    exit 1
}
trap 'fail "command failed: $BASH_COMMAND"' ERR

step() {
    STEP=$1
    FIRST=$(($(cat "$CALLS/count") + 1))
    echo
    echo "== $STEP"
}

# The statuses of the step's calls, in order.
expect() {
    local want=("$@") got="" i status
    for ((i = FIRST; i <= $(cat "$CALLS/count"); i++)); do
        status=$(cat "$CALLS/$i.status")
        got="$got${got:+ }$status"
        if [ -z "${BAD_CALL:-}" ] && [ "$status" != "${want[i - FIRST]:-none}" ]; then
            BAD_CALL=$i
        fi
    done
    [ "$got" = "${want[*]}" ] || fail "expected HTTP ${want[*]}, got ${got:-no call}"
    echo
    echo "ok: HTTP ${want[*]}"
}

# A jq test on the body of the step's call number $1 (1 = its first call).
expect_json() {
    local body="$CALLS/$((FIRST + $1 - 1)).body"
    jq -e "$2" "$body" >/dev/null || { BAD_CALL=$((FIRST + $1 - 1)); fail "expected $2 in answer $1"; }
}

# A variable set from an answer: present, and shaped as expected.
expect_var() {
    local name=$1 pattern=$2
    [[ ${!name} =~ $pattern ]] || fail "\$$name is '${!name}', expected $pattern"
}

echo "quickstart against $BASE"

step "create a workspace"
# README
WORKSPACE=$(curl -s -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"name":"Acme support","owner":{"name":"Ada"}}' "$BASE/api/v1/workspaces")
WS=$(jq -r .workspace.id <<<"$WORKSPACE")
KEY=$(jq -r .api_key.key <<<"$WORKSPACE")
# /README
expect 201
expect_var WS '^[0-9a-f]{24}$'
expect_var KEY '^pk_[0-9a-f]{24}_[0-9a-f]+$'
expect_json 1 '.owner.role == "owner" and .api_key.role == "owner"'

step "invite a member and accept the invite"
# README
TOKEN=$(curl -s -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -d '{"name":"Grace","role":"operator"}' "$BASE/api/v1/workspaces/$WS/invites" | jq -r .token)
OPERATOR=$(curl -s -H 'Content-Type: application/json' -d '{"token":"'"$TOKEN"'"}' \
  "$BASE/api/v1/invites/accept" | jq -r .api_key.key)
# /README
expect 201 201
expect_var TOKEN '^pi_'
expect_var OPERATOR '^pk_'
expect_json 1 '.role == "operator" and .expires_at != null'
expect_json 2 '.workspace_id == "'"$WS"'" and .member.role == "operator"'

step "create an API key (a viewer key by default) and use it"
# README
VIEWER=$(curl -s -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -d '{"name":"dashboard"}' "$BASE/api/v1/workspaces/$WS/api-keys" | jq -r .key)
curl -s -H "Authorization: Bearer $VIEWER" "$BASE/api/v1/workspaces/$WS/members"
# /README
expect 201 200
expect_var VIEWER '^pk_'
expect_json 1 '.role == "viewer" and .effective_role == "viewer"'
expect_json 2 '([.items[].name] | sort) == ["Ada","Grace"]'

step "store a credential"
# README
GITHUB_TOKEN=${GITHUB_TOKEN:-not-a-real-token}   # a real token if you have one
CRED=$(curl -s -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -d '{"name":"github","kind":"bearer_token","value":"'"$GITHUB_TOKEN"'","metadata":{"account":"acme-bot"},
       "allowed_hosts":["api.github.com"]}' \
  "$BASE/api/v1/workspaces/$WS/credentials" | jq -r .id)
# /README
expect 201
expect_var CRED '^[0-9a-f]{24}$'
expect_json 1 '.kind == "bearer_token" and (.fingerprint | startswith("fp_")) and has("value") == false'
if grep -qF "$GITHUB_TOKEN" "$CALLS/$FIRST.body"; then
    fail "the credential's value came back in the answer"
fi

step "read and verify the audit log"
# README
curl -s -H "Authorization: Bearer $KEY" "$BASE/api/v1/workspaces/$WS/audit?limit=5"
curl -s -H "Authorization: Bearer $KEY" "$BASE/api/v1/workspaces/$WS/audit/verify"
# /README
expect 200 200
expect_json 1 '(.items | length) == 5'
expect_json 2 '.ok == true'

step "list the scope catalogue"
# README
curl -s -H "Authorization: Bearer $KEY" "$BASE/api/v1/scopes"
# /README
expect 200
expect_json 1 '[.items[] | select(.name == "net.raw") | .grantable] == [false]'

step "upload the example plugin"
# README
curl -s -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/java-archive' \
  --data-binary @examples/io.portcullis.example.linkcheck/target/io.portcullis.example.linkcheck-0.1.0-SNAPSHOT.jar \
  "$BASE/api/v1/plugins"
# /README
expect 201
expect_json 1 '.id == "io.portcullis.example.linkcheck" and .status == "pending"'
expect_json 1 '.requested_scopes == ["net.egress","vault.use"] and .findings == []'

step "grant the example plugin"
# README
curl -s -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"scopes":["net.egress","vault.use"]}' \
  "$BASE/api/v1/plugins/io.portcullis.example.linkcheck/grant"
# /README
expect 200
expect_json 1 '.status == "active" and .granted_scopes == ["net.egress","vault.use"]'

step "enable the example plugin in the workspace and bind the credential to it"
# README
curl -s -X PUT -H "Authorization: Bearer $KEY" \
  "$BASE/api/v1/workspaces/$WS/plugins/io.portcullis.example.linkcheck"
curl -s -X PUT -H "Authorization: Bearer $KEY" \
  "$BASE/api/v1/workspaces/$WS/credentials/$CRED/bindings/io.portcullis.example.linkcheck"
curl -s -H "Authorization: Bearer $KEY" "$BASE/api/v1/workspaces/$WS/plugins"
# /README
expect 200 204 200
expect_json 1 '.enabled == true'
expect_json 3 '[.items[] | select(.id == "io.portcullis.example.linkcheck") | .enabled] == [true]'

# Not in the README: the deploy watcher installs the shipped plugin within about a second of the start.
for ((i = 0; i < 60; i++)); do
    status=$(command curl -s -H "Authorization: Bearer $ADMIN" "$BASE/api/v1/plugins/io.portcullis.tool.http" \
        | jq -r '.status // empty')
    [ "$status" = pending ] && break
    sleep 0.5
done

step "grant the shipped http.fetch plugin and enable it in the workspace"
# README
curl -s -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"scopes":["net.egress","vault.use"]}' "$BASE/api/v1/plugins/io.portcullis.tool.http/grant"
curl -s -X PUT -H "Authorization: Bearer $KEY" "$BASE/api/v1/workspaces/$WS/plugins/io.portcullis.tool.http"
# /README
expect 200 200
expect_json 1 '.status == "active"'
expect_json 2 '.enabled == true'

step "set the workspace policy"
# README
curl -s -X PATCH -H "Authorization: Bearer $KEY" -H 'Content-Type: application/merge-patch+json' \
  -d '{"four_eyes":true,"egress":{"deny_hosts":["*.internal.example.com"]}}' \
  "$BASE/api/v1/workspaces/$WS/policy"
# /README
expect 200
expect_json 1 '.four_eyes == true and .egress.deny_hosts == ["*.internal.example.com"]'

step "list the workspace's tools"
# README
curl -s -H "Authorization: Bearer $OPERATOR" "$BASE/api/v1/workspaces/$WS/tools"
# /README
expect 200
expect_json 1 '[.items[].name] == ["example.link-check","http.fetch"]'

step "call http.fetch on a public site (public internet)"
if [ "${QUICKSTART_INTERNET:-0}" = 1 ]; then
# README
curl -s -H "Authorization: Bearer $OPERATOR" -H 'Content-Type: application/json' \
  -d '{"arguments":{"url":"https://example.com/"},"run_id":"run-42","timeout_ms":10000}' \
  "$BASE/api/v1/workspaces/$WS/tools/http.fetch/invocations"
# /README
    expect 200
    expect_json 1 '.status == "ok" and .result.untrusted == true'
else
    echo "skipped: it reaches the public internet (QUICKSTART_INTERNET=1 runs it)"
fi

step "call http.fetch on the server itself: the egress guard refuses it"
# README
curl -s -H "Authorization: Bearer $OPERATOR" -H 'Content-Type: application/json' \
  -d '{"arguments":{"url":"'"$BASE"'/health/live"},"run_id":"run-42"}' \
  "$BASE/api/v1/workspaces/$WS/tools/http.fetch/invocations"
# /README
expect 200
expect_json 1 '.status == "error" and .error.code == "tool_error" and .error.untrusted == true'
expect_json 1 '.error.provenance.plugin == "io.portcullis.tool.http"'

step "a write call waits for an approval, which the owner denies"
# README
APPROVAL=$(curl -s -H "Authorization: Bearer $OPERATOR" -H 'Content-Type: application/json' \
  -d '{"arguments":{"url":"https://example.com/hooks","method":"POST","body":"hello"},"run_id":"run-42"}' \
  "$BASE/api/v1/workspaces/$WS/tools/http.fetch/invocations" | jq -r .approval_id)
curl -s -H "Authorization: Bearer $KEY" "$BASE/api/v1/workspaces/$WS/approvals/$APPROVAL"
curl -s -X POST -H "Authorization: Bearer $KEY" "$BASE/api/v1/workspaces/$WS/approvals/$APPROVAL/deny"
# /README
expect 202 200 200
expect_var APPROVAL '^[0-9a-f]{24}$'
expect_json 1 '.status == "pending"'
expect_json 2 '.status == "pending" and .tool == "http.fetch" and .risk == "write"'
expect_json 3 '.status == "denied"'

# Not in the README: the deploy watcher installs the shipped provider plugins within about a second of the start.
for ((i = 0; i < 60; i++)); do
    status=$(command curl -s -H "Authorization: Bearer $ADMIN" "$BASE/api/v1/plugins/io.portcullis.model.openai" \
        | jq -r '.status // empty')
    [ "$status" = pending ] && break
    sleep 0.5
done

step "grant the OpenAI-compatible provider and price a model"
# README
curl -s -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"scopes":["net.egress","vault.use"]}' "$BASE/api/v1/plugins/io.portcullis.model.openai/grant"
curl -s -X PUT -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"plugin_id":"io.portcullis.model.openai","model":"gpt-4o-mini","input_micros_per_million":150000,"output_micros_per_million":600000}' \
  "$BASE/api/v1/model-prices"
# /README
expect 200 200
expect_json 1 '.status == "active"'
expect_json 2 '.model == "gpt-4o-mini" and .input_micros_per_million == 150000'

step "store the provider key, set up a model profile and a budget"
# README
MODEL_KEY=$(curl -s -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -d '{"name":"openai","kind":"bearer_token","value":"sk-replace-with-your-key","allowed_hosts":["api.openai.com"]}' \
  "$BASE/api/v1/workspaces/$WS/credentials" | jq -r .id)
curl -s -X PUT -H "Authorization: Bearer $KEY" \
  "$BASE/api/v1/workspaces/$WS/credentials/$MODEL_KEY/bindings/io.portcullis.model.openai"
curl -s -X PUT -H "Authorization: Bearer $KEY" "$BASE/api/v1/workspaces/$WS/plugins/io.portcullis.model.openai"
curl -s -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -d '{"name":"assistant","plugin":"io.portcullis.model.openai","model":"gpt-4o-mini","credential":"'"$MODEL_KEY"'","max_tokens":512}' \
  "$BASE/api/v1/workspaces/$WS/models"
curl -s -X PUT -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -d '{"monthly_limit_micros":5000000,"calls_per_minute":30,"tokens_per_minute":100000}' \
  "$BASE/api/v1/workspaces/$WS/budget"
# /README
expect 201 204 200 201 200
expect_var MODEL_KEY '^[0-9a-f]{24}$'
expect_json 4 '.name == "assistant" and .max_tokens == 512'
expect_json 5 '.monthly_limit_micros == 5000000'

step "a model without a price is refused before anything leaves the server"
# README
curl -s -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -d '{"name":"unpriced","plugin":"io.portcullis.model.openai","model":"gpt-4.1","credential":"'"$MODEL_KEY"'"}' \
  "$BASE/api/v1/workspaces/$WS/models"
curl -s -H "Authorization: Bearer $OPERATOR" -H 'Content-Type: application/json' \
  -d '{"model":"unpriced","messages":[{"role":"user","content":"Hello"}]}' \
  "$BASE/api/v1/workspaces/$WS/completions"
# /README
expect 201 409
expect_json 2 '.kind == "unpriced"'

step "stream a completion (public internet, needs a real key)"
if [ "${QUICKSTART_INTERNET:-0}" = 1 ]; then
# README
curl -s -N -H "Authorization: Bearer $OPERATOR" -H 'Content-Type: application/json' \
  -H 'Accept: text/event-stream' \
  -d '{"model":"assistant","messages":[{"role":"user","content":"Say hello in five words."}]}' \
  "$BASE/api/v1/workspaces/$WS/completions"
# /README
    expect 200
else
    echo "skipped: it reaches the public internet with a real key (QUICKSTART_INTERNET=1 runs it)"
fi

step "read the workspace's usage"
# README
curl -s -H "Authorization: Bearer $OPERATOR" "$BASE/api/v1/workspaces/$WS/usage"
# /README
expect 200
expect_json 1 '.limit_micros == 5000000 and .reserved_micros == 0'

step "create an agent that hands refunds to a person"
# README
AGENT=$(curl -s -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -d '{"name":"support","instructions":"You answer questions about our product, briefly.","model_profile":"assistant","limits":{"model_calls":6,"tool_calls_per_turn":2},"handoff":{"keywords":["refund","chargeback"],"message":"Thanks! A colleague will answer you here shortly."}}' \
  "$BASE/api/v1/workspaces/$WS/agents" | jq -r .id)
# /README
expect 201
expect_var AGENT '^[0-9a-f]{24}$'
expect_json 1 '.version == 1 and .limits.model_calls == 6 and .limits.max_tokens == 1024'

step "open a conversation and post a customer's message"
# README
CONVERSATION=$(curl -s -H "Authorization: Bearer $OPERATOR" -H 'Content-Type: application/json' \
  -d '{"agent_id":"'"$AGENT"'"}' "$BASE/api/v1/workspaces/$WS/conversations" | jq -r .id)
RUN=$(curl -s -H "Authorization: Bearer $OPERATOR" -H 'Content-Type: application/json' \
  -d '{"content":"Hello, I would like a refund for order 1234.","author":"customer"}' \
  "$BASE/api/v1/workspaces/$WS/conversations/$CONVERSATION/messages" | jq -r .run.id)
curl -s -H "Authorization: Bearer $OPERATOR" "$BASE/api/v1/workspaces/$WS/runs/$RUN"
# /README
expect 201 202 200
expect_var RUN '^[0-9a-f]{24}$'
expect_json 2 '.message.trust == "untrusted" and .run.label == "untrusted"'

step "follow the run's events to its end"
# README
curl -s -N -H "Authorization: Bearer $OPERATOR" "$BASE/api/v1/workspaces/$WS/runs/$RUN/events"
# /README
expect 200
grep -q '^event: run.end' "$CALLS/$FIRST.body" || fail "expected a run.end event"
grep -q '"state":"handed_off"' "$CALLS/$FIRST.body" || fail "expected the run to be handed off"

step "read the transcript and take the escalation from the review queue"
# README
curl -s -H "Authorization: Bearer $OPERATOR" "$BASE/api/v1/workspaces/$WS/conversations/$CONVERSATION/messages"
ITEM=$(curl -s -H "Authorization: Bearer $OPERATOR" "$BASE/api/v1/workspaces/$WS/review?status=open" | jq -r '.items[0].id')
curl -s -X PATCH -H "Authorization: Bearer $OPERATOR" -H 'Content-Type: application/json' \
  -d '{"status":"in_progress","assignee":"grace"}' "$BASE/api/v1/workspaces/$WS/review/$ITEM"
# /README
expect 200 200 200
expect_json 1 '.items[-1].content == "Thanks! A colleague will answer you here shortly." and .items[-1].visibility == "customer"'
expect_json 2 '.items[0].reason == "handoff_keyword" and .items[0].run_id == "'"$RUN"'"'
expect_json 3 '.status == "in_progress" and .assignee == "grace"'

step "add an internal note"
# README
curl -s -H "Authorization: Bearer $OPERATOR" -H 'Content-Type: application/json' \
  -d '{"content":"Order 1234 was shipped late; offer the 10% voucher."}' \
  "$BASE/api/v1/workspaces/$WS/conversations/$CONVERSATION/notes"
# /README
expect 201
expect_json 1 '.role == "note" and .visibility == "internal"'

step "decide what a tainted run's tool calls need"
# README
curl -s -X PATCH -H "Authorization: Bearer $KEY" -H 'Content-Type: application/merge-patch+json' \
  -d '{"tainted_calls":{"read":"allow","write":"approve","destructive":"deny"}}' \
  "$BASE/api/v1/workspaces/$WS/policy"
# /README
expect 200
expect_json 1 '.tainted_calls.destructive == "deny" and (.version | length) == 64'

step "revoke and uninstall the example plugin"
# README
curl -s -X POST -H "Authorization: Bearer $ADMIN" \
  "$BASE/api/v1/plugins/io.portcullis.example.linkcheck/revoke"
curl -s -X DELETE -H "Authorization: Bearer $ADMIN" \
  "$BASE/api/v1/plugins/io.portcullis.example.linkcheck"
# /README
expect 200 204
expect_json 1 '.status == "revoked"'

echo
echo "quickstart: all steps passed"
