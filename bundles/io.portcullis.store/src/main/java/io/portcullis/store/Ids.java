package io.portcullis.store;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Opaque row ids: 96 bits from {@link SecureRandom} as 24 lower-case hex characters, with no type
 * prefix. Ids from a client are checked with {@link #valid} before any query sees them, so a
 * malformed id answers as a missing one does.
 *
 * <p>Thread-safe.
 */
public final class Ids {

    /** Random bytes in an id. */
    public static final int BYTES = 12;

    /** Characters in an id: two hex digits a byte. */
    public static final int LENGTH = 2 * BYTES;

    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{" + LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private Ids() {}

    /** A new id. */
    public static String next() {
        return hex(BYTES);
    }

    /** {@code bytes} random bytes from {@link SecureRandom} as lower-case hex. */
    public static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HEX.formatHex(random);
    }

    /** True when {@code id} has the form of an id (not that one exists). */
    public static boolean valid(@Nullable String id) {
        return id != null && id.length() == LENGTH && FORMAT.matcher(id).matches();
    }
}
