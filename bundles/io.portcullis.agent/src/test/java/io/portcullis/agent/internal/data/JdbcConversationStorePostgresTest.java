package io.portcullis.agent.internal.data;

import io.portcullis.store.Engine;

class JdbcConversationStorePostgresTest extends JdbcConversationStoreContract {

    @Override
    Engine engine() {
        return Engine.POSTGRESQL;
    }
}
