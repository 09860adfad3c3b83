package io.portcullis.agent.internal.run;

import io.portcullis.store.testing.TestDatabase;

class PostgresRunInputsTest extends RunInputsContract {

    @Override
    TestDatabase database() throws Exception {
        return TestDatabase.postgres("agent");
    }
}
