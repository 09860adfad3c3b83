package io.portcullis.models.internal.metering;

import io.portcullis.store.testing.TestDatabase;

class H2ConcurrencyTest extends ConcurrencyContract {

    @Override
    TestDatabase database() throws Exception {
        return TestDatabase.h2("models");
    }
}
