package io.portcullis.tenancy;

import java.sql.Connection;
import java.sql.SQLException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Implemented by core bundles that own workspace data in their own schema: called for every
 * workspace deletion, inside the deleting transaction (bound to that workspace) and before the
 * workspace row goes, so their rows go in the same commit or not at all. Throwing aborts the deletion.
 */
@ConsumerType
public interface WorkspaceCleanup {

    /** Deletes (or destroys the keys of) everything this bundle holds for {@code workspaceId}. */
    void deleteWorkspace(Connection connection, String workspaceId) throws SQLException;
}
