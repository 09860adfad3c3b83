package io.portcullis.vault.internal.keys;

import io.portcullis.store.Engine;

class PostgresWorkspaceAuditKeysTest extends WorkspaceAuditKeysContract {

    @Override
    Engine engine() {
        return Engine.POSTGRESQL;
    }
}
