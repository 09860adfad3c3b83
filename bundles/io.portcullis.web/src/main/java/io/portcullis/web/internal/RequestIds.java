package io.portcullis.web.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Request ids: the client's {@code X-Request-Id} when it is safe to echo and log, else a fresh one. */
final class RequestIds {

    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "request_id";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {}

    /** {@code fromClient} if it matches {@code [A-Za-z0-9._:-]{1,128}}, else a new id. */
    static String acceptOrGenerate(@Nullable String fromClient) {
        return fromClient != null && VALID.matcher(fromClient).matches() ? fromClient : generate();
    }

    /** 128 random bits, URL-safe base64 without padding (22 characters). */
    static String generate() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
