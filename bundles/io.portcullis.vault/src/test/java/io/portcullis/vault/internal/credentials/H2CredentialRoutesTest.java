package io.portcullis.vault.internal.credentials;

import io.portcullis.store.Engine;

class H2CredentialRoutesTest extends CredentialRoutesContract {

    H2CredentialRoutesTest() {
        super(Engine.H2);
    }
}
