package io.portcullis.tools.internal.invoke;

import io.portcullis.egress.CallScope;
import io.portcullis.egress.Egress;
import io.portcullis.egress.EgressRules;
import io.portcullis.policy.WorkspacePolicy;
import io.portcullis.spi.EgressClient;
import io.portcullis.spi.EgressException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The egress bundle's guard behind the invoker's seam: one client per call, under the workspace's host
 * lists. Lists the guard will not accept (the policy checks them when saved, so this is a safety net)
 * refuse every send rather than widen anything.
 */
public final class GuardedEgress implements EgressFactory {

    private final Egress guard;

    public GuardedEgress(Egress guard) {
        this.guard = guard;
    }

    @Override
    public EgressClient forCall(
            String workspaceId, String pluginId, Instant deadline, WorkspacePolicy policy, @Nullable String requestId) {
        EgressRules rules;
        try {
            rules = new EgressRules(policy.allowHosts(), policy.denyHosts(), policy.privateCidrs());
        } catch (IllegalArgumentException e) {
            String reason = "the workspace's egress lists are not valid: " + e.getMessage();
            return request -> {
                throw new EgressException(EgressException.Reason.REFUSED, reason);
            };
        }
        return guard.client(new CallScope(workspaceId, pluginId, deadline, rules, requestId));
    }
}
