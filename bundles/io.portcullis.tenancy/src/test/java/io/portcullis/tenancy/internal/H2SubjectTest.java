package io.portcullis.tenancy.internal;

import io.portcullis.store.Engine;

class H2SubjectTest extends SubjectContract {

    H2SubjectTest() {
        super(Engine.H2);
    }
}
