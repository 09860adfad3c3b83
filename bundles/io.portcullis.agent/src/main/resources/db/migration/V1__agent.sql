-- The agent bundle's tables. Ids are opaque: 24 lower-case hex characters, 96 random bits. No reference
-- to tenancy.workspaces: rows go with their workspace through WorkspaceCleanup. Every table carries
-- workspace_id, and every query filters on it (and, on PostgreSQL, row-level security enforces it).

-- An agent: its name and its current version. Each change writes a new agent_versions row; a run
-- records the version it used.
CREATE TABLE agents (
    id           VARCHAR(24)                 NOT NULL PRIMARY KEY,
    workspace_id VARCHAR(64)                 NOT NULL,
    name         VARCHAR(64)                 NOT NULL,
    version      INTEGER                     NOT NULL,
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT agents_name UNIQUE (workspace_id, name),
    CONSTRAINT agents_in_workspace UNIQUE (workspace_id, id)
);
CREATE INDEX agents_of_workspace ON agents (workspace_id, id);

-- The configuration of each version, as one JSON document (instructions, model profile, tools,
-- limits, handoff rules); never queried by field.
CREATE TABLE agent_versions (
    workspace_id VARCHAR(64)                 NOT NULL,
    agent_id     VARCHAR(24)                 NOT NULL,
    version      INTEGER                     NOT NULL,
    config       VARCHAR(262144)             NOT NULL,
    created_by   VARCHAR(255)                NOT NULL,
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (agent_id, version),
    CONSTRAINT agent_versions_agent FOREIGN KEY (workspace_id, agent_id)
        REFERENCES agents (workspace_id, id) ON DELETE CASCADE
);

-- A conversation with one agent, started by an API client or (later) a channel.
CREATE TABLE conversations (
    id           VARCHAR(24)                 NOT NULL PRIMARY KEY,
    workspace_id VARCHAR(64)                 NOT NULL,
    agent_id     VARCHAR(24)                 NOT NULL,
    channel      VARCHAR(32)                 NOT NULL,
    status       VARCHAR(16)                 NOT NULL,
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT conversations_status CHECK (status IN ('open', 'closed')),
    CONSTRAINT conversations_in_workspace UNIQUE (workspace_id, id)
);
CREATE INDEX conversations_of_workspace ON conversations (workspace_id, id);

