package io.portcullis.vault.internal.keys;

import io.portcullis.store.Engine;

class H2RotationTest extends RotationContract {

    @Override
    Engine engine() {
        return Engine.H2;
    }
}
