package io.portcullis.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.store.Engine;
import io.portcullis.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same on PostgreSQL, where row-level security lets authentication read only the subject's row. */
class PostgresSubjectTest extends SubjectContract {

    PostgresSubjectTest() {
        super(Engine.POSTGRESQL);
    }

    @Test
    void theSubjectSettingRevealsOneMemberForReadingOnly() throws Exception {
        routes.set(put(ownerA, a, a.owner().id(), ALICE));
        routes.set(put(ownerB, b, b.owner().id(), "bob@idp"));

        List<String> seen = db.database.inTransaction(c -> {
            setSubject(c, ALICE);
            return Jdbc.list(c, rows -> rows.getString(1), "SELECT id FROM tenancy.members");
        });
        int renamed = db.database.inTransaction(c -> {
            setSubject(c, ALICE);
            return Jdbc.update(c, "UPDATE tenancy.members SET name = 'x'");
        });
        List<String> unset = db.database.inTransaction(c -> Jdbc.list(
                c, rows -> rows.getString(1), "SELECT id FROM tenancy.members WHERE external_subject IS NOT NULL"));
        List<String> keys = db.database.inTransaction(c -> {
            setSubject(c, ALICE);
            return Jdbc.list(c, rows -> rows.getString(1), "SELECT id FROM tenancy.api_keys");
        });

        assertThat(seen).containsExactly(a.owner().id());
        assertThat(renamed).isZero();
        assertThat(unset).isEmpty();
        assertThat(keys).isEmpty();
    }

    @Test
    void anEmptySubjectSettingMatchesNothing() throws Exception {
        routes.set(put(ownerA, a, a.owner().id(), ALICE));

        List<String> seen = db.database.inTransaction(c -> {
            setSubject(c, "");
            return Jdbc.list(c, rows -> rows.getString(1), "SELECT id FROM tenancy.members");
        });

        assertThat(seen).isEmpty();
    }

    private void setSubject(Connection connection, String subject) throws SQLException {
        Jdbc.setLocal(db.database, connection, SubjectLookup.SUBJECT_SETTING, subject);
    }
}
