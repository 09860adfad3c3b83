package io.portcullis.audit;

import org.jspecify.annotations.Nullable;

/**
 * What a bundle puts on the record. The log adds the time, the chain position and the hashes, passes
 * every text field through the redactor and replaces {@code arguments} by their HMAC under the
 * workspace's audit key: the arguments themselves are never stored.
 *
 * @param workspaceId  the workspace whose chain records it; null for the platform chain
 * @param actor        who attempted it
 * @param action       a dotted name: {@code http.request}, {@code auth.failure}, {@code credential.use},
 *                     {@code member.role_change}, {@code tool.invoke}, {@code plugin.grant}, ...
 * @param target       what it was attempted on, by id or route (e.g. {@code credential:3f2a...}); never a value
 * @param decision     allowed, denied or error
 * @param reasonCode   a short machine-readable reason ({@code forbidden}, {@code not_found}, ...)
 * @param reasonText   a human-readable reason
 * @param arguments    a canonical text of the arguments (such as compact JSON), only to be HMACed
 * @param resultStatus an HTTP-like status of the outcome
 * @param latencyMillis how long the attempt took
 * @param requestId    the request it belongs to
 */
public record AuditEvent(
        @Nullable String workspaceId,
        Actor actor,
        String action,
        @Nullable String target,
        Decision decision,
        @Nullable String reasonCode,
        @Nullable String reasonText,
        @Nullable String arguments,
        @Nullable Integer resultStatus,
        @Nullable Long latencyMillis,
        @Nullable String requestId) {

    /** An allowed action on a target, with nothing else known yet. */
    public static AuditEvent allowed(
            @Nullable String workspaceId,
            Actor actor,
            String action,
            @Nullable String target,
            @Nullable String requestId) {
        return new AuditEvent(
                workspaceId, actor, action, target, Decision.ALLOWED, null, null, null, null, null, requestId);
    }

    /** This attempt as it ended: the same event with {@code decision}, reason and status. */
    public AuditEvent outcome(
            Decision decision,
            @Nullable String reasonCode,
            @Nullable String reasonText,
            @Nullable Integer resultStatus) {
        return new AuditEvent(
                workspaceId,
                actor,
                action,
                target,
                decision,
                reasonCode,
                reasonText,
                arguments,
                resultStatus,
                latencyMillis,
                requestId);
    }

    @Override
    public String toString() {
        return "AuditEvent[" + action + " on " + target + " by " + actor.kind() + " " + actor.id() + ": "
                + decision.id() + "]"; // never the arguments
    }
}
