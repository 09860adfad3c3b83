package io.portcullis.models.internal.metering;

import io.portcullis.store.testing.TestDatabase;

class PostgresConcurrencyTest extends ConcurrencyContract {

    @Override
    TestDatabase database() throws Exception {
        return TestDatabase.postgres("models");
    }
}
