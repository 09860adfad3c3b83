package io.portcullis.vault;

import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.osgi.annotation.versioning.ProviderType;

/**
 * How later core bundles use credentials. A core-internal service: the policy bundle hides it from
 * every plugin. Every successful {@link #open} and {@link #reveal} counts as a use (the credential's
 * last-used time).
 *
 * <p>Thread-safe; methods block on the database.
 */
@ProviderType
public interface CredentialUse {

    /** The scope a plugin must have been granted for {@link #reveal}. */
    String REVEAL_SCOPE = "vault.reveal";

    /**
     * A handle to the credential {@code credentialId} of {@code workspaceId} if it is bound to plugin
     * {@code pluginId} and not expired; empty otherwise (a foreign, unknown or unbound credential is
     * indistinguishable).
     */
    Optional<CredentialHandle> handle(String workspaceId, String pluginId, String credentialId);

    /**
     * The value behind {@code handle}, for the egress layer to inject into a request it has already
     * checked. Re-checks that the credential still exists, is still bound to the handle's plugin and
     * has not expired.
     */
    SecretValue open(CredentialHandle handle) throws CredentialException;

    /**
     * As {@link #open(CredentialHandle)}, for the API request {@code requestId} (a tool call's), which
     * the use's {@code credential.use} record names; null outside a request.
     */
    default SecretValue open(CredentialHandle handle, @Nullable String requestId) throws CredentialException {
        return open(handle);
    }

    /**
     * Plaintext of a credential bound to {@code pluginId}, only when {@code grantedScopes} holds
     * {@value #REVEAL_SCOPE}; {@link CredentialException.Reason#DENIED} otherwise.
     */
    SecretValue reveal(String workspaceId, String pluginId, Set<String> grantedScopes, String credentialId)
            throws CredentialException;
}
