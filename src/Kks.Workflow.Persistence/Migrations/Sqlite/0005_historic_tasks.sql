-- 0005: task-level history (Camunda's historic task instances) and activity instance ids on history lines.
-- historic_tasks is kept by the command path (one insert at creation, key-only updates after); the open tasks of
-- an existing database are copied in here, so their later updates and completion find their row.

ALTER TABLE "history" ADD COLUMN "node_name" TEXT NULL;

ALTER TABLE "history" ADD COLUMN "activity_instance_id" TEXT NULL;

CREATE INDEX "ix_history_activity_instance_id" ON "history" ("activity_instance_id");

CREATE TABLE "historic_tasks" (
    "id" TEXT NOT NULL CONSTRAINT "pk_historic_tasks" PRIMARY KEY,
    "instance_id" TEXT NOT NULL,
    "process_key" TEXT NOT NULL,
    "definition_id" TEXT NOT NULL,
    "business_key" TEXT NULL,
    "execution_id" TEXT NOT NULL,
    "activity_instance_id" TEXT NULL,
    "node_id" TEXT NOT NULL,
    "name" TEXT NULL,
    "description" TEXT NULL,
    "assignee" TEXT NULL,
    "owner" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    "due_at" INTEGER NULL,
    "follow_up_at" INTEGER NULL,
    "priority" INTEGER NOT NULL,
    "ended_at" INTEGER NULL,
    "end_reason" TEXT NULL,
    "completed_by" TEXT NULL
);

CREATE TABLE "historic_task_candidates" (
    "task_id" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "value" TEXT NOT NULL,
    "ended_at" INTEGER NULL,
    CONSTRAINT "pk_historic_task_candidates" PRIMARY KEY ("task_id", "kind", "value"),
    CONSTRAINT "fk_historic_task_candidates_historic_tasks" FOREIGN KEY ("task_id") REFERENCES "historic_tasks" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_historic_task_candidates_kind_value_ended_at" ON "historic_task_candidates" ("kind", "value", "ended_at");

CREATE INDEX "ix_historic_tasks_assignee_ended_at" ON "historic_tasks" ("assignee", "ended_at");

CREATE INDEX "ix_historic_tasks_completed_by_ended_at" ON "historic_tasks" ("completed_by", "ended_at");

CREATE INDEX "ix_historic_tasks_instance_id" ON "historic_tasks" ("instance_id");

INSERT INTO "historic_tasks" ("id", "instance_id", "process_key", "definition_id", "business_key", "execution_id", "node_id",
    "name", "assignee", "owner", "created_at", "due_at", "follow_up_at", "priority")
SELECT t."id", t."instance_id", i."process_key", i."definition_id", i."business_key", t."execution_id", t."node_id",
    t."name", t."assignee", t."owner", t."created_at", t."due_at", t."follow_up_at", t."priority"
FROM "user_tasks" AS t JOIN "process_instances" AS i ON i."id" = t."instance_id";

INSERT INTO "historic_task_candidates" ("task_id", "kind", "value")
SELECT c."task_id", c."kind", c."value" FROM "task_candidates" AS c
WHERE EXISTS (SELECT 1 FROM "historic_tasks" AS h WHERE h."id" = c."task_id");
