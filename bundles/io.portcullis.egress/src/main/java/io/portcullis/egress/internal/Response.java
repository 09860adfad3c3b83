package io.portcullis.egress.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One hop's response as read by {@link HttpHop}, not yet scrubbed.
 *
 * @param status  the status code
 * @param headers header names as the server sent them, values in order
 * @param body    the decoded body, within the size cap
 */
record Response(int status, Map<String, List<String>> headers, byte[] body) {

    Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0))
                .findFirst();
    }
}
