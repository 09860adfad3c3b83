package io.portcullis.audit.internal.api;

import io.portcullis.store.testing.TestDatabase;

class H2VerifierTest extends VerifierContract {

    @Override
    TestDatabase database() throws Exception {
        return TestDatabase.h2("audit");
    }
}
