package io.portcullis.audit.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.Decision;
import io.portcullis.audit.internal.Canonical;
import io.portcullis.web.testing.FakeRequest;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A line of the export is one JSON object that gives back every field exactly, and the same as the query's view. */
class JsonLinesTest {

    static final String NASTY = "quote \" backslash \\ slash / newline \n tab \t nul \0 bell \u0007 esc \u001b"
            + " del \u007f line sep \u2028 ünïcødé ✓ emoji \uD83D\uDE00";

    @Test
    void everyFieldReadsBackExactlyAndOnOneLine() throws Exception {
        AuditRecord record = TestChains.withHash(
                new AuditRecord(
                        "ws_alpha",
                        42,
                        Instant.parse("2024-05-01T10:11:12.345678Z"),
                        "ws_alpha",
                        new Actor(Actor.MEMBER, NASTY, NASTY),
                        "tool.invoke",
                        NASTY,
                        Decision.DENIED,
                        "forbidden",
                        NASTY,
                        "ab".repeat(32),
                        403,
                        17L,
                        NASTY,
                        "0".repeat(64),
                        ""),
                "");
        record = TestChains.withHash(record, Canonical.hash(record));

        String line = write(record);

        assertThat(line).endsWith("\n");
        assertThat(line.substring(0, line.length() - 1))
                .doesNotContain("\n", "\r")
                .doesNotContainPattern("[\\x00-\\x1f]");
        Map<String, Object> json = FakeRequest.JSON.readValue(line, new TypeReference<>() {});
        assertThat(Records.of(json)).isEqualTo(record);
        assertThat(json.get("time")).isEqualTo("2024-05-01T10:11:12.345678Z");
        assertThat(FakeRequest.JSON.readValue(
                        FakeRequest.json(Views.Record.of(record)), new TypeReference<Map<String, Object>>() {}))
                .isEqualTo(json);
    }

    @Test
    void absentFieldsAreNullAndTheOrderIsFixed() throws Exception {
        AuditRecord record = new AuditRecord(
                "platform",
                1,
                Instant.parse("2024-05-01T00:00:00Z"),
                null,
                Actor.system("audit"),
                "audit.prune",
                null,
                Decision.ALLOWED,
                null,
                null,
                null,
                null,
                null,
                null,
                AuditRecord.GENESIS,
                "f".repeat(64));

        assertThat(write(record))
                .isEqualTo("{\"chain\":\"platform\",\"sequence\":1,\"time\":\"2024-05-01T00:00:00Z\","
                        + "\"workspace_id\":null,\"actor\":{\"kind\":\"system\",\"id\":\"audit\",\"credential_id\":null},"
                        + "\"action\":\"audit.prune\",\"target\":null,\"decision\":\"allowed\",\"reason_code\":null,"
                        + "\"reason_text\":null,\"arguments_hmac\":null,\"result_status\":null,\"latency_ms\":null,"
                        + "\"request_id\":null,\"previous_hash\":\"" + AuditRecord.GENESIS + "\",\"hash\":\""
                        + "f".repeat(64) + "\"}\n");
    }

    private static String write(AuditRecord record) throws Exception {
        StringWriter out = new StringWriter();
        JsonLines.write(out, record);
        return out.toString();
    }
}
