package io.portcullis.tenancy.internal;

import io.portcullis.store.Engine;

class H2InviteTest extends InviteContract {

    H2InviteTest() {
        super(Engine.H2);
    }
}
