-- 0015: fewer index entries per command on the history tables, as in the PostgreSQL script (which says why for each;
-- see README, Persistence, "Indexes of the write path"): historic_task_candidates loses ended_at (no query reads it;
-- its UPDATE at every task end goes away) and its index becomes (kind, value); historic_tasks loses its two ended-at
-- indexes for one on assignee; history loses its task_id index, and its activity-instance index keeps end lines only.
-- SQLite uses the last one when the query's WHERE has the same term ("kind" IN ('ActivityCompleted',
-- 'ActivityCancelled'), what EF writes for the activity-instance endpoints); no fillfactor here (SQLite has none).

DROP INDEX "ix_historic_task_candidates_kind_value_ended_at";

ALTER TABLE "historic_task_candidates" DROP COLUMN "ended_at";

CREATE INDEX "ix_historic_task_candidates_kind_value" ON "historic_task_candidates" ("kind", "value");

DROP INDEX "ix_historic_tasks_completed_by_ended_at";

DROP INDEX "ix_historic_tasks_assignee_ended_at";

CREATE INDEX "ix_historic_tasks_assignee" ON "historic_tasks" ("assignee") WHERE "assignee" IS NOT NULL;

DROP INDEX "ix_history_task_id";

DROP INDEX "ix_history_activity_instance_id";

CREATE INDEX "ix_history_activity_instance_id" ON "history" ("activity_instance_id") WHERE "kind" IN ('ActivityCompleted', 'ActivityCancelled');
