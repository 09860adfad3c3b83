package io.portcullis.policy.internal.store;

import io.portcullis.store.Engine;

class H2PolicyStoreTest extends PolicyStoreContract {

    H2PolicyStoreTest() {
        super(Engine.H2);
    }
}
