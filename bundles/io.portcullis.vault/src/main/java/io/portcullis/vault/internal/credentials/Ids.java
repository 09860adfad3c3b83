package io.portcullis.vault.internal.credentials;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Credential ids: 96 bits from {@link SecureRandom} as 24 lower-case hex characters, the format of
 * tenancy's ids. Ids from a client are checked against {@link #FORMAT} before any query sees them, so
 * a malformed id answers the same 404 as a missing one.
 */
final class Ids {

    private static final int BYTES = 12;
    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{24}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private Ids() {}

    static String next() {
        byte[] random = new byte[BYTES];
        RANDOM.nextBytes(random);
        return HEX.formatHex(random);
    }

    static boolean valid(@Nullable String id) {
        return id != null && id.length() == 24 && FORMAT.matcher(id).matches();
    }
}