-- The transcript: content is stored redacted. trust says whether the model may take it as an
-- operator's word (trusted) or only as data (untrusted); visibility who may read it: customer (the
-- customer and operators), operator (operators only: tool calls and results), internal (operators'
-- notes: never sent to a model, never shown to a customer). tool_calls is the assistant's calls as JSON.
CREATE TABLE messages (
    id              VARCHAR(24)                 NOT NULL PRIMARY KEY,
    workspace_id    VARCHAR(64)                 NOT NULL,
    conversation_id VARCHAR(24)                 NOT NULL,
    seq             BIGINT                      NOT NULL,
    role            VARCHAR(16)                 NOT NULL,
    content         VARCHAR(1048576)            NOT NULL,
    trust           VARCHAR(16)                 NOT NULL,
    visibility      VARCHAR(16)                 NOT NULL,
    run_id          VARCHAR(24),
    tool_call_id    VARCHAR(128),
    tool_calls      VARCHAR(1048576),
    provenance      VARCHAR(255),
    author_kind     VARCHAR(32)                 NOT NULL,
    author_id       VARCHAR(255)                NOT NULL,
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT messages_role CHECK (role IN ('user', 'assistant', 'tool', 'note')),
    CONSTRAINT messages_trust CHECK (trust IN ('trusted', 'untrusted')),
    CONSTRAINT messages_visibility CHECK (visibility IN ('customer', 'operator', 'internal')),
    CONSTRAINT messages_order UNIQUE (conversation_id, seq),
    CONSTRAINT messages_conversation FOREIGN KEY (workspace_id, conversation_id)
        REFERENCES conversations (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX messages_of_workspace ON messages (workspace_id, conversation_id, seq);

-- A run: one answer of an agent to a message. state moves only by conditional updates (WHERE state =
-- the expected one), so one node advances it; a node holds it under a lease (lease_owner, lease_until)
-- renewed at every step; another node resumes it from its last persisted step once the lease expired.
-- label is the sticky join of the trust of everything its model has seen.
CREATE TABLE runs (
    id                 VARCHAR(24)                 NOT NULL PRIMARY KEY,
    workspace_id       VARCHAR(64)                 NOT NULL,
    conversation_id    VARCHAR(24)                 NOT NULL,
    agent_id           VARCHAR(24)                 NOT NULL,
    agent_version      INTEGER                     NOT NULL,
    trigger_message_id VARCHAR(24)                 NOT NULL,
    state              VARCHAR(24)                 NOT NULL,
    actor_kind         VARCHAR(32)                 NOT NULL,
    actor_id           VARCHAR(255)                NOT NULL,
    label              VARCHAR(16)                 NOT NULL,
    cancel_requested   BOOLEAN                     NOT NULL,
    lease_owner        VARCHAR(64),
    lease_until        TIMESTAMP(6) WITH TIME ZONE,
    model_calls        INTEGER                     NOT NULL,
    tool_calls         INTEGER                     NOT NULL,
    input_tokens       BIGINT                      NOT NULL,
    output_tokens      BIGINT                      NOT NULL,
    cost_micros        BIGINT                      NOT NULL,
    active_millis      BIGINT                      NOT NULL,
    approval_id        VARCHAR(24),
    end_reason         VARCHAR(64),
    created_at         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    ended_at           TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT runs_state CHECK (state IN ('queued', 'running', 'awaiting_approval', 'completed', 'handed_off',
        'failed', 'cancelled', 'budget_exhausted', 'limit_reached', 'expired')),
    CONSTRAINT runs_label CHECK (label IN ('trusted', 'untrusted')),
    CONSTRAINT runs_in_workspace UNIQUE (workspace_id, id),
    CONSTRAINT runs_conversation FOREIGN KEY (workspace_id, conversation_id)
        REFERENCES conversations (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX runs_of_conversation ON runs (workspace_id, conversation_id, id);
-- The sweeper's question: which unfinished runs have no live lease.
CREATE INDEX runs_due ON runs (state, lease_until);

-- Each step of a run, persisted before the next one starts: a model call (with the usage event that
-- paid for it and the SHA-256 of its prompt, never the prompt), a tool call (started, then done,
-- pending an approval, or interrupted when its node died before it ended: never run again), a
-- handoff. detail is JSON.
CREATE TABLE run_steps (
    workspace_id  VARCHAR(64)                 NOT NULL,
    run_id        VARCHAR(24)                 NOT NULL,
    seq           INTEGER                     NOT NULL,
    kind          VARCHAR(16)                 NOT NULL,
    state         VARCHAR(16)                 NOT NULL,
    tool_call_id  VARCHAR(128),
    tool          VARCHAR(64),
    approval_id   VARCHAR(24),
    usage_id      VARCHAR(64),
    prompt_sha256 VARCHAR(64),
    label         VARCHAR(16)                 NOT NULL,
    detail        VARCHAR(1048576)            NOT NULL,
    created_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP(6) WITH TIME ZONE,
    PRIMARY KEY (run_id, seq),
    CONSTRAINT run_steps_kind CHECK (kind IN ('model', 'tool', 'handoff')),
    CONSTRAINT run_steps_state CHECK (state IN ('started', 'done', 'failed', 'pending', 'interrupted')),
    CONSTRAINT run_steps_run FOREIGN KEY (workspace_id, run_id) REFERENCES runs (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX run_steps_of_workspace ON run_steps (workspace_id, run_id, seq);

-- What a run's event stream told, in order: the replay log behind Last-Event-ID (seq is the SSE id).
CREATE TABLE run_events (
    workspace_id VARCHAR(64)                 NOT NULL,
    run_id       VARCHAR(24)                 NOT NULL,
    seq          BIGINT                      NOT NULL,
    type         VARCHAR(32)                 NOT NULL,
    data         VARCHAR(1048576)            NOT NULL,
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (run_id, seq),
    CONSTRAINT run_events_run FOREIGN KEY (workspace_id, run_id) REFERENCES runs (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX run_events_of_workspace ON run_events (workspace_id, run_id, seq);

-- The review queue: what a person must look at (an escalation when an agent handed off).
CREATE TABLE review_items (
    id              VARCHAR(24)                 NOT NULL PRIMARY KEY,
    workspace_id    VARCHAR(64)                 NOT NULL,
    kind            VARCHAR(32)                 NOT NULL,
    conversation_id VARCHAR(24),
    run_id          VARCHAR(24),
    reason          VARCHAR(64)                 NOT NULL,
    detail          VARCHAR(2048)               NOT NULL,
    status          VARCHAR(16)                 NOT NULL,
    assignee        VARCHAR(255),
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT review_items_status CHECK (status IN ('open', 'in_progress', 'resolved')),
    CONSTRAINT review_items_in_workspace UNIQUE (workspace_id, id)
);
CREATE INDEX review_items_queue ON review_items (workspace_id, status, id);

-- Each change of a review item's status or assignee, by whom and when.
CREATE TABLE review_history (
    workspace_id VARCHAR(64)                 NOT NULL,
    item_id      VARCHAR(24)                 NOT NULL,
    seq          INTEGER                     NOT NULL,
    status       VARCHAR(16)                 NOT NULL,
    assignee     VARCHAR(255),
    actor_id     VARCHAR(255)                NOT NULL,
    at           TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (item_id, seq),
    CONSTRAINT review_history_item FOREIGN KEY (workspace_id, item_id)
        REFERENCES review_items (workspace_id, id) ON DELETE CASCADE
);
