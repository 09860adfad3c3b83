package io.portcullis.tenancy.internal;

import io.portcullis.store.Engine;

class PostgresInviteTest extends InviteContract {

    PostgresInviteTest() {
        super(Engine.POSTGRESQL);
    }
}
