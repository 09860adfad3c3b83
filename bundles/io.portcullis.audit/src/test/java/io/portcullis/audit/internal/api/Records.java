package io.portcullis.audit.internal.api;

import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.Decision;
import java.time.Instant;
import java.util.Map;

/** Reads a record back from its JSON form (a query item or an export line), as an offline verifier would. */
final class Records {

    private Records() {}

    @SuppressWarnings("unchecked")
    static AuditRecord of(Map<String, Object> json) {
        Map<String, Object> actor = (Map<String, Object>) json.get("actor");
        return new AuditRecord(
                (String) json.get("chain"),
                ((Number) json.get("sequence")).longValue(),
                Instant.parse((String) json.get("time")),
                (String) json.get("workspace_id"),
                new Actor((String) actor.get("kind"), (String) actor.get("id"), (String) actor.get("credential_id")),
                (String) json.get("action"),
                (String) json.get("target"),
                Decision.parse((String) json.get("decision")).orElseThrow(),
                (String) json.get("reason_code"),
                (String) json.get("reason_text"),
                (String) json.get("arguments_hmac"),
                json.get("result_status") == null ? null : ((Number) json.get("result_status")).intValue(),
                json.get("latency_ms") == null ? null : ((Number) json.get("latency_ms")).longValue(),
                (String) json.get("request_id"),
                (String) json.get("previous_hash"),
                (String) json.get("hash"));
    }
}
