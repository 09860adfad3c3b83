-- Calls that wait for an operator's approval. Ids are opaque: 24 lower-case hex characters, 96 random
-- bits. arguments is the canonical JSON the invoker runs once approved; it is cleared (NULL) as soon as
-- the approval is decided, so a secret given as an argument does not outlive the decision. Every API
-- answer shows display_arguments, the same arguments redacted. status moves pending -> approved |
-- denied | expired, and approved -> executed | failed, each step once (see approval_history).
-- No reference to tenancy.workspaces: rows go with their workspace through WorkspaceCleanup.
CREATE TABLE approvals (
    id                VARCHAR(24)                 NOT NULL PRIMARY KEY,
    workspace_id      VARCHAR(64)                 NOT NULL,
    tool              VARCHAR(64)                 NOT NULL,
    tool_version      VARCHAR(64)                 NOT NULL,
    plugin_id         VARCHAR(255)                NOT NULL,
    risk              VARCHAR(16)                 NOT NULL,
    arguments         VARCHAR,
    display_arguments VARCHAR                     NOT NULL,
    run_id            VARCHAR(64)                 NOT NULL,
    requester_kind    VARCHAR(32)                 NOT NULL,
    requester_id      VARCHAR(255)                NOT NULL,
    created_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    status            VARCHAR(16)                 NOT NULL,
    decided_by        VARCHAR(255),
    decided_at        TIMESTAMP(6) WITH TIME ZONE,
    executed_at       TIMESTAMP(6) WITH TIME ZONE,
    outcome           VARCHAR(32),
    CONSTRAINT approvals_status CHECK (status IN ('pending', 'approved', 'denied', 'expired', 'executed', 'failed')),
    CONSTRAINT approvals_risk CHECK (risk IN ('read', 'write', 'destructive')),
    CONSTRAINT approvals_in_workspace UNIQUE (workspace_id, id)
);
-- The queue: a workspace's pending approvals first, then the others, each by id (the paging cursor).
CREATE INDEX approvals_queue ON approvals (workspace_id, status, id);

-- Each status an approval reached, when and by whom (null for the server: an expiry). A status is
-- reached at most once, which the primary key enforces.
CREATE TABLE approval_history (
    workspace_id VARCHAR(64)                 NOT NULL,
    approval_id  VARCHAR(24)                 NOT NULL,
    status       VARCHAR(16)                 NOT NULL,
    actor_id     VARCHAR(255),
    at           TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (approval_id, status),
    CONSTRAINT approval_history_approval FOREIGN KEY (workspace_id, approval_id)
        REFERENCES approvals (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX approval_history_workspace ON approval_history (workspace_id, approval_id);
