package io.portcullis.tenancy.internal;

import io.portcullis.store.Engine;

/** The same rules on PostgreSQL, as a role that owns the tables but is subject to row-level security. */
class PostgresTenancyTest extends TenancyContract {

    PostgresTenancyTest() {
        super(Engine.POSTGRESQL);
    }
}
