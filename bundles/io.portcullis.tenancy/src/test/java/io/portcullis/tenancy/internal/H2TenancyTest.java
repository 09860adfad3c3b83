package io.portcullis.tenancy.internal;

import io.portcullis.store.Engine;

class H2TenancyTest extends TenancyContract {

    H2TenancyTest() {
        super(Engine.H2);
    }
}
