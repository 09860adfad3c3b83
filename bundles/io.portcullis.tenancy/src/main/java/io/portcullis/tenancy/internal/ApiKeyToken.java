package io.portcullis.tenancy.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An API key as the client holds it: {@code pk_<id>_<secret>}, the id 24 and the secret 64 lower-case
 * hex characters (96 and 256 random bits). Hex has no {@code _}, so the separators are unambiguous;
 * parsing is one anchored regular expression over the whole string, nothing is trimmed or
 * case-folded. {@link #toString()} never shows the secret.
 */
record ApiKeyToken(String id, String secret) {

    static final int SECRET_BYTES = 32;
    static final int LENGTH = 3 + 24 + 1 + 2 * SECRET_BYTES;
    private static final Pattern FORMAT = Pattern.compile("pk_([0-9a-f]{24})_([0-9a-f]{64})");

    /** A new key for the record {@code id}, with a fresh secret. */
    static ApiKeyToken generate(String id) {
        return new ApiKeyToken(id, Ids.hex(SECRET_BYTES));
    }

    /** The key in {@code value}, or empty when it is not exactly of the key format. */
    static Optional<ApiKeyToken> parse(@Nullable String value) {
        if (value == null || value.length() != LENGTH) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(value);
        return matcher.matches() ? Optional.of(new ApiKeyToken(matcher.group(1), matcher.group(2))) : Optional.empty();
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
