package io.portcullis.agent.internal.data;

import io.portcullis.store.Engine;

class JdbcReviewStorePostgresTest extends JdbcReviewStoreContract {

    @Override
    Engine engine() {
        return Engine.POSTGRESQL;
    }
}
