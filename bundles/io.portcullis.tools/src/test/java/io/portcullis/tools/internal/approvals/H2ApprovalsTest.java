package io.portcullis.tools.internal.approvals;

import io.portcullis.store.testing.TestDatabase;

class H2ApprovalsTest extends ApprovalsContract {

    @Override
    TestDatabase database() throws Exception {
        return TestDatabase.h2("tools");
    }
}
