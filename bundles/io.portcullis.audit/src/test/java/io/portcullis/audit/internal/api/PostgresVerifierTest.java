package io.portcullis.audit.internal.api;

import io.portcullis.store.testing.TestDatabase;

class PostgresVerifierTest extends VerifierContract {

    @Override
    TestDatabase database() throws Exception {
        return TestDatabase.postgres("audit");
    }
}
