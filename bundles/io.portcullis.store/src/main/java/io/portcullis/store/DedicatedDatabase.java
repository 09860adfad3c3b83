package io.portcullis.store;

import java.sql.SQLException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A {@link Database} on connections of its own, outside the shared pool: see {@link Database#dedicated}.
 * Closing it closes those connections.
 */
@ProviderType
public interface DedicatedDatabase extends Database, AutoCloseable {

    @Override
    void close();

    /** {@code database} as a dedicated one: it runs {@code onClose} when closed. */
    static DedicatedDatabase of(Database database, Runnable onClose) {
        return new DedicatedDatabase() {
            @Override
            public Engine engine() {
                return database.engine();
            }

            @Override
            public <T> T inWorkspace(String workspaceId, SqlWork<T> work) throws SQLException {
                return database.inWorkspace(workspaceId, work);
            }

            @Override
            public <T> T inTransaction(SqlWork<T> work) throws SQLException {
                return database.inTransaction(work);
            }

            @Override
            public void close() {
                onClose.run();
            }
        };
    }
}
