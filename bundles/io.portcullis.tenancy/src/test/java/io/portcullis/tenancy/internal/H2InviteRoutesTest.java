package io.portcullis.tenancy.internal;

import io.portcullis.store.Engine;

class H2InviteRoutesTest extends InviteRoutesContract {

    H2InviteRoutesTest() {
        super(Engine.H2);
    }
}
