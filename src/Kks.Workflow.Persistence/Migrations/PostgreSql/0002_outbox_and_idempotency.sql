-- 0002: the transactional outbox and idempotent command results.

CREATE TABLE command_results (
    idempotency_key text NOT NULL,
    instance_id text NOT NULL,
    instance_status text NOT NULL,
    row_version bigint NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_command_results PRIMARY KEY (idempotency_key)
);

CREATE TABLE outbox (
    id text NOT NULL,
    idempotency_key text NOT NULL,
    kind text NOT NULL,
    instance_id text,
    payload_json text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    attempts integer NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    delivered_at timestamp with time zone,
    dead_at timestamp with time zone,
    last_error text,
    lease_owner text,
    lease_until timestamp with time zone,
    CONSTRAINT pk_outbox PRIMARY KEY (id)
);

CREATE INDEX ix_outbox_delivered_at_dead_at_next_attempt_at ON outbox (delivered_at, dead_at, next_attempt_at);

CREATE UNIQUE INDEX ix_outbox_idempotency_key ON outbox (idempotency_key);
