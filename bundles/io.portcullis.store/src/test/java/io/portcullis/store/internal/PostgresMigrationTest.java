package io.portcullis.store.internal;

import io.portcullis.store.Engine;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.osgi.service.jdbc.DataSourceFactory;

class PostgresMigrationTest extends MigrationContract {

    private static PostgresFixture postgres;
    private @Nullable String database;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresFixture.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Override
    Engine engine() {
        return Engine.POSTGRESQL;
    }

    @Override
    StoreSettings settings(int maxPoolSize) throws Exception {
        if (database == null) { // a fresh database per test (JUnit makes an instance per test)
            database = postgres.createDatabase();
        }
        return postgres.settings(database, maxPoolSize);
    }

    @Override
    DataSourceFactory driver() {
        return PostgresFixture.driver();
    }
}
