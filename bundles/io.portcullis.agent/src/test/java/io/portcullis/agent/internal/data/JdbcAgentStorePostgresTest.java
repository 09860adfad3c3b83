package io.portcullis.agent.internal.data;

import io.portcullis.store.Engine;

class JdbcAgentStorePostgresTest extends JdbcAgentStoreContract {

    @Override
    Engine engine() {
        return Engine.POSTGRESQL;
    }
}
