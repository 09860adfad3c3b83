package io.portcullis.vault.internal.credentials;

import io.portcullis.vault.CredentialKind;
import io.portcullis.web.ProblemException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a credential value may be. At least {@value #MIN} characters: the redactor replaces every live
 * value wherever it occurs, and a very short value (a PIN, {@code "admin"}) would shred ordinary text.
 * At most {@value #MAX}. Text only: no NUL or other control character but tab, CR and LF, and no lone
 * surrogate (binary junk). Only {@code private_key} and {@code other} may span lines: the other kinds
 * go into a header or a URL, where a line break would inject. Errors name the field, never the value.
 */
final class SecretValues {

    static final int MIN = 8;
    static final int MAX = 16_384;
    static final String FIELD = "value";

    private SecretValues() {}

    static String require(CredentialKind kind, @Nullable String value) {
        if (value == null) {
            throw bad("is required");
        }
        int length = value.codePointCount(0, value.length());
        if (length < MIN || length > MAX) {
            throw bad("must be " + MIN + ".." + MAX + " characters long");
        }
        checkCharacters(value, kind == CredentialKind.PRIVATE_KEY || kind == CredentialKind.OTHER);
        switch (kind) {
            case BASIC -> checkBasic(value);
            case WEBHOOK_URL -> checkUrl(value);
            default -> {}
        }
        return value;
    }

    private static void checkCharacters(String value, boolean multiLine) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw bad("must be text: it holds a lone surrogate");
            } else if (c == '\n' || c == '\r') {
                if (!multiLine) {
                    throw bad("must be one line for this kind");
                }
            } else if (c != '\t' && Character.getType(c) == Character.CONTROL) {
                throw bad("must be text: it holds a control character");
            }
        }
    }

    /** {@code user:password}, as HTTP Basic sends it: a user without a colon, a password, both non-empty. */
    private static void checkBasic(String value) {
        int colon = value.indexOf(':');
        if (colon < 1 || colon == value.length() - 1) {
            throw bad("must be user:password for kind basic");
        }
    }

    private static void checkUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean web = scheme.equals("http") || scheme.equals("https");
            if (web && uri.getHost() != null && !uri.getHost().isEmpty()) {
                return;
            }
        } catch (URISyntaxException e) {
            // the message quotes the input: dropped
        }
        throw bad("must be an absolute http or https URL with a host for kind webhook_url");
    }

    private static ProblemException bad(String reason) {
        return ProblemException.badRequest("Field '" + FIELD + "' " + reason + ".");
    }
}
