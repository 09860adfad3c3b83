package io.portcullis.vault.internal.keys;

import io.portcullis.audit.AuditKeys;
import io.portcullis.store.Database;
import io.portcullis.store.DedicatedDatabase;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The audit log's per-workspace HMAC key: {@link WorkspaceKeys#mac} for the purpose {@value #PURPOSE},
 * a key derived from the workspace's data key, so equal arguments correlate within a workspace and
 * never across workspaces, and a deleted workspace's HMACs can no longer be recomputed (its data key is
 * crypto-shredded). The platform chain (workspace null) uses the pseudo-workspace id
 * {@value #PLATFORM}, which no workspace id can be (ids are 24 hex digits): its data key is created on
 * first use like any other and rotates with the master key.
 *
 * <p>References {@link WorkspaceKeys} and the vault's {@link Database}, never the audit log, so that the
 * audit writer can depend on this service without a cycle. Each call is one short transaction of its
 * own on the vault's schema, on connections of its own ({@link #CONNECTIONS}): the log computes the
 * HMAC while its caller may hold a pooled connection in a transaction that waits for the record, and
 * callers holding every pooled connection must not starve it.
 */
@Component(service = AuditKeys.class)
public final class WorkspaceAuditKeys implements AuditKeys {

    static final String PURPOSE = "audit";
    static final String PLATFORM = "platform";

    static final int CONNECTIONS = 2;

    private final WorkspaceKeys keys;
    private final DedicatedDatabase database;

    @Activate
    public WorkspaceAuditKeys(
            @Reference WorkspaceKeys keys, @Reference(target = "(portcullis.schema=vault)") Database database) {
        this.keys = keys;
        this.database = database.dedicated("audit-keys", CONNECTIONS);
    }

    @Deactivate
    void deactivate() {
        database.close();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException when the vault's database cannot be reached; the message names the
     *     workspace, never the data
     */
    @Override
    public byte[] hmac(@Nullable String workspaceId, byte[] data) {
        String id = workspaceId == null ? PLATFORM : workspaceId;
        try {
            return database.inWorkspace(id, connection -> keys.mac(connection, id, PURPOSE, data));
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "vault: the audit key of workspace '" + id + "' is unavailable (SQLSTATE " + e.getSQLState() + ")",
                    e);
        }
    }
}
