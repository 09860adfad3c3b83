package io.portcullis.egress;

import io.portcullis.policy.PluginPolicy;
import io.portcullis.spi.CredentialRef;
import io.portcullis.spi.Scopes;
import io.portcullis.vault.CredentialUse;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one rule by which a plugin call gets a {@link CredentialRef}: the plugin holds
 * {@code vault.use} and the credential of the call's workspace is bound to it. Every call context
 * answers {@link io.portcullis.spi.CallContext#credential} with this, a tool call's (the tool invoker)
 * and a model call's ({@link Egress#context}) alike. The guard checks the same again when it injects
 * the value.
 */
public final class CredentialRefs {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialRefs.class);

    private CredentialRefs() {}

    /**
     * A handle to {@code credentialId} for plugin {@code pluginId} acting for {@code workspaceId}, or
     * empty: unknown, foreign, unbound or expired credential, or no {@code vault.use}. Never throws (it
     * answers a plugin): a failed lookup is empty, logged with the ids only.
     */
    public static Optional<CredentialRef> bound(
            PluginPolicy policy,
            CredentialUse credentials,
            String workspaceId,
            String pluginId,
            @Nullable String credentialId) {
        if (credentialId == null) {
            return Optional.empty();
        }
        try {
            if (!policy.holds(pluginId, Scopes.VAULT_USE)) {
                return Optional.empty();
            }
            return credentials
                    .handle(workspaceId, pluginId, credentialId)
                    .map(handle -> new CredentialRef(handle.credentialId()));
        } catch (RuntimeException e) {
            LOG.warn(
                    "Credential '{}' not handed to plugin '{}' in workspace '{}' ({})",
                    credentialId,
                    pluginId,
                    workspaceId,
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
