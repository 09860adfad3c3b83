package io.portcullis.vault.internal.credentials;

import io.portcullis.web.ProblemException;
import io.portcullis.web.SecretScreen;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A credential's non-secret metadata: at most {@value #MAX_ENTRIES} entries, keys of
 * {@code [a-z0-9_.-]}, string values of at most {@value #MAX_VALUE} characters without control
 * characters. Metadata is shown in every view, so a value the redactor would change is refused:
 * secrets belong in the value. Errors name the key only once it is known to be harmless.
 */
final class Metadata {

    static final int MAX_ENTRIES = 20;
    static final int MAX_VALUE = 512;
    private static final Pattern KEY = Pattern.compile("[a-z0-9_.-]{1,64}");

    private Metadata() {}

    /** The shape checks; sorted by key so that a credential reads back as it was written. */
    static Map<String, String> require(@Nullable Map<String, String> raw) {
        if (raw == null) {
            return Map.of();
        }
        if (raw.size() > MAX_ENTRIES) {
            throw ProblemException.badRequest("Field 'metadata' must have at most " + MAX_ENTRIES + " entries.");
        }
        Map<String, String> metadata = new TreeMap<>();
        raw.forEach((key, value) -> {
            if (key == null || !KEY.matcher(key).matches()) {
                throw ProblemException.badRequest(
                        "Field 'metadata' has a key that is not 1..64 characters of a-z, 0-9, '_', '.' or '-'.");
            }
            if (value == null) {
                throw ProblemException.badRequest("Field 'metadata." + key + "' must be a string.");
            }
            if (value.length() > MAX_VALUE || !plainText(value)) {
                throw ProblemException.badRequest("Field 'metadata." + key + "' must be at most " + MAX_VALUE
                        + " characters, without control characters or lone surrogates.");
            }
            metadata.put(key, value);
        });
        return Collections.unmodifiableMap(metadata);
    }

    /**
     * Refuses a key or value that holds or looks like a secret, with the check every stored name
     * passes. A refused key is not named, since it may be the secret.
     */
    static void checkNotSecret(SecretScreen screen, String workspaceId, Map<String, String> metadata) {
        metadata.forEach((key, value) -> {
            SecretScreen.requireNone(screen, workspaceId, "metadata", key);
            SecretScreen.requireNone(screen, workspaceId, "metadata." + key, value);
        });
    }

    /** No control character and no lone surrogate: what a display can show as it is. */
    private static boolean plainText(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c) || Character.getType(c) == Character.CONTROL) {
                return false;
            }
        }
        return true;
    }
}
