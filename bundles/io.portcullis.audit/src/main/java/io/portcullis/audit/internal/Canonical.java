package io.portcullis.audit.internal;

import io.portcullis.audit.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
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
    public static byte[] encode(AuditRecord record) {
        Encoder encoder = ENCODER.get().encode(record);
        return java.util.Arrays.copyOf(encoder.buffer, encoder.length);
    }

    /** The hash {@code record} must carry: SHA-256 over its encoding and its {@code previousHash}. */
    public static String hash(AuditRecord record) {
        Encoder encoder = ENCODER.get().encode(record);
        MessageDigest sha256 = encoder.sha256;
        sha256.update(encoder.buffer, 0, encoder.length);
        sha256.update(record.previousHash().getBytes(StandardCharsets.US_ASCII));
        return HEX.formatHex(sha256.digest()); // digest() also resets it for the next record
    }

    /** Per thread, so that hashing a record allocates little: the chain writer hashes every record. */
    private static final ThreadLocal<Encoder> ENCODER = ThreadLocal.withInitial(Encoder::new);

    /** Writes the encoding into a reused buffer; ASCII text (ids, names) without a detour through getBytes. */
    private static final class Encoder {

        final MessageDigest sha256 = sha256();
        byte[] buffer = new byte[512];
        int length;

        Encoder encode(AuditRecord r) {
            length = 0;
            ascii(TAG);
            field(r.chain());
            field(Long.toString(r.sequence()));
            time(r.time());
            field(r.workspaceId());
            field(r.actor().kind());
            field(r.actor().id());
            field(r.actor().credentialId());
            field(r.action());
            field(r.target());
            field(r.decision().id());
            field(r.reasonCode());
            field(r.reasonText());
            field(r.argumentsHmac());
            field(r.resultStatus() == null ? null : r.resultStatus().toString());
            field(r.latencyMillis() == null ? null : r.latencyMillis().toString());
            field(r.requestId());
            return this;
        }

        private void field(@Nullable String value) {
            if (value == null) {
                room(1);
                buffer[length++] = 0;
                return;
            }
            if (!isAscii(value)) {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                header(bytes.length);
                room(bytes.length);
                System.arraycopy(bytes, 0, buffer, length, bytes.length);
                length += bytes.length;
                return;
            }
            header(value.length());
            ascii(value);
        }

        /**
         * {@link Instant#toString()} written straight into the buffer for the years 1000 to 9999 (its
         * common case: seconds always, the fraction in groups of 3 digits), through toString otherwise.
         */
        private void time(Instant time) {
            long seconds = time.getEpochSecond();
            LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
            if (date.getYear() < 1000 || date.getYear() > 9999) {
                field(time.toString());
                return;
            }
            int secondOfDay = (int) Math.floorMod(seconds, 86_400);
            int nanos = time.getNano();
            int fraction = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1000 == 0 ? 6 : 9;
            header(20 + (fraction == 0 ? 0 : fraction + 1));
            room(30);
            digits(date.getYear(), 4);
            buffer[length++] = '-';
            digits(date.getMonthValue(), 2);
            buffer[length++] = '-';
            digits(date.getDayOfMonth(), 2);
            buffer[length++] = 'T';
            digits(secondOfDay / 3600, 2);
            buffer[length++] = ':';
            digits(secondOfDay / 60 % 60, 2);
            buffer[length++] = ':';
            digits(secondOfDay % 60, 2);
            if (fraction > 0) {
                buffer[length++] = '.';
                digits(nanos / (fraction == 3 ? 1_000_000 : fraction == 6 ? 1000 : 1), fraction);
            }
            buffer[length++] = 'Z';
        }

        private void digits(int value, int count) {
            for (int i = length + count - 1; i >= length; i--) {
                buffer[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            length += count;
        }

        private void header(int size) {
            room(5);
            buffer[length++] = 1;
            buffer[length++] = (byte) (size >>> 24);
            buffer[length++] = (byte) (size >>> 16);
            buffer[length++] = (byte) (size >>> 8);
            buffer[length++] = (byte) size;
        }

        private void ascii(String value) {
            room(value.length());
            for (int i = 0; i < value.length(); i++) {
                buffer[length++] = (byte) value.charAt(i);
            }
        }

        private static boolean isAscii(String value) {
            for (int i = 0; i < value.length(); i++) {
                if (value.charAt(i) >= 0x80) {
                    return false;
                }
            }
            return true;
        }

        private void room(int more) {
            if (length + more > buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
