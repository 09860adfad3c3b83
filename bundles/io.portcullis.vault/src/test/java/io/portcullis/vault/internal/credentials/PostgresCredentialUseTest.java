package io.portcullis.vault.internal.credentials;

import io.portcullis.store.Engine;

class PostgresCredentialUseTest extends CredentialUseContract {

    PostgresCredentialUseTest() {
        super(Engine.POSTGRESQL);
    }
}
