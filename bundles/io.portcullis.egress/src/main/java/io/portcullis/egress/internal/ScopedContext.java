package io.portcullis.egress.internal;

import io.portcullis.egress.CallScope;
import io.portcullis.egress.CredentialRefs;
import io.portcullis.policy.PluginPolicy;
import io.portcullis.spi.CallContext;
import io.portcullis.spi.CredentialRef;
import io.portcullis.spi.EgressClient;
import io.portcullis.vault.CredentialUse;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@link CallContext} of one plugin call made outside the tool invoker (a model provider's): the
 * scope's workspace and deadline, the call's one guarded client, and credentials by
 * {@link CredentialRefs}. Never throws into the plugin.
 */
final class ScopedContext implements CallContext {

    private final CallScope scope;
    private final EgressClient egress;
    private final PluginPolicy policy;
    private final CredentialUse credentials;

    ScopedContext(CallScope scope, EgressClient egress, PluginPolicy policy, CredentialUse credentials) {
        this.scope = scope;
        this.egress = egress;
        this.policy = policy;
        this.credentials = credentials;
    }

    @Override
    public String workspaceId() {
        return scope.workspaceId();
    }

    @Override
    public Instant deadline() {
        return scope.deadline();
    }

    @Override
    public EgressClient egress() {
        return egress;
    }

    @Override
    public Optional<CredentialRef> credential(String credentialId) {
        return CredentialRefs.bound(policy, credentials, scope.workspaceId(), scope.pluginId(), credentialId);
    }
}
