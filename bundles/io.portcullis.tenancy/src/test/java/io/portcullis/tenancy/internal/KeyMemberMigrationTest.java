package io.portcullis.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.store.Engine;
import io.portcullis.store.Jdbc;
import io.portcullis.store.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The migration that makes every key act as a member: a database of the schema before it, holding a
 * key made without a member, comes out with that key bound to the workspace's earliest owner and
 * {@code member_id} required, on H2 and on PostgreSQL (as the tables' owner, under row-level security).
 */
class KeyMemberMigrationTest {

    private static final String FIRST_BOUND = "V8";

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aKeyWithoutAMemberIsBoundToTheEarliestOwner(Engine engine) throws Exception {
        Path all = Path.of(
                getClass().getClassLoader().getResource(TestDatabase.MIGRATIONS).toURI());
        Path before = Files.createTempDirectory("tenancy-before");
        copy(all, before, engine, true);
        TestDatabase db =
                engine == Engine.H2 ? TestDatabase.h2("tenancy", before) : TestDatabase.postgres("tenancy", before);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        db.tamper("INSERT INTO tenancy.workspaces (id, name, created_at) VALUES ('w1', 'W', ?)", ts(t));
        db.tamper(
                "INSERT INTO tenancy.members (id, workspace_id, name, role, created_at) VALUES "
                        + "('late', 'w1', 'Late', 'owner', ?), ('early', 'w1', 'Early', 'owner', ?), ('adm', 'w1', 'A', 'admin', ?)",
                ts(t.plusSeconds(60)),
                ts(t),
                ts(t.minusSeconds(60)));
        db.tamper(
                "INSERT INTO tenancy.api_keys (id, workspace_id, member_id, name, role, secret_hash, created_at) VALUES "
                        + "('k1', 'w1', NULL, 'service', 'admin', ?, ?), ('k2', 'w1', 'adm', 'own', 'admin', ?, ?)",
                "0".repeat(64),
                ts(t),
                "0".repeat(64),
                ts(t));

        Path after = Files.createTempDirectory("tenancy-after");
        copy(all, after, engine, false);
        Flyway.configure()
                .dataSource(db.dataSource)
                .schemas("tenancy")
                .locations("filesystem:" + after)
                .load()
                .migrate();

        try (Connection connection = db.admin.getConnection()) {
            assertThat(memberOf(connection, "k1")).isEqualTo("early");
            assertThat(memberOf(connection, "k2")).isEqualTo("adm");
        }
        assertThat(catchInsertWithoutMember(db)).as("member_id is required").isTrue();
    }

    private static boolean catchInsertWithoutMember(TestDatabase db) {
        try {
            db.tamper(
                    "INSERT INTO tenancy.api_keys (id, workspace_id, member_id, name, role, secret_hash, created_at)"
                            + " VALUES ('k3', 'w1', NULL, 'x', 'viewer', ?, ?)",
                    "0".repeat(64),
                    ts(Instant.now()));
            return false;
        } catch (java.sql.SQLException refused) {
            return true;
        }
    }

    private static String memberOf(Connection connection, String keyId) throws Exception {
        return Jdbc.one(
                        connection,
                        rows -> rows.getString(1),
                        "SELECT member_id FROM tenancy.api_keys WHERE id = ?",
                        keyId)
                .orElseThrow();
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    /** The common scripts and the engine's, all of them or only those before the binding migration. */
    private static void copy(Path from, Path to, Engine engine, boolean beforeBinding) throws IOException {
        for (Path folder : new Path[] {from, from.resolve(engine.name().toLowerCase(Locale.ROOT))}) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                    String name = file.getFileName().toString();
                    int version = Integer.parseInt(name.substring(1, name.indexOf("__")));
                    if (!beforeBinding || version < Integer.parseInt(FIRST_BOUND.substring(1))) {
                        Files.copy(file, to.resolve(name));
                    }
                }
            }
        }
    }
}
