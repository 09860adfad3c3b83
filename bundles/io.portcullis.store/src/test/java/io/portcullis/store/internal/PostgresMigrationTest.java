package io.portcullis.store.internal;

class PostgresMigrationTest extends MigrationContract {

    PostgresMigrationTest() {
        super(TestDatabase.postgres());
    }
}
