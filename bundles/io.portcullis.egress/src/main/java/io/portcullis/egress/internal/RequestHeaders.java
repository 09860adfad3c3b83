package io.portcullis.egress.internal;

import io.portcullis.spi.EgressException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The headers a plugin may set. Credentials are the guard's to inject ({@code Authorization},
 * {@code Proxy-Authorization}, {@code Cookie}); framing and routing are the HTTP client's
 * ({@code Host}, {@code Connection}, {@code Transfer-Encoding}, {@code Content-Length}, ...); content
 * coding is the guard's, since it must read the body to scrub it ({@code Accept-Encoding}).
 */
final class RequestHeaders {

    private static final Set<String> FORBIDDEN = Set.of(
            "authorization",
            "proxy-authorization",
            "cookie",
            "cookie2",
            "host",
            "connection",
            "keep-alive",
            "proxy-connection",
            "transfer-encoding",
            "te",
            "trailer",
            "upgrade",
            "content-length",
            "expect",
            "accept-encoding",
            "http2-settings");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private RequestHeaders() {}

    /** The lower-case names of {@code headers}, once each is known to be allowed. */
    static Set<String> check(Map<String, List<String>> headers) throws EgressException {
        Set<String> names = new TreeSet<>();
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            String name = header.getKey();
            if (!TOKEN.matcher(name).matches()) {
                throw UrlGuard.refused("a header name is malformed");
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (FORBIDDEN.contains(lower) || lower.startsWith("proxy-")) {
                throw UrlGuard.refused("header '" + name + "' may not be set by a plugin");
            }
            for (String value : header.getValue()) {
                if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                    throw UrlGuard.refused("header '" + name + "' has a line break in its value");
                }
            }
            names.add(lower);
        }
        return names;
    }
}
