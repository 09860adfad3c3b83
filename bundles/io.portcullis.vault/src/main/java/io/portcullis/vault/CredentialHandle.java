package io.portcullis.vault;

import java.util.List;

/**
 * A reference to a credential that a workspace bound to a plugin, without its value: what a plugin
 * may hold. Only the egress layer turns it into a value, through {@link CredentialUse#open}, which
 * checks again that the binding still exists.
 *
 * @param workspaceId  the workspace owning the credential
 * @param credentialId the credential's id
 * @param pluginId     the symbolic name of the plugin the credential is bound to
 * @param kind         how to inject it
 * @param version      the value's version when the handle was issued (1, then +1 per rotation)
 * @param allowedHosts host patterns the value may be sent to; empty means none was configured
 * @param readOnly     whether the workspace marked the credential for read-only use
 */
public record CredentialHandle(
        String workspaceId,
        String credentialId,
        String pluginId,
        CredentialKind kind,
        int version,
        List<String> allowedHosts,
        boolean readOnly) {

    public CredentialHandle {
        allowedHosts = List.copyOf(allowedHosts);
    }
}
