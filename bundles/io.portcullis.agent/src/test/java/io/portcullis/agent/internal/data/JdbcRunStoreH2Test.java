package io.portcullis.agent.internal.data;

import io.portcullis.store.Engine;

class JdbcRunStoreH2Test extends JdbcRunStoreContract {

    @Override
    Engine engine() {
        return Engine.H2;
    }
}
