package io.portcullis.store;

import java.sql.SQLException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Transactions on the server's database. One service is registered without properties; one more is
 * registered for each bundle whose migrations succeeded, with the property
 * {@value #SCHEMA_PROPERTY} naming its schema, so a component that needs its tables writes
 * {@code @Reference(target = "(portcullis.schema=tenancy)")} and is not activated before its
 * schema is migrated, nor at all if the migration failed.
 *
 * <p>Thread-safe; every method blocks until its transaction has committed or rolled back.
 */
@ProviderType
public interface Database {

    /** Manifest header naming the schema a bundle's migrations create and own. */
    String SCHEMA_HEADER = "Portcullis-Schema";

    /** Service property naming the migrated schema a {@link Database} was registered for. */
    String SCHEMA_PROPERTY = "portcullis.schema";

    /** Name of the transaction-local setting that PostgreSQL row-level security policies read. */
    String WORKSPACE_SETTING = "portcullis.workspace_id";

    Engine engine();

    /**
     * Runs {@code work} in one transaction bound to {@code workspaceId}: on PostgreSQL the id is set
     * with {@code SET LOCAL portcullis.workspace_id} so row-level security sees only that
     * workspace's rows. Commits when {@code work} returns, rolls back when it throws.
     */
    <T> T inWorkspace(String workspaceId, SqlWork<T> work) throws SQLException;

    /**
     * Runs {@code work} in one transaction bound to no workspace: under row-level security it sees
     * only tables that are not workspace-owned. For platform-level data.
     */
    <T> T inTransaction(SqlWork<T> work) throws SQLException;

    /**
     * The same database on {@code connections} connections of its own, outside the shared pool, for a
     * component that must never wait for that pool: the audit writer, whose callers may be holding every
     * pooled connection in their transactions while they wait for it. Close it when done.
     *
     * <p>The default, for implementations without a pool (test fakes), is this database itself.
     *
     * @param name names the connections in logs and pool metrics
     */
    default DedicatedDatabase dedicated(String name, int connections) {
        return DedicatedDatabase.of(this, () -> {}); // nothing of its own to close
    }
}
