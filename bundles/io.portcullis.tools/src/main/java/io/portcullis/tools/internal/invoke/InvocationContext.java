package io.portcullis.tools.internal.invoke;

import io.portcullis.egress.CredentialRefs;
import io.portcullis.policy.PluginPolicy;
import io.portcullis.policy.WorkspacePolicy;
import io.portcullis.spi.CredentialRef;
import io.portcullis.spi.EgressClient;
import io.portcullis.spi.ToolContext;
import io.portcullis.vault.CredentialUse;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one tool call sees of the server: its workspace, run and deadline, the egress client made for
 * it, and handles of the credentials bound to its plugin, only while the plugin holds
 * {@code vault.use} (the rule of {@link CredentialRefs}, which model calls' contexts use too). Never throws into the plugin: a failure to look a credential up is an empty answer.
 * Its egress client is made once, for the call's request (so {@code credential.use} records name it),
 * and watched: a send the guard refused shows in the call's record.
 */
final class InvocationContext implements ToolContext {

    private static final Logger LOG = LoggerFactory.getLogger(InvocationContext.class);

    private final String workspaceId;
    private final String runId;
    private final @Nullable String requestId;
    private final Instant deadline;
    private final String pluginId;
    private final PluginPolicy policy;
    private final WorkspacePolicy workspacePolicy;
    private final CredentialUse credentials;
    private final EgressFactory egressFactory;
    private volatile @Nullable WatchedEgress egress;

    InvocationContext(
            String workspaceId,
            String runId,
            @Nullable String requestId,
            Instant deadline,
            String pluginId,
            PluginPolicy policy,
            WorkspacePolicy workspacePolicy,
            CredentialUse credentials,
            EgressFactory egressFactory) {
        this.workspaceId = workspaceId;
        this.runId = runId;
        this.requestId = requestId;
        this.deadline = deadline;
        this.pluginId = pluginId;
        this.policy = policy;
        this.workspacePolicy = workspacePolicy;
        this.credentials = credentials;
        this.egressFactory = egressFactory;
    }

    @Override
    public String workspaceId() {
        return workspaceId;
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public Instant deadline() {
        return deadline;
    }

    @Override
    public synchronized EgressClient egress() {
        WatchedEgress client = egress;
        if (client == null) {
            EgressClient made;
            try {
                made = egressFactory.forCall(workspaceId, pluginId, deadline, workspacePolicy, requestId);
            } catch (RuntimeException e) {
                LOG.warn(
                        "No egress client for plugin '{}' in workspace '{}' ({})",
                        pluginId,
                        workspaceId,
                        e.getClass().getSimpleName());
                made = EgressFactory.UNAVAILABLE.forCall(workspaceId, pluginId, deadline, workspacePolicy, requestId);
            }
            client = new WatchedEgress(made);
            egress = client;
        }
        return client;
    }

    /** Why the call's first refused send was refused, or null if the guard refused none. */
    @Nullable String egressRefusal() {
        WatchedEgress client = egress;
        return client == null ? null : client.refusal();
    }

    /** By the one rule of every call context, {@link CredentialRefs}. */
    @Override
    public Optional<CredentialRef> credential(String credentialId) {
        return CredentialRefs.bound(policy, credentials, workspaceId, pluginId, credentialId);
    }
}
