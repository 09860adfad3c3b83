package io.portcullis.models.internal;

import io.portcullis.store.testing.TestDatabase;

class PostgresMeteredPathTest extends MeteredPathContract {

    @Override
    TestDatabase database() throws Exception {
        return TestDatabase.postgres("models");
    }
}
