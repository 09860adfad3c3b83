package io.portcullis.agent.internal.data;

import io.portcullis.store.Engine;

class JdbcConversationStoreH2Test extends JdbcConversationStoreContract {

    @Override
    Engine engine() {
        return Engine.H2;
    }
}
