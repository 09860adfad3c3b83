package io.portcullis.spi;

import java.util.Objects;

/**
 * An opaque reference to a credential bound to the calling plugin, valid for one call. It names the
 * credential, never its value; the egress client resolves it after its own checks.
 *
 * @param credentialId the credential's id in its workspace
 */
public record CredentialRef(String credentialId) {

    public CredentialRef {
        Objects.requireNonNull(credentialId, "credentialId");
    }
}
