package io.portcullis.web;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A handler's answer: a status, a body serialised as JSON (none for {@code null}; a {@link StreamingBody}
 * is written as it comes) and extra headers.
 */
public record ApiResponse(int status, @Nullable Object body, Map<String, String> headers) {

    public ApiResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be 100..599, was " + status);
        }
        headers = Map.copyOf(headers);
    }

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body, Map.of());
    }

    public static ApiResponse created(Object body, String location) {
        return new ApiResponse(201, body, Map.of("Location", location));
    }

    /** 200 with a body streamed as it is produced. */
    public static ApiResponse stream(StreamingBody body) {
        return new ApiResponse(200, body, Map.of());
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, Map.of());
    }
}
