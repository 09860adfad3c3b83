-- A workspace's credentials: the value only as AES-256-GCM ciphertext (nonce || ciphertext || tag)
-- under the workspace's data key, bound by its associated data to workspace, id and version.
-- Ids are opaque: 24 lower-case hex characters, 96 random bits. Names are NFC, at most 100 code points.
-- metadata: JSON object of string to string; allowed_hosts: JSON array of host patterns.
-- fingerprint: 'fp_' + hex of 12 bytes of a keyed MAC of the value, never a slice of it.
-- No reference to tenancy.workspaces: the vault deletes a workspace's rows through WorkspaceCleanup.
CREATE TABLE credentials (
    id            VARCHAR(24)                 NOT NULL PRIMARY KEY,
    workspace_id  VARCHAR(64)                 NOT NULL,
    name          VARCHAR(400)                NOT NULL,
    kind          VARCHAR(16)                 NOT NULL,
    metadata      VARCHAR(65536)              NOT NULL,
    allowed_hosts VARCHAR(8192)               NOT NULL,
    read_only     BOOLEAN                     NOT NULL,
    expires_at    TIMESTAMP(6) WITH TIME ZONE,
    version       INT                         NOT NULL,
    ciphertext    BYTEA                       NOT NULL,
    fingerprint   VARCHAR(32)                 NOT NULL,
    created_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    rotated_at    TIMESTAMP(6) WITH TIME ZONE,
    last_used_at  TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT credentials_kind CHECK (kind IN ('api_key', 'bearer_token', 'basic', 'oauth_token',
        'webhook_url', 'private_key', 'other')),
    CONSTRAINT credentials_version CHECK (version >= 1),
    CONSTRAINT credentials_name UNIQUE (workspace_id, name),
    CONSTRAINT credentials_in_workspace UNIQUE (workspace_id, id)
);

-- Which plugins may use a credential. The composite reference keeps a binding in its credential's
-- workspace; deleting the credential deletes its bindings.
CREATE TABLE credential_bindings (
    workspace_id  VARCHAR(64)                 NOT NULL,
    credential_id VARCHAR(24)                 NOT NULL,
    plugin_id     VARCHAR(255)                NOT NULL,
    created_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (credential_id, plugin_id),
    CONSTRAINT credential_bindings_credential FOREIGN KEY (workspace_id, credential_id)
        REFERENCES credentials (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX credential_bindings_workspace ON credential_bindings (workspace_id, credential_id);
