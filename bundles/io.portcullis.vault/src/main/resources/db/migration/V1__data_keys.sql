-- One data key per workspace: a random AES-256 key, stored only wrapped (AES-256-GCM) under the master
-- key named by master_key_id (first 8 bytes, hex, of an HMAC of the master key; never the key).
-- wrapped is nonce || ciphertext || tag, its associated data binding it to the workspace and the master
-- key id. No foreign key to tenancy.workspaces: the vault owns its schema, and the row goes with the
-- workspace through the WorkspaceCleanup hook, in the deleting transaction.
CREATE TABLE data_keys (
    workspace_id  VARCHAR(64)                 NOT NULL PRIMARY KEY,
    master_key_id VARCHAR(16)                 NOT NULL,
    wrapped       BYTEA                       NOT NULL,
    created_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    wrapped_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
-- Rotation and the start-up check look rows up by the master key that wraps them.
CREATE INDEX data_keys_master_key ON data_keys (master_key_id, workspace_id);
