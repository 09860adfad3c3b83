package io.portcullis.host.wire;

import java.util.List;
import java.util.Map;

/**
 * Answer of {@code egress.stream}: the stream to pull with {@code egress.next}, and the response's
 * status and headers (scrubbed by the core's guard).
 */
public record EgressStreamOpened(String stream, int status, Map<String, List<String>> headers) {

    public EgressStreamOpened {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
