package io.portcullis.audit.internal;

import io.portcullis.audit.AuditRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The canonical encoding of a record and its chain hash, stable across versions because offline
 * verifiers depend on it (see docs/audit.md). The encoding is the ASCII tag {@value #TAG}, then each
 * field in a fixed order: an absent field as the byte 0, a present one as the byte 1, its UTF-8 length
 * as a 4-byte big-endian integer, and its UTF-8 bytes. Numbers are decimal, the time is
 * {@link java.time.Instant#toString()} of a microsecond-precision instant. The hash is the lower-case
 * hex SHA-256 of the encoding followed by the ASCII bytes of the previous record's hash.
 *
 * <p>Field order: chain, sequence, time, workspace id, actor kind, actor id, actor credential id,
 * action, target, decision, reason code, reason text, arguments HMAC, result status, latency
 * milliseconds, request id.
 */
public final class Canonical {

    static final String TAG = "portcullis-audit-v1";

    private static final HexFormat HEX = HexFormat.of();

    private Canonical() {}

    /** The canonical bytes of {@code record}, without its hashes. */
    public static byte[] encode(AuditRecord r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(TAG.getBytes(StandardCharsets.US_ASCII));
        field(out, r.chain());
        field(out, Long.toString(r.sequence()));
        field(out, r.time().toString());
        field(out, r.workspaceId());
        field(out, r.actor().kind());
        field(out, r.actor().id());
        field(out, r.actor().credentialId());
        field(out, r.action());
        field(out, r.target());
        field(out, r.decision().id());
        field(out, r.reasonCode());
        field(out, r.reasonText());
        field(out, r.argumentsHmac());
        field(out, r.resultStatus() == null ? null : r.resultStatus().toString());
        field(out, r.latencyMillis() == null ? null : r.latencyMillis().toString());
        field(out, r.requestId());
        return out.toByteArray();
    }

    /** The hash {@code record} must carry: SHA-256 over its encoding and its {@code previousHash}. */
    public static String hash(AuditRecord record) {
        MessageDigest sha256 = sha256();
        sha256.update(encode(record));
        sha256.update(record.previousHash().getBytes(StandardCharsets.US_ASCII));
        return HEX.formatHex(sha256.digest());
    }

    private static void field(ByteArrayOutputStream out, @Nullable String value) {
        if (value == null) {
            out.write(0);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(1);
        out.write(bytes.length >>> 24);
        out.write(bytes.length >>> 16);
        out.write(bytes.length >>> 8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
