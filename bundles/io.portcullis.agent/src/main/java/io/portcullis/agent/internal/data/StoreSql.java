package io.portcullis.agent.internal.data;

import io.portcullis.spi.ModelProvider.Trust;
import io.portcullis.store.Jdbc;
import io.portcullis.web.ProblemException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** SQL pieces the agent stores share: sequence numbers, trust labels, IN lists. */
final class StoreSql {

    private StoreSql() {}

    /**
     * The next sequence number of a parent's children: locks the parent row ({@code SELECT … FOR
     * UPDATE}, which both engines honour) so that concurrent appends to one parent queue up and each
     * reads the maximum the one before it committed. 404 when the parent is not in the workspace.
     *
     * @param parent {@code agent.<table>} holding the parent row, by {@code workspace_id} and {@code id}
     * @param children {@code agent.<table>} holding the numbered rows
     * @param parentColumn the children's column naming the parent
     */
    static long nextSeq(
            Connection connection, String parent, String children, String parentColumn, String ws, String id)
            throws SQLException {
        boolean locked = Jdbc.one(
                        connection,
                        rows -> rows.getString(1),
                        "SELECT id FROM " + parent + " WHERE workspace_id = ? AND id = ? FOR UPDATE",
                        ws,
                        id)
                .isPresent();
        if (!locked) {
            throw ProblemException.notFound();
        }
        return Jdbc.one(
                                connection,
                                rows -> rows.getLong(1),
                                "SELECT COALESCE(MAX(seq), 0) FROM " + children + " WHERE workspace_id = ? AND "
                                        + parentColumn + " = ?",
                                ws,
                                id)
                        .orElse(0L)
                + 1;
    }

    /** {@code ?, ?, ?} for {@code n} parameters. */
    static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    static String trust(Trust trust) {
        return trust.name().toLowerCase(Locale.ROOT);
    }

    static Trust trust(String id) {
        return Trust.valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** Parameters as one array: {@code head}, then {@code tail}. */
    static @Nullable Object[] concat(@Nullable Object[] head, @Nullable Object... tail) {
        Object[] all = new Object[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
