package io.portcullis.vault.internal.redaction;

/**
 * The live credential values the redactor matches exactly, kept current by the credential store:
 * each change is visible to every redaction that starts after the call returns.
 *
 * <p>Thread-safe. Values shorter than the credential store's minimum never arrive here.
 */
public interface SecretRegistry {

    /** Adds the value of a credential, or replaces the value it had (rotation). */
    void put(String workspaceId, String credentialId, String value);

    /** Forgets one credential's value (deleted or expired). */
    void remove(String workspaceId, String credentialId);

    /** Forgets every value of a workspace (deleted). */
    void removeWorkspace(String workspaceId);
}
