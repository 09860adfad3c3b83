package io.portcullis.agent.internal.run;

import io.portcullis.store.testing.TestDatabase;

class PostgresRunLoopTest extends RunLoopContract {

    @Override
    TestDatabase database() throws Exception {
        return TestDatabase.postgres("agent");
    }
}
