package io.portcullis.vault.internal.keys;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Per-workspace data keys, wrapped by the master key: what the credential store encrypts with.
 * Every method runs on the caller's connection, inside its {@code Database.inWorkspace} transaction
 * for {@code workspaceId}, so a data key created for a new credential commits with it.
 *
 * <p>Thread-safe. Unwrapped data keys are cached in memory; {@link #destroy} evicts.
 */
public interface WorkspaceKeys {

    /**
     * Encrypts with AES-256-GCM under the workspace's data key (created if the workspace has none),
     * a fresh random 96-bit nonce and {@code associatedData}; returns {@code nonce || ciphertext || tag}.
     */
    byte[] seal(Connection connection, String workspaceId, byte[] plaintext, byte[] associatedData) throws SQLException;

    /**
     * Decrypts what {@link #seal} returned for the same workspace and associated data.
     *
     * @throws SealException when the tag does not verify (altered ciphertext, other associated data,
     *     another workspace) or the workspace has no data key any more (crypto-shredded)
     */
    byte[] open(Connection connection, String workspaceId, byte[] sealed, byte[] associatedData)
            throws SQLException, SealException;

    /**
     * HMAC-SHA256 of {@code data} under a key derived from the workspace's data key for
     * {@code purpose} (such as {@code "fingerprint"} or {@code "audit"}): equal inputs correlate within
     * a workspace, never across workspaces, and reveal nothing of the input.
     */
    byte[] mac(Connection connection, String workspaceId, String purpose, byte[] data) throws SQLException;

    /** Creates the workspace's data key in this transaction if it has none. */
    void ensure(Connection connection, String workspaceId) throws SQLException;

    /** Deletes the workspace's data key in this transaction (crypto-shred) and evicts it from the cache. */
    void destroy(Connection connection, String workspaceId) throws SQLException;
}
