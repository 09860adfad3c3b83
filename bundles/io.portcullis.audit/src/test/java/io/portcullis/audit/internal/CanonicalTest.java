package io.portcullis.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.Decision;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The encoding is a published format (docs/audit.md): exports verified offline depend on it. The
 * expected hash was computed from the documented rules by an independent script, not by this code.
 */
class CanonicalTest {

    private static final AuditRecord RECORD = new AuditRecord(
            "ws1",
            7,
            Instant.parse("2030-01-02T03:04:05.123456Z"),
            "ws1",
            new Actor(Actor.API_KEY, "key1", "key1"),
            "http.request",
            "GET /api/v1/workspaces/{ws}/members",
            Decision.ALLOWED,
            null,
            "caf\u00e9 \u2713",
            "ab".repeat(32),
            200,
            12L,
            "req-1",
            "c".repeat(64),
            "");

    @Test
    void theHashIsStableAcrossVersions() {
        assertThat(Canonical.hash(RECORD))
                .isEqualTo("34f6d709be869fefb168dc1f9d40b915aa107b3fc9e6cc01351b02c31ce6c0a1");
        assertThat(Canonical.encode(RECORD)).hasSize(281);
    }

    @Test
    void everyFieldAndTheLinkCountAndAbsentDiffersFromEmpty() {
        String hash = Canonical.hash(RECORD);
        assertThat(Canonical.hash(with(RECORD, "ws1", null))).isNotEqualTo(hash); // reason code null vs ""
        assertThat(Canonical.hash(new AuditRecord(
                        RECORD.chain(),
                        8,
                        RECORD.time(),
                        RECORD.workspaceId(),
                        RECORD.actor(),
                        RECORD.action(),
                        RECORD.target(),
                        RECORD.decision(),
                        RECORD.reasonCode(),
                        RECORD.reasonText(),
                        RECORD.argumentsHmac(),
                        RECORD.resultStatus(),
                        RECORD.latencyMillis(),
                        RECORD.requestId(),
                        RECORD.previousHash(),
                        "")))
                .isNotEqualTo(hash);
        assertThat(Canonical.hash(new AuditRecord(
                        RECORD.chain(),
                        7,
                        RECORD.time(),
                        RECORD.workspaceId(),
                        RECORD.actor(),
                        RECORD.action(),
                        RECORD.target(),
                        RECORD.decision(),
                        RECORD.reasonCode(),
                        RECORD.reasonText(),
                        RECORD.argumentsHmac(),
                        RECORD.resultStatus(),
                        RECORD.latencyMillis(),
                        RECORD.requestId(),
                        "d".repeat(64),
                        "")))
                .isNotEqualTo(hash);
        assertThat(Canonical.hash(RECORD)).isEqualTo(hash); // reusing the per-thread buffer changes nothing
    }

    @Test
    void timesAreEncodedExactlyAsInstantToStringWritesThem() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(-62_000_000_000L, 260_000_000_000L); // years ~0005 to ~10200
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant time = Instant.ofEpochSecond(seconds, nanos);
            AuditRecord record = new AuditRecord(
                    "c",
                    1,
                    time,
                    null,
                    new Actor("k", "i", null),
                    "a",
                    null,
                    Decision.ALLOWED,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    "0".repeat(64),
                    "");
            String encoded = new String(Canonical.encode(record), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(encoded).as("%s", time).contains(time.toString());
            int at = encoded.indexOf(time.toString());
            int declared = (encoded.charAt(at - 4) << 24)
                    | (encoded.charAt(at - 3) << 16)
                    | (encoded.charAt(at - 2) << 8)
                    | encoded.charAt(at - 1);
            assertThat(declared).as("%s", time).isEqualTo(time.toString().length());
        }
    }

    private static AuditRecord with(AuditRecord r, String chain, String ignored) {
        return new AuditRecord(
                chain,
                r.sequence(),
                r.time(),
                r.workspaceId(),
                r.actor(),
                r.action(),
                r.target(),
                r.decision(),
                "",
                r.reasonText(),
                r.argumentsHmac(),
                r.resultStatus(),
                r.latencyMillis(),
                r.requestId(),
                r.previousHash(),
                "");
    }
}
