package io.portcullis.model.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request the {@link FakeModelServer} received, as it arrived.
 *
 * @param headers header names in lower case
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> headers, byte[] body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The first value of header {@code name} (any case), or null. */
    public @Nullable String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode bodyJson() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
