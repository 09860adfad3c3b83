package io.portcullis.models.internal;

import io.portcullis.store.testing.TestDatabase;

class H2MeteredPathTest extends MeteredPathContract {

    @Override
    TestDatabase database() throws Exception {
        return TestDatabase.h2("models");
    }
}
