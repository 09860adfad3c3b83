package io.portcullis.audit.internal.api;

import io.portcullis.store.testing.TestDatabase;

class PostgresAuditRoutesTest extends AuditRoutesContract {

    @Override
    TestDatabase database() throws Exception {
        return TestDatabase.postgres("audit");
    }
}
