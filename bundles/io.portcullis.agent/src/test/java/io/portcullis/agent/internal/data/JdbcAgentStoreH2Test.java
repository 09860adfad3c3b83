package io.portcullis.agent.internal.data;

import io.portcullis.store.Engine;

class JdbcAgentStoreH2Test extends JdbcAgentStoreContract {

    @Override
    Engine engine() {
        return Engine.H2;
    }
}
