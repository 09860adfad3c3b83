package io.portcullis.vault.internal.credentials;

import io.portcullis.store.Engine;

class PostgresCredentialRoutesTest extends CredentialRoutesContract {

    PostgresCredentialRoutesTest() {
        super(Engine.POSTGRESQL);
    }
}
