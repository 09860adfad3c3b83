package io.portcullis.vault.internal.keys;

import io.portcullis.store.Engine;

class PostgresRotationTest extends RotationContract {

    @Override
    Engine engine() {
        return Engine.POSTGRESQL;
    }
}
