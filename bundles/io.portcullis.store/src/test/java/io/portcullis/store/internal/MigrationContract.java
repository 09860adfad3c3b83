package io.portcullis.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.store.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** What migrations must do on every engine; run by {@link H2MigrationTest} and {@link PostgresMigrationTest}. */
abstract class MigrationContract extends EngineTest {

    static final String V1 = "CREATE TABLE items (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL);\n"
            + "INSERT INTO items VALUES (1, 'first');\n";

    static MapMigrationSource inventory() {
        return new MapMigrationSource()
                .with("db/migration/V1__items.sql", V1)
                .with("db/migration/h2/V2__engine.sql", "CREATE TABLE only_h2 (x INT);")
                .with("db/migration/postgresql/V2__engine.sql", "CREATE TABLE only_postgresql (x INT);")
                .with("db/migration/README.txt", "not a migration");
    }

    MigrationContract(TestDatabase testDatabase) {
        super(testDatabase);
    }

    @Test
    void createsTablesInTheBundlesOwnSchemaWithItsOwnHistory() throws Exception {
        DataSource db = pool(2);

        SchemaMigrator.Outcome outcome = migrator(db).migrate("inventory", inventory());

        assertThat(outcome.applied()).isEqualTo(2);
        assertThat(outcome.version()).isEqualTo("2");
        String engineTable = engine() == Engine.H2 ? "only_h2" : "only_postgresql";
        assertThat(tables(db, "inventory")).containsExactly("flyway_schema_history", "items", engineTable);
        assertThat(queryString(db, "SELECT name FROM inventory.items WHERE id = 1"))
                .isEqualTo("first");
    }

    @Test
    void eachBundleHasItsOwnSchemaAndHistory() throws Exception {
        DataSource db = pool(2);
        migrator(db).migrate("inventory", inventory());

        SchemaMigrator.Outcome other = migrator(db)
                .migrate(
                        "billing",
                        new MapMigrationSource()
                                .with(
                                        "db/migration/V1__invoices.sql",
                                        "CREATE TABLE invoices (id BIGINT PRIMARY KEY);"));

        assertThat(other.applied()).isEqualTo(1);
        assertThat(tables(db, "billing")).containsExactly("flyway_schema_history", "invoices");
        assertThat(queryList(db, "SELECT version FROM billing.flyway_schema_history WHERE type = 'SQL'"))
                .containsExactly("1");
    }

    @Test
    void aSecondRunIsANoOp() throws Exception {
        DataSource db = pool(2);
        migrator(db).migrate("inventory", inventory());
        String history = "SELECT COUNT(*) FROM inventory.flyway_schema_history";
        String rowsBefore = queryString(db, history);

        SchemaMigrator.Outcome again = migrator(db).migrate("inventory", inventory());

        assertThat(again.applied()).isZero();
        assertThat(again.version()).isEqualTo("2");
        assertThat(queryString(db, history)).isEqualTo(rowsBefore);
    }

    @Test
    void aFailingMigrationLeavesTheSchemaAsAfterThePreviousOne() throws Exception {
        DataSource db = pool(2);
        MapMigrationSource scripts = new MapMigrationSource().with("db/migration/V1__items.sql", V1);
        migrator(db).migrate("inventory", scripts);
        scripts.with(
                "db/migration/V2__broken.sql",
                "CREATE TABLE half (x INT);\n"
                        + "INSERT INTO items VALUES (2, 'second');\n"
                        + "INSERT INTO no_such_table VALUES (1);\n");

        assertThatThrownBy(() -> migrator(db).migrate("inventory", scripts))
                .isInstanceOf(MigrationException.class)
                .satisfies(e -> assertThat(((MigrationException) e).migration()).startsWith("2 (V2__broken.sql"))
                .satisfies(e -> assertThat(((MigrationException) e).reason()).containsIgnoringCase("no_such_table"));

        assertThat(tables(db, "inventory")).containsExactly("flyway_schema_history", "items");
        assertThat(queryList(db, "SELECT name FROM inventory.items ORDER BY id"))
                .containsExactly("first");
        assertThat(queryList(db, "SELECT version FROM inventory.flyway_schema_history WHERE type = 'SQL'"))
                .as("only V1 recorded, and as a success")
                .containsExactly("1");
        assertThat(queryString(db, "SELECT COUNT(*) FROM inventory.flyway_schema_history WHERE NOT success"))
                .isEqualTo("0");
        assertNoSnapshotLeft();

        scripts.with("db/migration/V2__broken.sql", "CREATE TABLE half (x INT);");
        assertThat(migrator(db).migrate("inventory", scripts).applied()).isEqualTo(1);
        assertThat(tables(db, "inventory")).containsExactly("flyway_schema_history", "half", "items");
    }

    @Test
    void aFailingFirstMigrationCanBeFixedAndRetried() throws Exception {
        DataSource db = pool(2);
        MapMigrationSource scripts = new MapMigrationSource()
                .with("db/migration/V1__items.sql", "CREATE TABLE items (id INT);\nSELECT * FROM no_such_table;");

        assertThatThrownBy(() -> migrator(db).migrate("inventory", scripts)).isInstanceOf(MigrationException.class);
        assertThat(tables(db, "inventory")).doesNotContain("items");

        scripts.with("db/migration/V1__items.sql", V1);
        assertThat(migrator(db).migrate("inventory", scripts).applied()).isEqualTo(1);
        assertThat(queryList(db, "SELECT name FROM inventory.items")).containsExactly("first");
    }

    @Test
    void aChangedAppliedMigrationIsRefused() throws Exception {
        DataSource db = pool(2);
        migrator(db).migrate("inventory", new MapMigrationSource().with("db/migration/V1__items.sql", V1));

        MapMigrationSource changed = new MapMigrationSource().with("db/migration/V1__items.sql", V1 + "-- edited\n");

        assertThatThrownBy(() -> migrator(db).migrate("inventory", changed))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("checksum");
    }

    private void assertNoSnapshotLeft() throws Exception {
        Path snapshots = dataDir.resolve("db").resolve(H2Snapshot.FOLDER);
        if (Files.isDirectory(snapshots)) {
            try (Stream<Path> files = Files.list(snapshots)) {
                assertThat(files).isEmpty();
            }
        }
    }
}
