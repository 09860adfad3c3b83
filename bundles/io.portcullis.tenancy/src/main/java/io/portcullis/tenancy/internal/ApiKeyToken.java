package io.portcullis.tenancy.internal;

import io.portcullis.store.Ids;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An API key as the client holds it: {@code pk_<id>_<secret>}, the id 24 and the secret 64 lower-case
 * hex characters (96 and 256 random bits). Hex has no {@code _}, so the separators are unambiguous;
 * parsing checks the whole string, nothing is trimmed or
 * case-folded. It is checked character by character rather than with a regular expression because
 * it runs on every request (see KeyVerificationBenchmark). {@link #toString()} never shows the secret.
 */
record ApiKeyToken(String id, String secret) {

    static final int SECRET_BYTES = 32;
    private static final int ID_END = 3 + 24;
    static final int LENGTH = ID_END + 1 + 2 * SECRET_BYTES;

    /** A new key for the record {@code id}, with a fresh secret. */
    static ApiKeyToken generate(String id) {
        return new ApiKeyToken(id, Ids.hex(SECRET_BYTES));
    }

    /** The key in {@code value}, or empty when it is not exactly of the key format. */
    static Optional<ApiKeyToken> parse(@Nullable String value) {
        if (value == null || value.length() != LENGTH || !value.startsWith("pk_") || value.charAt(ID_END) != '_') {
            return Optional.empty();
        }
        for (int i = 3; i < LENGTH; i++) {
            if (i != ID_END && !isLowerHex(value.charAt(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(new ApiKeyToken(value.substring(3, ID_END), value.substring(ID_END + 1)));
    }

    private static boolean isLowerHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }

    /** The full key, to be shown once. */
    String value() {
        return prefix() + "_" + secret;
    }

    /** The non-secret part, {@code pk_<id>}, by which users recognise a key. */
    String prefix() {
        return prefix(id);
    }

    static String prefix(String id) {
        return "pk_" + id;
    }

    @Override
    public String toString() {
        return "ApiKeyToken[" + prefix() + "_…]";
    }
}
