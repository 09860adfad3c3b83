package io.portcullis.web.internal;

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

    /** The media type of a Content-Type header, lower case without parameters; "" when absent. */
    static String essence(@Nullable String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** True if {@code route} takes a body of {@code contentType}. */
    static boolean accepted(Route route, @Nullable String contentType) {
        return route.mediaTypes().isEmpty() ? Json.isJson(contentType) : accepted(route.mediaTypes(), contentType);
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
        return new ProblemException(415, "Unsupported Media Type",
                "Request body must be of type " + String.join(" or ", new TreeSet<>(mediaTypes)) + ".");
    }
}
