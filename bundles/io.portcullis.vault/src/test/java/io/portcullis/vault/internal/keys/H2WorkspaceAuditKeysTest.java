package io.portcullis.vault.internal.keys;

import io.portcullis.store.Engine;

class H2WorkspaceAuditKeysTest extends WorkspaceAuditKeysContract {

    @Override
    Engine engine() {
        return Engine.H2;
    }
}
