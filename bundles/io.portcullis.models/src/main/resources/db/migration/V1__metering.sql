-- Metering of model calls: prices, budgets, burst limits, reservations and usage. Money is in micros
-- (millionths of the price currency) as BIGINT; token counts are BIGINT. No reference to
-- tenancy.workspaces: rows go with their workspace through WorkspaceCleanup.

-- The platform's prices per provider plugin and model, per million tokens. Versioned: a change adds a
-- version and keeps the old ones, so a usage event names the price it was charged at. 0 is a price
-- (a local model); a model without any row cannot be called.
CREATE TABLE model_prices (
    plugin_id                 VARCHAR(255)                NOT NULL,
    model                     VARCHAR(255)                NOT NULL,
    version                   BIGINT                      NOT NULL,
    input_micros_per_million  BIGINT                      NOT NULL,
    output_micros_per_million BIGINT                      NOT NULL,
    set_by                    VARCHAR(255)                NOT NULL,
    set_at                    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (plugin_id, model, version),
    CONSTRAINT model_prices_version CHECK (version >= 1),
    CONSTRAINT model_prices_input CHECK (input_micros_per_million BETWEEN 0 AND 1000000000000),
    CONSTRAINT model_prices_output CHECK (output_micros_per_million BETWEEN 0 AND 1000000000000)
);

-- A workspace's budget settings. No row: a monthly limit of 0 (only free models) and the default
-- burst limits.
CREATE TABLE budgets (
    workspace_id         VARCHAR(64)                 NOT NULL PRIMARY KEY,
    monthly_limit_micros BIGINT                      DEFAULT 0 NOT NULL,
    calls_per_minute     BIGINT                      DEFAULT 60 NOT NULL,
    tokens_per_minute    BIGINT                      DEFAULT 200000 NOT NULL,
    set_by               VARCHAR(255)                NOT NULL,
    set_at               TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT budgets_limit CHECK (monthly_limit_micros >= 0),
    CONSTRAINT budgets_calls CHECK (calls_per_minute >= 1),
    CONSTRAINT budgets_tokens CHECK (tokens_per_minute >= 1)
);

-- A workspace's calendar month (UTC, on database time): created by the first reservation of the
-- month with the limit then in force. A reservation fits when spent + reserved + it <= limit, checked
-- in one conditional UPDATE; spent may pass the limit only by usage beyond a reservation.
CREATE TABLE budget_periods (
    workspace_id    VARCHAR(64) NOT NULL,
    period_start    DATE        NOT NULL,
    limit_micros    BIGINT      NOT NULL,
    spent_micros    BIGINT      DEFAULT 0 NOT NULL,
    reserved_micros BIGINT      DEFAULT 0 NOT NULL,
    PRIMARY KEY (workspace_id, period_start),
    CONSTRAINT budget_periods_amounts CHECK (limit_micros >= 0 AND spent_micros >= 0 AND reserved_micros >= 0)
);

-- The worst-case cost of a call, held before the provider is called. state moves held -> settled
-- (the call's usage was charged), released (the provider was never reached) or expired (held past
-- expires_at, the call's deadline plus two minutes: charged in full by the sweeper), each once.
-- The prices are those of price_version, copied so that settling does not look them up again.
CREATE TABLE usage_reservations (
    id                        VARCHAR(24)                 NOT NULL PRIMARY KEY,
    workspace_id              VARCHAR(64)                 NOT NULL,
    period_start              DATE                        NOT NULL,
    run_id                    VARCHAR(64),
    profile                   VARCHAR(255)                NOT NULL,
    plugin_id                 VARCHAR(255)                NOT NULL,
    model                     VARCHAR(255)                NOT NULL,
    price_version             BIGINT                      NOT NULL,
    input_micros_per_million  BIGINT                      NOT NULL,
    output_micros_per_million BIGINT                      NOT NULL,
    reserved_micros           BIGINT                      NOT NULL,
    reserved_input_tokens     BIGINT                      NOT NULL,
    reserved_output_tokens    BIGINT                      NOT NULL,
    rate_tokens               BIGINT                      NOT NULL,
    rate_increment_micros     BIGINT                      NOT NULL,
    state                     VARCHAR(16)                 NOT NULL,
    created_at                TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at                TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    ended_at                  TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT usage_reservations_state CHECK (state IN ('held', 'settled', 'released', 'expired'))
);
CREATE INDEX usage_reservations_held ON usage_reservations (state, expires_at);
CREATE INDEX usage_reservations_workspace ON usage_reservations (workspace_id, state);

-- What each call used and cost: append-only, one per settled or expired reservation (reservation_id
-- is unique, so a settlement cannot be counted twice). Never a prompt nor an output. source is
-- 'provider' (its reported usage) or 'estimate' (the reservation's bound); flagged marks the
-- sweeper's charges, to be reconciled.
CREATE TABLE usage_events (
    id             VARCHAR(24)                 NOT NULL PRIMARY KEY,
    workspace_id   VARCHAR(64)                 NOT NULL,
    reservation_id VARCHAR(24)                 NOT NULL,
    run_id         VARCHAR(64),
    profile        VARCHAR(255)                NOT NULL,
    plugin_id      VARCHAR(255)                NOT NULL,
    model          VARCHAR(255)                NOT NULL,
    price_version  BIGINT                      NOT NULL,
    input_tokens   BIGINT                      NOT NULL,
    output_tokens  BIGINT                      NOT NULL,
    cost_micros    BIGINT                      NOT NULL,
    source         VARCHAR(16)                 NOT NULL,
    flagged        BOOLEAN                     DEFAULT FALSE NOT NULL,
    latency_millis BIGINT                      NOT NULL,
    occurred_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    period_start   DATE                        NOT NULL,
    usage_day      DATE                        NOT NULL,
    CONSTRAINT usage_events_reservation UNIQUE (reservation_id),
    CONSTRAINT usage_events_source CHECK (source IN ('provider', 'estimate')),
    CONSTRAINT usage_events_amounts CHECK (input_tokens >= 0 AND output_tokens >= 0 AND cost_micros >= 0)
);
CREATE INDEX usage_events_period ON usage_events (workspace_id, period_start, usage_day);

-- Burst limits by GCRA: tat is the theoretical arrival time, in microseconds since the epoch on the
-- database's clock, of each of a workspace's limits ('calls', 'tokens').
CREATE TABLE rate_limits (
    workspace_id VARCHAR(64) NOT NULL,
    limit_key    VARCHAR(32) NOT NULL,
    tat          BIGINT      NOT NULL,
    PRIMARY KEY (workspace_id, limit_key)
);
