-- Workspaces are the platform's registry; members and API keys belong to one workspace each.
-- Ids are opaque: 24 lower-case hex characters, 96 random bits. Names are NFC, at most 100 code points.
CREATE TABLE workspaces (
    id         VARCHAR(24)                 NOT NULL PRIMARY KEY,
    name       VARCHAR(200)                NOT NULL,
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

CREATE TABLE members (
    id           VARCHAR(24)                 NOT NULL PRIMARY KEY,
    workspace_id VARCHAR(24)                 NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         VARCHAR(200)                NOT NULL,
    role         VARCHAR(16)                 NOT NULL,
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT members_role CHECK (role IN ('owner', 'admin', 'operator', 'viewer')),
    CONSTRAINT members_in_workspace UNIQUE (workspace_id, id)
);
CREATE INDEX members_owners ON members (workspace_id, role);

-- secret_hash: SHA-256 of the key's secret, lower-case hex. A member's keys go with the member,
-- and the composite reference keeps a key and its member in the same workspace.
CREATE TABLE api_keys (
    id           VARCHAR(24)                 NOT NULL PRIMARY KEY,
    workspace_id VARCHAR(24)                 NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    member_id    VARCHAR(24),
    name         VARCHAR(200)                NOT NULL,
    role         VARCHAR(16)                 NOT NULL,
    secret_hash  CHAR(64)                    NOT NULL,
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP(6) WITH TIME ZONE,
    expires_at   TIMESTAMP(6) WITH TIME ZONE,
    revoked_at   TIMESTAMP(6) WITH TIME ZONE,
    grace_until  TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT api_keys_role CHECK (role IN ('owner', 'admin', 'operator', 'viewer')),
    CONSTRAINT api_keys_member FOREIGN KEY (workspace_id, member_id)
        REFERENCES members (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX api_keys_workspace ON api_keys (workspace_id, id);
CREATE INDEX api_keys_member ON api_keys (member_id);
