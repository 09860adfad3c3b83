-- The audit log: one hash chain per workspace ('platform' for events of no workspace). Append-only:
-- the server inserts and reads; only retention pruning deletes, through its own path, and leaves a
-- checkpoint so that the rest of the chain still verifies. Text columns hold redacted text only.
CREATE TABLE records (
    chain               VARCHAR(64)                 NOT NULL,
    seq                 BIGINT                      NOT NULL,
    recorded_at         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    workspace_id        VARCHAR(64),
    actor_kind          VARCHAR(32)                 NOT NULL,
    actor_id            VARCHAR(200)                NOT NULL,
    actor_credential_id VARCHAR(200),
    action              VARCHAR(64)                 NOT NULL,
    target              VARCHAR(500),
    decision            VARCHAR(8)                  NOT NULL,
    reason_code         VARCHAR(64),
    reason_text         VARCHAR(1000),
    arguments_hmac      CHAR(64),
    result_status       INTEGER,
    latency_ms          BIGINT,
    request_id          VARCHAR(128),
    prev_hash           CHAR(64)                    NOT NULL,
    hash                CHAR(64)                    NOT NULL,
    PRIMARY KEY (chain, seq),
    CONSTRAINT records_decision CHECK (decision IN ('allowed', 'denied', 'error')),
    CONSTRAINT records_chain CHECK (chain = 'platform' AND workspace_id IS NULL OR chain = workspace_id)
);
CREATE INDEX records_time ON records (chain, recorded_at);

-- The last pruned record of a chain: its sequence number and hash, which the first remaining record
-- names as its previous hash.
CREATE TABLE checkpoints (
    chain     VARCHAR(64)                 NOT NULL PRIMARY KEY,
    seq       BIGINT                      NOT NULL,
    hash      CHAR(64)                    NOT NULL,
    pruned_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

-- Days a chain keeps its records; a chain without a row keeps them forever.
CREATE TABLE retention (
    chain      VARCHAR(64)                 NOT NULL PRIMARY KEY,
    days       INTEGER                     NOT NULL,
    updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT retention_days CHECK (days BETWEEN 1 AND 36500)
);
