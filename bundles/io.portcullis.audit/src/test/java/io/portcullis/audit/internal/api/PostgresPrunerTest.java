package io.portcullis.audit.internal.api;

import io.portcullis.store.testing.TestDatabase;

class PostgresPrunerTest extends PrunerContract {

    @Override
    TestDatabase database() throws Exception {
        return TestDatabase.postgres("audit");
    }
}
