package io.portcullis.audit.internal.api;

import io.portcullis.store.testing.TestDatabase;

class H2PrunerTest extends PrunerContract {

    @Override
    TestDatabase database() throws Exception {
        return TestDatabase.h2("audit");
    }
}
