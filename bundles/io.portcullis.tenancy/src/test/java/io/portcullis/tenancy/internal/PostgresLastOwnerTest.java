package io.portcullis.tenancy.internal;

import io.portcullis.store.Engine;

class PostgresLastOwnerTest extends LastOwnerContract {

    PostgresLastOwnerTest() {
        super(Engine.POSTGRESQL);
    }
}
