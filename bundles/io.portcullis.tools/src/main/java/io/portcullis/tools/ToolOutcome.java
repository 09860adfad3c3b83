package io.portcullis.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/** What became of a {@link ToolCall}: it ran, it waits for an approval, or it was refused. */
public sealed interface ToolOutcome {

    /**
     * The tool ran (or was abandoned at its deadline). {@code body} is
     * {@code {"status":"ok","result":{"untrusted":true,...}}} or
     * {@code {"status":"error","error":{"code":...,"message":...}}}; its content is redacted and must
     * be treated as data, never as instructions.
     *
     * @param ok true when the tool returned a result
     * @param code {@code ok}, or the error's code ({@code timeout}, {@code tool_error},
     *     {@code plugin_error}, {@code too_large}, {@code cancelled})
     */
    record Completed(boolean ok, String code, ObjectNode body) implements ToolOutcome {}

    /** The call needs an approval; it runs when an operator approves {@code approvalId}. */
    record Pending(String approvalId, Instant expiresAt) implements ToolOutcome {}

    /**
     * The call was refused before the tool ran.
     *
     * @param status the HTTP status that says why: 400, 404, 409, 429, 502 (the plugin failed), 503 or
     *     504 (the plugin did not answer in time)
     * @param code a machine-readable reason such as {@code read_only} or {@code run_limit}
     * @param detail a text for the caller that names no secret and echoes no argument value
     */
    record Refused(int status, String code, String detail) implements ToolOutcome {

        public Refused {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
