-- Invites to join one workspace with one role. token_hash: SHA-256 of the token's secret, lower-case
-- hex; the token itself (pi_<id>_<secret>) is shown once and never stored. created_by is the id of
-- the credential that invited (an API key id, say), kept as a record, not a reference: the invite
-- outlives that key. accepted_at is set once, by the acceptance that claims the invite.
CREATE TABLE invites (
    id           VARCHAR(24)                 NOT NULL PRIMARY KEY,
    workspace_id VARCHAR(24)                 NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    token_hash   CHAR(64)                    NOT NULL,
    role         VARCHAR(16)                 NOT NULL,
    invitee_name VARCHAR(200)                NOT NULL,
    created_by   VARCHAR(255)                NOT NULL,
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    accepted_at  TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT invites_role CHECK (role IN ('owner', 'admin', 'operator', 'viewer')),
    CONSTRAINT invites_expiry CHECK (expires_at > created_at)
);
CREATE INDEX invites_workspace ON invites (workspace_id, id);
