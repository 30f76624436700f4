-- 0002: the transactional outbox and idempotent command results.

CREATE TABLE "command_results" (
    "idempotency_key" TEXT NOT NULL CONSTRAINT "pk_command_results" PRIMARY KEY,
    "instance_id" TEXT NOT NULL,
    "instance_status" TEXT NOT NULL,
    "row_version" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL
);

CREATE TABLE "outbox" (
    "id" TEXT NOT NULL CONSTRAINT "pk_outbox" PRIMARY KEY,
    "idempotency_key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "instance_id" TEXT NULL,
    "payload_json" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "attempts" INTEGER NOT NULL,
    "next_attempt_at" INTEGER NOT NULL,
    "delivered_at" INTEGER NULL,
    "dead_at" INTEGER NULL,
    "last_error" TEXT NULL,
    "lease_owner" TEXT NULL,
    "lease_until" INTEGER NULL
);

CREATE INDEX "ix_outbox_delivered_at_dead_at_next_attempt_at" ON "outbox" ("delivered_at", "dead_at", "next_attempt_at");

CREATE UNIQUE INDEX "ix_outbox_idempotency_key" ON "outbox" ("idempotency_key");
