-- A workspace's model profiles: a name its callers use (lower-case slug, unique in the workspace) for a
-- provider plugin, a model of it, the workspace credential that authenticates the calls (an id, never a
-- value), a base URL for compatible servers (checked against the egress rules when saved) and the
-- default max_tokens. Ids are opaque: 24 lower-case hex characters, 96 random bits.
-- No reference to tenancy.workspaces: rows go with their workspace through WorkspaceCleanup.
CREATE TABLE profiles (
    id            VARCHAR(24)                 NOT NULL PRIMARY KEY,
    workspace_id  VARCHAR(64)                 NOT NULL,
    name          VARCHAR(64)                 NOT NULL,
    plugin_id     VARCHAR(255)                NOT NULL,
    model         VARCHAR(200)                NOT NULL,
    credential_id VARCHAR(64),
    base_url      VARCHAR(2048),
    max_tokens    INTEGER                     NOT NULL,
    created_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT profiles_max_tokens CHECK (max_tokens BETWEEN 1 AND 200000),
    CONSTRAINT profiles_name UNIQUE (workspace_id, name)
);
-- Paging a workspace's profiles by id (the cursor).
CREATE INDEX profiles_of_workspace ON profiles (workspace_id, id);
