-- 0014: fewer index entries written per command, as in the SQLite script: the task and activity-instance indexes of
-- history and the completed-by index of historic tasks become partial (NOT NULL only). Lines of no task, and tasks
-- not completed yet, no longer write an entry nobody looks up; every query on them compares with a value, which
-- implies NOT NULL, so the planner still uses them. (history's id is an identity column here: nothing to change.)

DROP INDEX ix_history_task_id;

CREATE INDEX ix_history_task_id ON history (task_id) WHERE task_id IS NOT NULL;

DROP INDEX ix_history_activity_instance_id;

CREATE INDEX ix_history_activity_instance_id ON history (activity_instance_id) WHERE activity_instance_id IS NOT NULL;

DROP INDEX ix_historic_tasks_completed_by_ended_at;

CREATE INDEX ix_historic_tasks_completed_by_ended_at ON historic_tasks (completed_by, ended_at) WHERE completed_by IS NOT NULL;
