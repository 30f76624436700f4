-- 0014: fewer index entries written per command, as in the SQLite script: indexes of columns that are mostly NULL
-- become partial (NOT NULL only): history's task and activity-instance ids, historic tasks' assignee and completed-by,
-- instances' business key and super instance. Every query that needs them compares with a value, which implies NOT
-- NULL, so the planner still uses them. (history's id is an identity column here: nothing to change.)

DROP INDEX ix_history_task_id;

CREATE INDEX ix_history_task_id ON history (task_id) WHERE task_id IS NOT NULL;

DROP INDEX ix_history_activity_instance_id;

CREATE INDEX ix_history_activity_instance_id ON history (activity_instance_id) WHERE activity_instance_id IS NOT NULL;

DROP INDEX ix_historic_tasks_completed_by_ended_at;

CREATE INDEX ix_historic_tasks_completed_by_ended_at ON historic_tasks (completed_by, ended_at) WHERE completed_by IS NOT NULL;

DROP INDEX ix_historic_tasks_assignee_ended_at;

CREATE INDEX ix_historic_tasks_assignee_ended_at ON historic_tasks (assignee, ended_at) WHERE assignee IS NOT NULL;

DROP INDEX ix_process_instances_business_key;

CREATE INDEX ix_process_instances_business_key ON process_instances (business_key) WHERE business_key IS NOT NULL;

DROP INDEX ix_process_instances_super_instance_id;

CREATE INDEX ix_process_instances_super_instance_id ON process_instances (super_instance_id) WHERE super_instance_id IS NOT NULL;
