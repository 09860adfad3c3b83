package io.portcullis.agent.internal.data;

import io.portcullis.store.Engine;

class JdbcReviewStoreH2Test extends JdbcReviewStoreContract {

    @Override
    Engine engine() {
        return Engine.H2;
    }
}
