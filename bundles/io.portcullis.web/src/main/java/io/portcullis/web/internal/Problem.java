package io.portcullis.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.http.HttpStatus;
import org.jspecify.annotations.Nullable;

/** An RFC 9457 problem about to be sent, with any headers it needs (such as {@code Allow}). */
record Problem(int status, String title, String detail, Map<String, String> headers) {

    Problem {
        headers = Map.copyOf(headers);
    }

    /** A problem whose title is the status's reason phrase. */
    static Problem of(int status, String detail) {
        return new Problem(status, reason(status), detail, Map.of());
    }

    /**
     * The body: {@code instance} is the request path (omitted when unknown). Every free-text member
     * passes {@code redactor} here, where the text leaves the server, so no caller can skip it.
     */
    byte[] toJson(@Nullable String instance, String requestId, UnaryOperator<String> redactor) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", redactor.apply(title));
        body.put("status", status);
        body.put("detail", redactor.apply(detail));
        if (instance != null) {
            body.put("instance", redactor.apply(instance));
        }
        body.put("request_id", requestId);
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            // Strings and an int always serialise; keep a body anyway rather than fail the error path.
            return ("{\"type\":\"about:blank\",\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        }
    }

    static String reason(int status) {
        return switch (status) {
            case 413 -> "Content Too Large";
            case 422 -> "Unprocessable Content";
            default -> {
                String message = HttpStatus.getMessage(status);
                yield message == null || message.isBlank() ? "Error " + status : message;
            }
        };
    }
}
