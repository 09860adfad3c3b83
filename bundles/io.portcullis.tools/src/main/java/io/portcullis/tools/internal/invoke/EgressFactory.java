package io.portcullis.tools.internal.invoke;

import io.portcullis.policy.WorkspacePolicy;
import io.portcullis.spi.EgressClient;
import io.portcullis.spi.EgressException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Where a call's {@link EgressClient} comes from: the egress bundle's guard, scoped to the call's
 * workspace, plugin, deadline and the workspace's host lists. A seam, so that the invoker does not
 * depend on the egress bundle; until one is bound, {@link #UNAVAILABLE} refuses every request.
 */
@FunctionalInterface
public interface EgressFactory {

    /** Refuses every send with {@link EgressException.Reason#REFUSED}. */
    EgressFactory UNAVAILABLE = (workspaceId, pluginId, deadline, policy, requestId) -> request -> {
        throw new EgressException(EgressException.Reason.REFUSED, "egress is not available");
    };

    /**
     * The client for one call; it must enforce everything itself (scopes, hosts, deadline).
     *
     * @param requestId the API request the call belongs to, for the records of its credential uses
     */
    EgressClient forCall(
            String workspaceId, String pluginId, Instant deadline, WorkspacePolicy policy, @Nullable String requestId);
}
