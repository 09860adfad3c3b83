package io.portcullis.tools.testing;

import io.portcullis.vault.CredentialException;
import io.portcullis.vault.CredentialHandle;
import io.portcullis.vault.CredentialKind;
import io.portcullis.vault.CredentialUse;
import io.portcullis.vault.SecretValue;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Credentials bound by {@link #bind}; nothing is ever opened here. */
public final class FakeCredentials implements CredentialUse {

    private final Set<String> bound = ConcurrentHashMap.newKeySet();

    public FakeCredentials bind(String workspaceId, String pluginId, String credentialId) {
        bound.add(workspaceId + "/" + pluginId + "/" + credentialId);
        return this;
    }

    @Override
    public Optional<CredentialHandle> handle(String workspaceId, String pluginId, String credentialId) {
        if (!bound.contains(workspaceId + "/" + pluginId + "/" + credentialId)) {
            return Optional.empty();
        }
        return Optional.of(new CredentialHandle(
                workspaceId, credentialId, pluginId, CredentialKind.values()[0], 1, List.of(), false));
    }

    @Override
    public SecretValue open(CredentialHandle handle) throws CredentialException {
        throw new UnsupportedOperationException("the invoker never opens a credential");
    }

    @Override
    public SecretValue reveal(String workspaceId, String pluginId, Set<String> grantedScopes, String credentialId) {
        throw new UnsupportedOperationException("the invoker never reveals a credential");
    }
}
