package io.portcullis.tenancy.internal;

import io.portcullis.store.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of API key secrets. The secrets carry 256 random bits, so a fast hash is enough (a slow
 * one only costs every request); comparison is constant-time.
 */
final class SecretHash {

    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(SecretHash::newDigest);

    /** A hash no secret matches in practice: what unknown keys are compared against. */
    static final byte[] DUMMY = HEX.parseHex(Ids.hex(32));

    private SecretHash() {}

    static byte[] of(String secret) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        return digest.digest(secret.getBytes(StandardCharsets.US_ASCII));
    }

    static String hex(byte[] hash) {
        return HEX.formatHex(hash);
    }

    static byte[] parseHex(String hash) {
        return HEX.parseHex(hash.strip());
    }

    /** Hashes {@code secret} and compares in constant time (for equal lengths, as SHA-256 hashes are). */
    static boolean matches(String secret, byte[] expected) {
        return MessageDigest.isEqual(of(secret), expected);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
