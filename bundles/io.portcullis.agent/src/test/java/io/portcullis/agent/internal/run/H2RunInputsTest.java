package io.portcullis.agent.internal.run;

import io.portcullis.store.testing.TestDatabase;

class H2RunInputsTest extends RunInputsContract {

    @Override
    TestDatabase database() throws Exception {
        return TestDatabase.h2("agent");
    }
}
