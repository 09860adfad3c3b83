package io.portcullis.audit.internal.api;

import io.portcullis.web.ApiRequest;
import io.portcullis.web.ProblemException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Query parameters of the audit routes. A bad value is a 400 whose detail names the parameter and
 * what it must be, never the value sent.
 */
final class Params {

    /** Positive decimal numbers that fit a {@code long} with room to add one. */
    private static final Pattern SEQUENCE = Pattern.compile("[0-9]{1,18}");

    private Params() {}

    /** An ISO-8601 instant such as {@code 2024-05-01T00:00:00Z}. */
    static @Nullable Instant instant(ApiRequest request, String name) {
        Optional<String> value = request.queryParam(name);
        if (value.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(value.get());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(
                    "Query parameter '" + name + "' must be an ISO-8601 instant such as 2024-05-01T00:00:00Z.");
        }
    }

    /** {@code from} and {@code to}; {@code from} must not come after {@code to}. */
    static TimeRange times(ApiRequest request) {
        Instant from = instant(request, "from");
        Instant to = instant(request, "to");
        if (from != null && to != null && from.isAfter(to)) {
            throw ProblemException.badRequest("Query parameter 'from' must not be after 'to'.");
        }
        return new TimeRange(from, to);
    }

    /** A sequence number, 1 or more. */
    static @Nullable Long sequence(ApiRequest request, String name) {
        Optional<String> value = request.queryParam(name);
        if (value.isEmpty()) {
            return null;
        }
        if (SEQUENCE.matcher(value.get()).matches()) {
            long sequence = Long.parseLong(value.get());
            if (sequence >= 1) {
                return sequence;
            }
        }
        throw ProblemException.badRequest("Query parameter '" + name + "' must be a sequence number, 1 or more.");
    }

    /** Free text matched exactly, at most {@code maxLength} characters (longer could match nothing). */
    static @Nullable String text(ApiRequest request, String name, int maxLength) {
        Optional<String> value = request.queryParam(name);
        if (value.isEmpty()) {
            return null;
        }
        if (value.get().isEmpty() || value.get().length() > maxLength) {
            throw ProblemException.badRequest(
                    "Query parameter '" + name + "' must be 1.." + maxLength + " characters.");
        }
        return value.get();
    }
}
