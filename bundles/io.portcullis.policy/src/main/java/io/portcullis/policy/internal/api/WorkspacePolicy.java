package io.portcullis.policy.internal.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.web.ProblemException;
import org.jspecify.annotations.Nullable;

/**
 * A workspace's policy, the body of {@code GET} and {@code PUT /api/v1/workspaces/{ws}/policy}:
 * {@code {"read_only": false}}. A record of its own because the policy will grow (limits, approvals);
 * each new field gets its check here.
 *
 * @param readOnly when true, plugin calls of risk {@code write} and {@code destructive} are refused
 */
record WorkspacePolicy(@JsonProperty("read_only") boolean readOnly) {

    /** Strict on input: {@code read_only} is required and must be a JSON boolean, not a string or number. */
    @JsonCreator
    static WorkspacePolicy of(@JsonProperty("read_only") @Nullable JsonNode readOnly) {
        if (readOnly == null || readOnly.isNull() || readOnly.isMissingNode()) {
            throw ProblemException.badRequest("Field 'read_only' is required.");
        }
        if (!readOnly.isBoolean()) {
            throw ProblemException.badRequest("Field 'read_only' must be true or false.");
        }
        return new WorkspacePolicy(readOnly.booleanValue());
    }
}
