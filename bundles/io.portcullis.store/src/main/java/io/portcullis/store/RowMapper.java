package io.portcullis.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reads the current row of a {@link ResultSet} into a value, for {@link Jdbc#one} and {@link Jdbc#list}.
 * Must not move the cursor nor close the result set.
 */
@ConsumerType
@FunctionalInterface
public interface RowMapper<T> {

    T map(ResultSet rows) throws SQLException;
}
