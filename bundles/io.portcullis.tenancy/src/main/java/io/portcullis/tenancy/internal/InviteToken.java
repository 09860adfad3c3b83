package io.portcullis.tenancy.internal;

import io.portcullis.store.Ids;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An invite as the invitee holds it: {@code pi_<id>_<secret>}, the id 24 and the secret 64 lower-case
 * hex characters (96 and 256 random bits), parsed like {@link ApiKeyToken}: one anchored expression
 * over the whole string, nothing trimmed or case-folded. Only the SHA-256 of the secret is stored.
 * {@link #toString()} never shows the secret.
 */
record InviteToken(String id, String secret) {

    static final int SECRET_BYTES = 32;
    static final int LENGTH = 3 + 24 + 1 + 2 * SECRET_BYTES;
    private static final Pattern FORMAT = Pattern.compile("pi_([0-9a-f]{24})_([0-9a-f]{64})");

    /** A new invite token for the record {@code id}, with a fresh secret. */
    static InviteToken generate(String id) {
        return new InviteToken(id, Ids.hex(SECRET_BYTES));
    }

    /** The token in {@code value}, or empty when it is not exactly of the invite format. */
    static Optional<InviteToken> parse(@Nullable String value) {
        if (value == null || value.length() != LENGTH) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(value);
        return matcher.matches() ? Optional.of(new InviteToken(matcher.group(1), matcher.group(2))) : Optional.empty();
    }

    /** The full token, to be shown once, to the inviter who passes it on. */
    String value() {
        return "pi_" + id + "_" + secret;
    }

    @Override
    public String toString() {
        return "InviteToken[pi_" + id + "_…]";
    }
}
