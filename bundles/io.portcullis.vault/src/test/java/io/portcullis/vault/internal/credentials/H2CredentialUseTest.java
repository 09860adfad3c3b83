package io.portcullis.vault.internal.credentials;

import io.portcullis.store.Engine;

class H2CredentialUseTest extends CredentialUseContract {

    H2CredentialUseTest() {
        super(Engine.H2);
    }
}
