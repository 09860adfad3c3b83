package io.portcullis.tenancy.internal;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Ids of workspaces, members and API keys: 96 bits from {@link SecureRandom} as 24 lower-case hex
 * characters, with no type prefix. Ids from a client are checked against {@link #FORMAT} before any
 * query sees them.
 */
final class Ids {

    static final int BYTES = 12;
    static final Pattern FORMAT = Pattern.compile("[0-9a-f]{24}");

    static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private Ids() {}

    static String next() {
        return hex(BYTES);
    }

    /** {@code bytes} random bytes as lower-case hex. */
    static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HEX.formatHex(random);
    }

    static boolean valid(@Nullable String id) {
        return id != null && id.length() == 24 && FORMAT.matcher(id).matches();
    }
}
