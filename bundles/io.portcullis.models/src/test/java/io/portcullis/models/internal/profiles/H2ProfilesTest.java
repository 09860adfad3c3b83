package io.portcullis.models.internal.profiles;

import io.portcullis.store.testing.TestDatabase;

class H2ProfilesTest extends ProfilesContract {

    @Override
    TestDatabase database() throws Exception {
        return TestDatabase.h2("models");
    }
}
