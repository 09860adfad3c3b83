package io.portcullis.audit.internal.api;

import io.portcullis.audit.AuditRecord;
import java.io.IOException;
import java.io.Writer;
import org.jspecify.annotations.Nullable;

/**
 * One record as one line of JSON, for the export: the fields of {@link Views.Record} in the same order,
 * absent ones as {@code null}, the time exactly as hashed ({@link java.time.Instant#toString()}), then a
 * line feed. Written by hand rather than with Jackson (which this bundle does not import) so that the
 * format an offline verifier reads is spelled out here: see docs/audit.md.
 */
final class JsonLines {

    static final String CONTENT_TYPE = "application/jsonl";

    private JsonLines() {}

    static void write(Writer out, AuditRecord r) throws IOException {
        out.write("{\"chain\":");
        string(out, r.chain());
        out.write(",\"sequence\":");
        out.write(Long.toString(r.sequence()));
        out.write(",\"time\":");
        string(out, r.time().toString());
        field(out, "workspace_id", r.workspaceId());
        out.write(",\"actor\":{\"kind\":");
        string(out, r.actor().kind());
        field(out, "id", r.actor().id());
        field(out, "credential_id", r.actor().credentialId());
        out.write('}');
        field(out, "action", r.action());
        field(out, "target", r.target());
        field(out, "decision", r.decision().id());
        field(out, "reason_code", r.reasonCode());
        field(out, "reason_text", r.reasonText());
        field(out, "arguments_hmac", r.argumentsHmac());
        number(out, "result_status", r.resultStatus());
        number(out, "latency_ms", r.latencyMillis());
        field(out, "request_id", r.requestId());
        field(out, "previous_hash", r.previousHash());
        field(out, "hash", r.hash());
        out.write("}\n");
    }

    private static void field(Writer out, String name, @Nullable String value) throws IOException {
        out.write(",\"");
        out.write(name);
        out.write("\":");
        string(out, value);
    }

    private static void number(Writer out, String name, @Nullable Number value) throws IOException {
        out.write(",\"");
        out.write(name);
        out.write("\":");
        out.write(value == null ? "null" : value.toString());
    }

    /** A JSON string: quote, backslash and control characters escaped, everything else as is (UTF-8). */
    static void string(Writer out, @Nullable String value) throws IOException {
        if (value == null) {
            out.write("null");
            return;
        }
        out.write('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.write("\\\"");
                case '\\' -> out.write("\\\\");
                case '\n' -> out.write("\\n");
                case '\r' -> out.write("\\r");
                case '\t' -> out.write("\\t");
                default -> {
                    if (c < 0x20) {
                        out.write(String.format("\\u%04x", (int) c));
                    } else {
                        out.write(c);
                    }
                }
            }
        }
        out.write('"');
    }
}
