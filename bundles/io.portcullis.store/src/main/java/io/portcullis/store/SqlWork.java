package io.portcullis.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.osgi.annotation.versioning.ConsumerType;

/** Work done on a connection inside one transaction. Must not commit, roll back or close it. */
@ConsumerType
@FunctionalInterface
public interface SqlWork<T> {

    T run(Connection connection) throws SQLException;
}
