package io.portcullis.spi;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A response read in full by the guard, already scrubbed of any credential it injected.
 *
 * @param status the HTTP status code
 * @param headers the response headers
 * @param body the response body, at most the guard's size cap
 */
public record EgressResponse(int status, Map<String, List<String>> headers, byte[] body) {

    public EgressResponse {
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
