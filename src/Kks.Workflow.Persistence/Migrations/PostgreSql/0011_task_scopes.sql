-- 0011: a task's enclosing scope (the sub-process or multi-instance item around it) on historic_tasks, so comments
-- and history thread by scope instead of by process instance. Tasks made before this migration keep NULL: the code
-- threads them alone (the scope cannot be recomputed here without the engine's state).

ALTER TABLE historic_tasks ADD COLUMN scope_id text NULL;

CREATE INDEX ix_historic_tasks_scope_id ON historic_tasks (scope_id);
