package io.portcullis.web.internal;

import java.util.Enumeration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Reads {@code Authorization: Bearer <credential>} (RFC 6750: scheme case-insensitive, token68 syntax). */
final class BearerCredential {

    private static final Pattern BEARER = Pattern.compile("(?i)Bearer +([A-Za-z0-9._~+/-]+=*) *");
    private static final int MAX_LENGTH = 4096;

    private BearerCredential() {}

    /** The credential of the request's one Authorization header, or null if it is missing, repeated or not a bearer token. */
    static @Nullable String of(@Nullable Enumeration<String> headers) {
        if (headers == null || !headers.hasMoreElements()) {
            return null;
        }
        String header = headers.nextElement();
        if (headers.hasMoreElements() || header == null || header.length() > MAX_LENGTH) {
            return null;
        }
        Matcher matcher = BEARER.matcher(header);
        return matcher.matches() ? matcher.group(1) : null;
    }
}
