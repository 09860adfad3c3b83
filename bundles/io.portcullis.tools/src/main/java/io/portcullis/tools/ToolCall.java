package io.portcullis.tools;

import io.portcullis.audit.Actor;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One request to call a tool.
 *
 * @param workspaceId the workspace the call acts for, taken from the authenticated caller
 * @param actor who asks, as the audit record names them
 * @param tool the tool's name
 * @param arguments the arguments object: JSON values as {@code String}, {@code Number},
 *     {@code Boolean}, {@code List}, {@code Map} or {@code null}
 * @param runId the agent run the call belongs to, or {@code null} for a direct call (run
 *     {@value #MANUAL}, which has no per-run limit)
 * @param timeout how long the caller will wait, or {@code null} for the invoker's default; the
 *     deadline is the shorter of the two
 * @param requestId the API request it belongs to, for the audit record, or {@code null}
 * @param taint what the caller had read that is untrusted ({@link Taint#NONE} for a direct call): a
 *     tainted {@code write} or {@code destructive} call needs an approval or is refused, by the
 *     workspace policy's {@code tainted_calls}
 */
public record ToolCall(
        String workspaceId,
        Actor actor,
        String tool,
        Map<String, @Nullable Object> arguments,
        @Nullable String runId,
        @Nullable Duration timeout,
        @Nullable String requestId,
        Taint taint) {

    /** The run id of a call made directly, outside an agent run. */
    public static final String MANUAL = "manual";

    public ToolCall {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(taint, "taint");
    }

    /** A call whose caller read nothing untrusted. */
    public ToolCall(
            String workspaceId,
            Actor actor,
            String tool,
            Map<String, @Nullable Object> arguments,
            @Nullable String runId,
            @Nullable Duration timeout,
            @Nullable String requestId) {
        this(workspaceId, actor, tool, arguments, runId, timeout, requestId, Taint.NONE);
    }

    /** The run id the tool sees: {@link #runId} or {@value #MANUAL}. */
    public String effectiveRunId() {
        return runId == null ? MANUAL : runId;
    }
}
