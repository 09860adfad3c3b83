package io.portcullis.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.store.Database;
import io.portcullis.store.Engine;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osgi.framework.Bundle;

/** The extender's decisions, with real migrations on H2 and fake bundles. */
class SchemaExtenderTest extends EngineTest {

    private static final Map<String, String> INVENTORY = Map.of(
            "db/migration/V1__items.sql", MigrationContract.V1,
            "db/migration/h2/V2__engine.sql", "CREATE TABLE only_h2 (x INT);",
            "db/migration/postgresql/V2__engine.sql", "CREATE TABLE only_postgresql (x INT);");

    private final OsgiFakes osgi = new OsgiFakes();
    private DataSource db;
    private Database database;
    private SchemaExtender extender;

    SchemaExtenderTest() {
        super(TestDatabase.h2());
    }

    @BeforeEach
    void startExtender() throws Exception {
        db = pool(2);
        database = new Transactions(Engine.H2, db);
        extender = new SchemaExtender(osgi.context(), migrator(db), database);
    }

    @Test
    void migratesThenRegistersADatabaseForTheSchemaUntilTheBundleStops() throws Exception {
        Bundle bundle = OsgiFakes.bundle(7, "io.example.inventory", "inventory", INVENTORY);

        SchemaExtender.Claim claim = extender.addingBundle(bundle, null);

        assertThat(claim).isNotNull();
        assertThat(claim.registration()).isNotNull();
        assertThat(tables(db, "inventory")).containsExactly("flyway_schema_history", "items", "only_h2");
        assertThat(osgi.registered).singleElement().satisfies(service -> {
            assertThat(service.type()).isEqualTo(Database.class);
            assertThat(service.service()).isSameAs(database);
            assertThat(service.properties())
                    .containsEntry(Database.SCHEMA_PROPERTY, "inventory")
                    .containsEntry(SchemaExtender.BUNDLE_PROPERTY, "io.example.inventory");
        });

        extender.removedBundle(bundle, null, claim);

        assertThat(osgi.registered).isEmpty();
    }

    @Test
    void ignoresBundlesWithoutTheHeader() {
        // Not tracked at all: null.
        Bundle bundle = OsgiFakes.bundle(7, "io.example.plain", null, INVENTORY);

        assertThat(extender.addingBundle(bundle, null)).isNull();
        assertThat(osgi.registered).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Inventory",
                "1inventory",
                "inv-entory",
                "public schema",
                "",
                "a123456789a123456789a123456789a123456789a123456789a123456789abcd"
            })
    void refusesInvalidSchemaNames(String schema) throws Exception {
        Bundle bundle = OsgiFakes.bundle(7, "io.example.inventory", schema, INVENTORY);

        assertThat(extender.addingBundle(bundle, null)).isSameAs(SchemaExtender.Claim.REFUSED);
        assertThat(osgi.registered).isEmpty();
        assertThat(queryList(db, "SELECT table_schema FROM information_schema.tables WHERE table_name = 'items'"))
                .isEmpty();
    }

    @Test
    void acceptsTheLongestSchemaName() {
        String schema = "a" + "b".repeat(62);

        SchemaExtender.Claim claim =
                extender.addingBundle(OsgiFakes.bundle(7, "io.example.long", schema, INVENTORY), null);

        assertThat(claim).isNotNull().isNotSameAs(SchemaExtender.Claim.REFUSED);
    }

    @Test
    void refusesASchemaOwnedByAnotherBundle() throws Exception {
        Bundle owner = OsgiFakes.bundle(7, "io.example.inventory", "inventory", INVENTORY);
        Bundle intruder = OsgiFakes.bundle(
                8,
                "io.example.intruder",
                "inventory",
                Map.of("db/migration/V3__steal.sql", "CREATE TABLE stolen (x INT);"));
        SchemaExtender.Claim claim = extender.addingBundle(owner, null);

        assertThat(extender.addingBundle(intruder, null)).isSameAs(SchemaExtender.Claim.REFUSED);
        extender.removedBundle(owner, null, claim);
        assertThat(extender.addingBundle(intruder, null))
                .as("still owned after the owner stopped")
                .isSameAs(SchemaExtender.Claim.REFUSED);

        assertThat(tables(db, "inventory")).doesNotContain("stolen");
        assertThat(osgi.registered).isEmpty();
        assertThat(extender.addingBundle(owner, null))
                .as("the owner comes back")
                .isNotSameAs(SchemaExtender.Claim.REFUSED);
        assertThat(osgi.registered).hasSize(1);
    }

    @Test
    void aFailedMigrationRegistersNothing() throws Exception {
        Bundle bundle = OsgiFakes.bundle(
                7,
                "io.example.broken",
                "broken",
                Map.of("db/migration/V1__broken.sql", "CREATE TABLE fine (x INT);\nNOT SQL AT ALL;"));

        assertThat(extender.addingBundle(bundle, null)).isSameAs(SchemaExtender.Claim.REFUSED);

        assertThat(osgi.registered).isEmpty();
        assertThat(tables(db, "broken")).isEmpty();
    }
}
