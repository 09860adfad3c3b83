package io.portcullis.audit.internal.api;

import io.portcullis.store.testing.TestDatabase;

class H2AuditRoutesTest extends AuditRoutesContract {

    @Override
    TestDatabase database() throws Exception {
        return TestDatabase.h2("audit");
    }
}
