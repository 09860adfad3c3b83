package io.portcullis.agent.internal.data;

import io.portcullis.store.Engine;

class JdbcIsolationH2Test extends JdbcIsolationContract {

    @Override
    Engine engine() {
        return Engine.H2;
    }
}
