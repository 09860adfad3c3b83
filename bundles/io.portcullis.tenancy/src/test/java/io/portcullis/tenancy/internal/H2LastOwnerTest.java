package io.portcullis.tenancy.internal;

import io.portcullis.store.Engine;

class H2LastOwnerTest extends LastOwnerContract {

    H2LastOwnerTest() {
        super(Engine.H2);
    }
}
