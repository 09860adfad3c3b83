package io.portcullis.audit.internal.api;

import io.portcullis.audit.AuditRecord;
import io.portcullis.store.Database;
import io.portcullis.store.Jdbc;
import io.portcullis.store.SqlWork;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * One hash chain of the audit log, and the transactions that may see it. On PostgreSQL row-level
 * security admits a workspace's chain in a transaction bound to that workspace, and the platform chain
 * only with {@code portcullis.audit_scope = 'platform'}; deleting needs the scope {@code 'prune'}. H2
 * has no row-level security, so every query here filters on the chain as well.
 *
 * @param id          the chain's name: the workspace id, or {@value AuditRecord#PLATFORM_CHAIN}
 * @param workspaceId the workspace, null for the platform chain
 */
record Chain(String id, @Nullable String workspaceId) {

    /** Transaction-local setting that the audit tables' row-level security reads (PostgreSQL). */
    static final String SCOPE_SETTING = "portcullis.audit_scope";

    static final String PLATFORM_SCOPE = "platform";
    static final String PRUNE_SCOPE = "prune";

    static Chain platform() {
        return new Chain(AuditRecord.PLATFORM_CHAIN, null);
    }

    static Chain workspace(String workspaceId) {
        return new Chain(workspaceId, workspaceId);
    }

    /** The chain a stored chain name (of a retention row, say) stands for. */
    static Chain named(String id) {
        return AuditRecord.PLATFORM_CHAIN.equals(id) ? platform() : workspace(id);
    }

    /** Runs {@code work} in a transaction that sees this chain (and its checkpoint and retention). */
    <T> T transaction(Database database, SqlWork<T> work) throws SQLException {
        if (workspaceId != null) {
            return database.inWorkspace(workspaceId, work);
        }
        return inScope(database, PLATFORM_SCOPE, work);
    }

    /** Runs {@code work} in a transaction that may delete this chain's records and write its checkpoint. */
    <T> T pruning(Database database, SqlWork<T> work) throws SQLException {
        if (workspaceId != null) {
            return database.inWorkspace(workspaceId, connection -> {
                Jdbc.setLocal(database, connection, SCOPE_SETTING, PRUNE_SCOPE);
                return work.run(connection);
            });
        }
        return inScope(database, PRUNE_SCOPE, work);
    }

    /** A transaction bound to no workspace, with the audit scope {@code scope}. */
    static <T> T inScope(Database database, String scope, SqlWork<T> work) throws SQLException {
        return database.inTransaction(connection -> {
            Jdbc.setLocal(database, connection, SCOPE_SETTING, scope);
            return work.run(connection);
        });
    }
}
