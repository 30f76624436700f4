-- 0001: definitions, instances and their wait-state rows, history.
-- Written by hand (EF Core Design is not obtainable); SchemaTests prove the migrated schema equals the model.

CREATE TABLE "deployments" (
    "id" TEXT NOT NULL CONSTRAINT "pk_deployments" PRIMARY KEY,
    "name" TEXT NULL,
    "xml" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "deployed_at" INTEGER NOT NULL,
    "deployed_by" TEXT NULL
);

CREATE TABLE "history" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_history" PRIMARY KEY AUTOINCREMENT,
    "time" INTEGER NOT NULL,
    "instance_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "execution_id" TEXT NULL,
    "node_id" TEXT NULL,
    "node_type" TEXT NULL,
    "task_id" TEXT NULL,
    "user_id" TEXT NULL,
    "data_json" TEXT NULL
);

CREATE TABLE "incidents" (
    "id" TEXT NOT NULL CONSTRAINT "pk_incidents" PRIMARY KEY,
    "instance_id" TEXT NOT NULL,
    "node_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "job_id" TEXT NULL,
    "message" TEXT NULL,
    "created_at" INTEGER NOT NULL
);

CREATE TABLE "jobs" (
    "id" TEXT NOT NULL CONSTRAINT "pk_jobs" PRIMARY KEY,
    "instance_id" TEXT NOT NULL,
    "node_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "topic" TEXT NULL,
    "handler_name" TEXT NULL,
    "retries" INTEGER NOT NULL,
    "priority" INTEGER NOT NULL,
    "due_at" INTEGER NULL,
    "lock_owner" TEXT NULL,
    "lock_until" INTEGER NULL,
    "error_message" TEXT NULL,
    "created_at" INTEGER NOT NULL
);

CREATE TABLE "message_subscriptions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_message_subscriptions" PRIMARY KEY,
    "instance_id" TEXT NOT NULL,
    "node_id" TEXT NOT NULL,
    "message_name" TEXT NOT NULL,
    "business_key" TEXT NULL,
    "created_at" INTEGER NOT NULL
);

CREATE TABLE "process_definitions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_process_definitions" PRIMARY KEY,
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NULL,
    "deployment_id" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "deployed_at" INTEGER NOT NULL
);

CREATE TABLE "process_instances" (
    "id" TEXT NOT NULL CONSTRAINT "pk_process_instances" PRIMARY KEY,
    "definition_id" TEXT NOT NULL,
    "process_key" TEXT NOT NULL,
    "business_key" TEXT NULL,
    "status" TEXT NOT NULL,
    "state_json" TEXT NOT NULL,
    "row_version" INTEGER NOT NULL,
    "super_instance_id" TEXT NULL,
    "started_at" INTEGER NOT NULL,
    "ended_at" INTEGER NULL,
    "started_by" TEXT NULL
);

CREATE TABLE "timers" (
    "id" TEXT NOT NULL CONSTRAINT "pk_timers" PRIMARY KEY,
    "instance_id" TEXT NOT NULL,
    "node_id" TEXT NOT NULL,
    "due_at" INTEGER NOT NULL,
    "lease_owner" TEXT NULL,
    "lease_until" INTEGER NULL
);

CREATE TABLE "user_tasks" (
    "id" TEXT NOT NULL CONSTRAINT "pk_user_tasks" PRIMARY KEY,
    "instance_id" TEXT NOT NULL,
    "execution_id" TEXT NOT NULL,
    "node_id" TEXT NOT NULL,
    "name" TEXT NULL,
    "assignee" TEXT NULL,
    "owner" TEXT NULL,
    "due_at" INTEGER NULL,
    "follow_up_at" INTEGER NULL,
    "priority" INTEGER NOT NULL,
    "form_key" TEXT NULL,
    "created_at" INTEGER NOT NULL
);

CREATE TABLE "task_candidates" (
    "task_id" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "value" TEXT NOT NULL,
    "sort_due" INTEGER NOT NULL,
    CONSTRAINT "pk_task_candidates" PRIMARY KEY ("task_id", "kind", "value"),
    CONSTRAINT "fk_task_candidates_user_tasks" FOREIGN KEY ("task_id") REFERENCES "user_tasks" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_deployments_content_hash" ON "deployments" ("content_hash");

CREATE INDEX "ix_history_instance_id_id" ON "history" ("instance_id", "id");

CREATE INDEX "ix_history_task_id" ON "history" ("task_id");

CREATE INDEX "ix_incidents_instance_id" ON "incidents" ("instance_id");

CREATE INDEX "ix_jobs_instance_id" ON "jobs" ("instance_id");

CREATE INDEX "ix_jobs_kind_topic_due_at" ON "jobs" ("kind", "topic", "due_at");

CREATE INDEX "ix_message_subscriptions_instance_id" ON "message_subscriptions" ("instance_id");

CREATE INDEX "ix_message_subscriptions_message_name_business_key" ON "message_subscriptions" ("message_name", "business_key");

CREATE INDEX "ix_process_definitions_deployment_id" ON "process_definitions" ("deployment_id");

CREATE UNIQUE INDEX "ix_process_definitions_key_version" ON "process_definitions" ("key", "version");

CREATE INDEX "ix_process_instances_business_key" ON "process_instances" ("business_key");

CREATE INDEX "ix_process_instances_definition_id" ON "process_instances" ("definition_id");

CREATE INDEX "ix_process_instances_super_instance_id" ON "process_instances" ("super_instance_id");

CREATE INDEX "ix_task_candidates_inbox" ON "task_candidates" ("kind", "value", "sort_due", "task_id");

CREATE INDEX "ix_timers_due_at" ON "timers" ("due_at");

CREATE INDEX "ix_timers_instance_id" ON "timers" ("instance_id");

CREATE INDEX "ix_user_tasks_assignee_due_at" ON "user_tasks" ("assignee", "due_at");

CREATE INDEX "ix_user_tasks_instance_id" ON "user_tasks" ("instance_id");
