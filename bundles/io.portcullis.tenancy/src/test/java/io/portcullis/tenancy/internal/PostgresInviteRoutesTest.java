package io.portcullis.tenancy.internal;

import io.portcullis.store.Engine;

class PostgresInviteRoutesTest extends InviteRoutesContract {

    PostgresInviteRoutesTest() {
        super(Engine.POSTGRESQL);
    }
}
