package io.portcullis.web.internal;

import io.javalin.http.Context;
import io.portcullis.web.ProblemException;
import io.portcullis.web.Route;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Which request bodies a route takes: JSON unless it {@linkplain Route#accepts declares} raw media
 * types. One rule for the dispatcher's check before the handler and for the handler's own read, so
 * the two can never disagree.
 */
final class MediaTypes {

    private MediaTypes() {}

    /**
     * The Content-Type header as sent. Never the servlet's {@code getContentType()}: Jetty throws
     * from it on a charset the JVM does not know, which would make a client's typo a 500.
     */
    static @Nullable String contentType(Context ctx) {
        return ctx.header("Content-Type");
    }

    /** The media type of a Content-Type header, lower case without parameters; "" when absent. */
    static String essence(@Nullable String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .trim()
                .toLowerCase(Locale.ROOT);
    }

    /** Throws the 415 unless {@code route} takes a body of {@code contentType}. */
    static void requireAccepted(Route route, @Nullable String contentType) {
        if (route.mediaTypes().isEmpty()) {
            requireJson(contentType);
        } else if (!accepted(route.mediaTypes(), contentType)) {
            throw unsupported(route.mediaTypes());
        }
    }

    /**
     * Throws the 415 unless {@code contentType} is JSON in UTF-8. JSON is UTF-8 (RFC 8259 section
     * 8.1), so a charset parameter may only say so; any other, known to the JVM or not, is refused.
     */
    static void requireJson(@Nullable String contentType) {
        if (!Json.isJson(contentType)) {
            throw Dispatcher.unsupportedMediaType();
        }
        String charset = charset(contentType);
        if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
            throw new ProblemException(
                    415,
                    "Unsupported Media Type",
                    "Request body must be encoded in UTF-8 (charset=utf-8 or no charset).");
        }
    }

    /** The charset parameter of a Content-Type header, unquoted; null when there is none. */
    static @Nullable String charset(String contentType) {
        String[] parts = contentType.split(";");
        for (int i = 1; i < parts.length; i++) {
            int equals = parts[i].indexOf('=');
            if (equals > 0 && parts[i].substring(0, equals).trim().equalsIgnoreCase("charset")) {
                String value = parts[i].substring(equals + 1).trim();
                return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                        ? value.substring(1, value.length() - 1)
                        : value;
            }
        }
        return null;
    }

    /** True if {@code contentType} is one of {@code mediaTypes}. */
    static boolean accepted(Set<String> mediaTypes, @Nullable String contentType) {
        return mediaTypes.contains(essence(contentType));
    }

    /** The 415 for a body that is none of {@code mediaTypes}; it names the types, never the one sent. */
    static ProblemException unsupported(Set<String> mediaTypes) {
        if (mediaTypes.isEmpty()) {
            return Dispatcher.unsupportedMediaType();
        }
        return new ProblemException(
                415,
                "Unsupported Media Type",
                "Request body must be of type " + String.join(" or ", new TreeSet<>(mediaTypes)) + ".");
    }
}
