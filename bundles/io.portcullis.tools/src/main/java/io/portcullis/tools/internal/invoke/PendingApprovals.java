package io.portcullis.tools.internal.invoke;

import io.portcullis.audit.Actor;
import io.portcullis.spi.Risk;
import java.time.Instant;

/** Where the invoker puts a call that needs an approval: the approvals store, seen through a seam. */
@FunctionalInterface
public interface PendingApprovals {

    /**
     * A call waiting for its approval.
     *
     * @param arguments the arguments as canonical JSON, kept only to run the call once approved
     * @param displayArguments the same, redacted: the only form any API shows
     */
    record Request(
            String id,
            String workspaceId,
            String tool,
            String toolVersion,
            String pluginId,
            Risk risk,
            String arguments,
            String displayArguments,
            String runId,
            Actor requester,
            Instant createdAt,
            Instant expiresAt) {}

    /** Stores {@code request}; throws when it could not be stored. */
    void create(Request request) throws Exception;
}
