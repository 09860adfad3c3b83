package io.portcullis.tools.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.tools.internal.schema.JsonValues;
import io.portcullis.web.ProblemException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST …/tools/{name}/invocations}:
 * {@code {"arguments": {...}, "run_id": "...", "timeout_ms": 5000}}, all optional (no arguments is
 * {@code {}}; no run is a direct call, run {@code manual}). Errors name the field, never echo a value.
 */
record InvocationBody(
        Map<String, @Nullable Object> arguments,
        @Nullable String runId,
        @Nullable Duration timeout) {

    static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    static final long MAX_TIMEOUT_MS = 30_000;
    private static final Set<String> FIELDS = Set.of("arguments", "run_id", "timeout_ms");

    static InvocationBody parse(JsonNode body) {
        if (!body.isObject()) {
            throw ProblemException.badRequest("The body must be a JSON object.");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            if (!FIELDS.contains(names.next())) {
                throw ProblemException.badRequest("The body may only have 'arguments', 'run_id' and 'timeout_ms'.");
            }
        }
        JsonNode arguments = body.path("arguments");
        if (!arguments.isMissingNode() && !arguments.isObject()) {
            throw ProblemException.badRequest("Field 'arguments' must be a JSON object.");
        }
        JsonNode runId = body.path("run_id");
        if (!runId.isMissingNode()
                && !(runId.isTextual() && RUN_ID.matcher(runId.textValue()).matches())) {
            throw ProblemException.badRequest("Field 'run_id' must be 1..64 letters, digits, '.', '_', ':' or '-'.");
        }
        JsonNode timeout = body.path("timeout_ms");
        if (!timeout.isMissingNode()
                && !(timeout.canConvertToLong()
                        && timeout.isIntegralNumber()
                        && timeout.longValue() >= 1
                        && timeout.longValue() <= MAX_TIMEOUT_MS)) {
            throw ProblemException.badRequest("Field 'timeout_ms' must be an integer 1.." + MAX_TIMEOUT_MS + ".");
        }
        return new InvocationBody(
                arguments.isMissingNode() ? Map.of() : JsonValues.values(arguments),
                runId.isMissingNode() ? null : runId.textValue(),
                timeout.isMissingNode() ? null : Duration.ofMillis(timeout.longValue()));
    }
}
