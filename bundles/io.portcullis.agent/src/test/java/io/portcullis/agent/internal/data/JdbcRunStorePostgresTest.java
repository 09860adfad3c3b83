package io.portcullis.agent.internal.data;

import io.portcullis.store.Engine;

class JdbcRunStorePostgresTest extends JdbcRunStoreContract {

    @Override
    Engine engine() {
        return Engine.POSTGRESQL;
    }
}
