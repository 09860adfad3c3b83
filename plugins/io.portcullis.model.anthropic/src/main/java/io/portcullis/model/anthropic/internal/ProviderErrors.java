package io.portcullis.model.anthropic.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.spi.ModelProvider.ModelException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A provider's error answer as a {@link ModelException}: its {@code error.message} (clipped, control
 * characters removed), the HTTP status and {@code Retry-After} in seconds (a number or an HTTP date).
 * Nothing of the request goes into the message.
 */
final class ProviderErrors {

    static final int MAX_MESSAGE = 300;

    private ProviderErrors() {}

    static ModelException error(ObjectMapper json, int status, Map<String, List<String>> headers, String body) {
        String detail = detail(json, body);
        String message = "the provider answered HTTP " + status + (detail == null ? "" : ": " + detail);
        return new ModelException(message, status, retryAfter(headers));
    }

    /** The cleaned {@code error.message} of {@code body} (or {@code error} when it is text), or null. */
    static @Nullable String detail(ObjectMapper json, String body) {
        try {
            JsonNode error = json.readTree(body).path("error");
            if (error.path("message").isTextual()) {
                return clean(error.path("message").asText());
            }
            if (error.isTextual()) {
                return clean(error.asText()); // some compatible servers answer {"error": "..."}
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: the status alone tells
        }
        return null;
    }

    /** {@code Retry-After} in seconds, 0 when absent or unreadable. */
    static long retryAfter(Map<String, List<String>> headers) {
        String value = header(headers, "retry-after");
        if (value == null) {
            return 0;
        }
        try {
            return Math.max(0, (long) Math.ceil(Double.parseDouble(value.trim())));
        } catch (NumberFormatException e) {
            try {
                Instant when = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return Math.max(0, Duration.between(Instant.now(), when).toSeconds());
            } catch (DateTimeParseException notADate) {
                return 0;
            }
        }
    }

    static @Nullable String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey() != null
                    && entry.getKey().equalsIgnoreCase(name)
                    && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }

    /**
     * The HTTP status the API answers for an error of {@code type}, for an error told inside a stream
     * (the stream itself answered 200): {@code overloaded_error} is Anthropic's 529, {@code api_error} 500.
     */
    static int status(String type) {
        return switch (type) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "billing_error" -> 402;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "api_error" -> 500;
            case "timeout_error" -> 504;
            case "overloaded_error" -> 529;
            default -> 0;
        };
    }

    /** At most {@value #MAX_MESSAGE} characters, without control characters. */
    static String clean(String text) {
        String flat = text.replaceAll("\\p{Cntrl}", " ").strip();
        return flat.length() <= MAX_MESSAGE ? flat : flat.substring(0, MAX_MESSAGE) + "…";
    }
}
