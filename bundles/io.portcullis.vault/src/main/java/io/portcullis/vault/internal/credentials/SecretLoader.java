package io.portcullis.vault.internal.credentials;

import io.portcullis.store.Database;
import io.portcullis.store.Jdbc;
import io.portcullis.vault.internal.keys.SealException;
import io.portcullis.vault.internal.redaction.SecretRegistry;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts every stored credential value into the redactor's registry at start-up, so the redactor knows
 * every live secret before the first request. Two steps: one transaction with
 * {@value Sql#SCOPE_SETTING} = {@code all} (read-only under row-level security) lists the workspaces
 * holding credentials; then each workspace's values are decrypted in a transaction bound to it, as
 * {@code WorkspaceKeys} requires. A value that does not decrypt is logged by id and skipped.
 */
final class SecretLoader {

    static final String ALL = "all";
    private static final Logger LOG = LoggerFactory.getLogger(SecretLoader.class);

    private final Database database;
    private final CredentialCipher cipher;
    private final SecretRegistry registry;

    SecretLoader(Database database, CredentialCipher cipher, SecretRegistry registry) {
        this.database = database;
        this.cipher = cipher;
        this.registry = registry;
    }

    /** The number of values loaded. */
    int load() throws SQLException {
        List<String> workspaces = database.inTransaction(connection -> {
            Jdbc.setLocal(database, connection, Sql.SCOPE_SETTING, ALL);
            return Jdbc.list(
                    connection,
                    rows -> rows.getString(1),
                    "SELECT DISTINCT workspace_id FROM vault.credentials ORDER BY workspace_id");
        });
        int loaded = 0;
        for (String workspaceId : workspaces) {
            loaded += database.inWorkspace(workspaceId, connection -> {
                int count = 0;
                for (SealedValue sealed : CredentialRows.allSealed(connection, workspaceId)) {
                    count += put(connection, sealed) ? 1 : 0;
                }
                return count;
            });
        }
        LOG.info("Loaded {} credential values of {} workspaces for redaction", loaded, workspaces.size());
        return loaded;
    }

    private boolean put(java.sql.Connection connection, SealedValue sealed) throws SQLException {
        char[] value;
        try {
            value = cipher.open(connection, sealed);
        } catch (SealException e) {
            LOG.error(
                    "Credential '{}' of workspace '{}' does not decrypt and is not redacted: its ciphertext was"
                            + " altered or moved, or the workspace's data key is gone",
                    sealed.credentialId(),
                    sealed.workspaceId(),
                    e);
            return false;
        }
        try {
            registry.put(sealed.workspaceId(), sealed.credentialId(), new String(value));
            return true;
        } finally {
            Arrays.fill(value, '\0');
        }
    }
}
