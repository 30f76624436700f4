using static Kks.Workflow.Persistence.Runtime.Sql.Statement;

namespace Kks.Workflow.Persistence.Runtime.Sql;

/// <summary>
/// The statements of the hot command path, on the tables the EF model maps (column names follow
/// <see cref="ModelConventions"/>; the schema test keeps the model and the scripts equal, the command path tests
/// keep these in step). Everything else stays on EF.
/// </summary>
internal static class CommandSql
{
    // Reads.
    /// <summary>The task's instance and that instance's row version, read together: a cached instance needs no other read.</summary>
    public static readonly Statement TaskInstance = new("""
        SELECT t."instance_id", i."row_version" FROM "user_tasks" AS t LEFT JOIN "process_instances" AS i ON i."id" = t."instance_id" WHERE t."id" = @id
        """, T("id"));

    public static readonly Statement TimerInstance = new("""
        SELECT t."instance_id", i."row_version" FROM "timers" AS t LEFT JOIN "process_instances" AS i ON i."id" = t."instance_id" WHERE t."id" = @id
        """, T("id"));

    public static readonly Statement RowVersion = new("""SELECT "row_version" FROM "process_instances" WHERE "id" = @id""", T("id"));

    public static readonly Statement LoadInstance = new("""
        SELECT "id", "definition_id", "process_key", "business_key", "status", "state_json", "row_version",
               "super_instance_id", "started_at", "ended_at", "started_by"
        FROM "process_instances" WHERE "id" = @id
        """, T("id"));

    public static readonly Statement CommandResult = new(
        """SELECT "instance_id", "instance_status", "row_version" FROM "command_results" WHERE "idempotency_key" = @key""", T("key"));

    public static readonly Statement LatestDefinition = new(
        """SELECT "id" FROM "process_definitions" WHERE "key" = @key ORDER BY "version" DESC LIMIT 1""", T("key"));

    public static readonly Statement DefinitionExists = new("""SELECT 1 FROM "process_definitions" WHERE "id" = @id""", T("id"));

    /// <summary>No row: the task is gone; one row with a null kind: a task without candidates.</summary>
    public static readonly Statement TaskCandidates = new("""
        SELECT c."kind", c."value" FROM "user_tasks" AS t LEFT JOIN "task_candidates" AS c ON c."task_id" = t."id" WHERE t."id" = @id
        """, T("id"));

    public static readonly Statement OutboxKeyExists = new("""SELECT 1 FROM "outbox" WHERE "idempotency_key" = @key""", T("key"));

    // The instance row: the optimistic lock is the WHERE on the row version read.
    public static readonly Statement InsertInstance = new("""
        INSERT INTO "process_instances" ("id", "definition_id", "process_key", "business_key", "status", "state_json", "row_version",
            "super_instance_id", "started_at", "ended_at", "started_by")
        VALUES (@id, @definition_id, @process_key, @business_key, @status, @state_json, @row_version, @super_instance_id, @started_at, @ended_at, @started_by)
        """, T("id"), T("definition_id"), T("process_key"), T("business_key"), T("status"), T("state_json"), L("row_version"),
        T("super_instance_id"), D("started_at"), D("ended_at"), T("started_by"));

    public static readonly Statement UpdateInstance = new("""
        UPDATE "process_instances" SET "business_key" = @business_key, "status" = @status, "state_json" = @state_json,
            "row_version" = @row_version, "super_instance_id" = @super_instance_id, "started_at" = @started_at,
            "ended_at" = @ended_at, "started_by" = @started_by
        WHERE "id" = @id AND "row_version" = @read
        """, T("business_key"), T("status"), T("state_json"), L("row_version"), T("super_instance_id"), D("started_at"),
        D("ended_at"), T("started_by"), T("id"), L("read"));

    // User tasks and their candidates (the inbox's tables).
    public static readonly Statement InsertTask = new("""
        INSERT INTO "user_tasks" ("id", "instance_id", "execution_id", "node_id", "name", "assignee", "owner", "due_at", "follow_up_at", "priority", "form_key", "created_at")
        VALUES (@id, @instance_id, @execution_id, @node_id, @name, @assignee, @owner, @due_at, @follow_up_at, @priority, @form_key, @created_at)
        """, T("id"), T("instance_id"), T("execution_id"), T("node_id"), T("name"), T("assignee"), T("owner"), D("due_at"),
        D("follow_up_at"), I("priority"), T("form_key"), D("created_at"));

    public static readonly Statement UpdateTask = new("""
        UPDATE "user_tasks" SET "name" = @name, "assignee" = @assignee, "owner" = @owner, "due_at" = @due_at, "follow_up_at" = @follow_up_at,
            "priority" = @priority, "form_key" = @form_key, "created_at" = @created_at
        WHERE "id" = @id
        """, T("name"), T("assignee"), T("owner"), D("due_at"), D("follow_up_at"), I("priority"), T("form_key"), D("created_at"), T("id"));

    /// <summary>The database cascades to the task's candidates.</summary>
    public static readonly Statement DeleteTask = new("""DELETE FROM "user_tasks" WHERE "id" = @id""", T("id"));

    public static readonly Statement InsertCandidate = new(
        """INSERT INTO "task_candidates" ("task_id", "kind", "value", "sort_due") VALUES (@task_id, @kind, @value, @sort_due)""",
        T("task_id"), I("kind"), T("value"), D("sort_due"));

    public static readonly Statement DeleteCandidates = new("""DELETE FROM "task_candidates" WHERE "task_id" = @task_id""", T("task_id"));

    // Historic tasks: one insert when created, key-only updates after.
    public static readonly Statement InsertHistoricTask = new("""
        INSERT INTO "historic_tasks" ("id", "instance_id", "process_key", "definition_id", "business_key", "execution_id", "activity_instance_id",
            "scope_id", "node_id", "name", "description", "assignee", "owner", "created_at", "due_at", "follow_up_at", "priority")
        VALUES (@id, @instance_id, @process_key, @definition_id, @business_key, @execution_id, @activity_instance_id,
            @scope_id, @node_id, @name, @description, @assignee, @owner, @created_at, @due_at, @follow_up_at, @priority)
        """, T("id"), T("instance_id"), T("process_key"), T("definition_id"), T("business_key"), T("execution_id"), T("activity_instance_id"),
        T("scope_id"), T("node_id"), T("name"), T("description"), T("assignee"), T("owner"), D("created_at"), D("due_at"), D("follow_up_at"), I("priority"));

    public static readonly Statement UpdateHistoricTask = new("""
        UPDATE "historic_tasks" SET "name" = @name, "description" = @description, "assignee" = @assignee, "owner" = @owner,
            "due_at" = @due_at, "follow_up_at" = @follow_up_at, "priority" = @priority
        WHERE "id" = @id
        """, T("name"), T("description"), T("assignee"), T("owner"), D("due_at"), D("follow_up_at"), I("priority"), T("id"));

    public static readonly Statement CompleteHistoricTask = new(
        """UPDATE "historic_tasks" SET "ended_at" = @ended_at, "end_reason" = @end_reason, "completed_by" = @completed_by WHERE "id" = @id""",
        D("ended_at"), T("end_reason"), T("completed_by"), T("id"));

    public static readonly Statement DeleteHistoricTask = new(
        """UPDATE "historic_tasks" SET "ended_at" = @ended_at, "end_reason" = @end_reason WHERE "id" = @id""",
        D("ended_at"), T("end_reason"), T("id"));

    public static readonly Statement InsertHistoricCandidate = new(
        """INSERT INTO "historic_task_candidates" ("task_id", "kind", "value") VALUES (@task_id, @kind, @value)""",
        T("task_id"), I("kind"), T("value"));

    public static readonly Statement DeleteHistoricCandidate = new(
        """DELETE FROM "historic_task_candidates" WHERE "task_id" = @task_id AND "kind" = @kind AND "value" = @value""",
        T("task_id"), I("kind"), T("value"));

    // Timers, jobs, message subscriptions, incidents.
    public static readonly Statement InsertTimer = new(
        """INSERT INTO "timers" ("id", "instance_id", "node_id", "due_at") VALUES (@id, @instance_id, @node_id, @due_at)""",
        T("id"), T("instance_id"), T("node_id"), D("due_at"));

    /// <summary>A repeating timer re-armed: new due time, and whatever lease fired it is over.</summary>
    public static readonly Statement RearmTimer = new(
        """UPDATE "timers" SET "due_at" = @due_at, "lease_owner" = NULL, "lease_until" = NULL WHERE "id" = @id""", D("due_at"), T("id"));

    public static readonly Statement DeleteTimer = new("""DELETE FROM "timers" WHERE "id" = @id""", T("id"));

    public static readonly Statement InsertJob = new("""
        INSERT INTO "jobs" ("id", "instance_id", "node_id", "kind", "topic", "handler_name", "retries", "priority", "due_at", "error_message", "created_at")
        VALUES (@id, @instance_id, @node_id, @kind, @topic, @handler_name, @retries, @priority, @due_at, @error_message, @created_at)
        """, T("id"), T("instance_id"), T("node_id"), T("kind"), T("topic"), T("handler_name"), I("retries"), L("priority"), D("due_at"),
        T("error_message"), D("created_at"));

    /// <summary>A job changed by the engine (retried, failed): its columns, and whatever lock it had is over.</summary>
    public static readonly Statement UpdateJob = new("""
        UPDATE "jobs" SET "topic" = @topic, "handler_name" = @handler_name, "retries" = @retries, "priority" = @priority, "due_at" = @due_at,
            "error_message" = @error_message, "created_at" = @created_at, "lock_owner" = NULL, "lock_until" = NULL
        WHERE "id" = @id
        """, T("topic"), T("handler_name"), I("retries"), L("priority"), D("due_at"), T("error_message"), D("created_at"), T("id"));

    public static readonly Statement DeleteJob = new("""DELETE FROM "jobs" WHERE "id" = @id""", T("id"));

    public static readonly Statement InsertSubscription = new("""
        INSERT INTO "message_subscriptions" ("id", "instance_id", "node_id", "message_name", "business_key", "created_at")
        VALUES (@id, @instance_id, @node_id, @message_name, @business_key, @created_at)
        """, T("id"), T("instance_id"), T("node_id"), T("message_name"), T("business_key"), D("created_at"));

    public static readonly Statement DeleteSubscription = new("""DELETE FROM "message_subscriptions" WHERE "id" = @id""", T("id"));

    public static readonly Statement InsertIncident = new("""
        INSERT INTO "incidents" ("id", "instance_id", "node_id", "type", "job_id", "message", "created_at")
        VALUES (@id, @instance_id, @node_id, @type, @job_id, @message, @created_at)
        """, T("id"), T("instance_id"), T("node_id"), T("type"), T("job_id"), T("message"), D("created_at"));

    public static readonly Statement UpdateIncident = new("""UPDATE "incidents" SET "message" = @message WHERE "id" = @id""", T("message"), T("id"));

    public static readonly Statement DeleteIncident = new("""DELETE FROM "incidents" WHERE "id" = @id""", T("id"));

    // Append-only rows.
    public static readonly Statement InsertHistory = new("""
        INSERT INTO "history" ("time", "instance_id", "kind", "execution_id", "node_id", "node_type", "node_name", "activity_instance_id", "task_id", "user_id", "data_json")
        VALUES (@time, @instance_id, @kind, @execution_id, @node_id, @node_type, @node_name, @activity_instance_id, @task_id, @user_id, @data_json)
        """, D("time"), T("instance_id"), T("kind"), T("execution_id"), T("node_id"), T("node_type"), T("node_name"), T("activity_instance_id"),
        T("task_id"), T("user_id"), T("data_json"));

    public static readonly Statement InsertOutbox = new("""
        INSERT INTO "outbox" ("id", "idempotency_key", "kind", "instance_id", "payload_json", "created_at", "attempts", "next_attempt_at")
        VALUES (@id, @idempotency_key, @kind, @instance_id, @payload_json, @created_at, 0, @next_attempt_at)
        """, T("id"), T("idempotency_key"), T("kind"), T("instance_id"), T("payload_json"), D("created_at"), D("next_attempt_at"));

    public static readonly Statement InsertCommandResult = new("""
        INSERT INTO "command_results" ("idempotency_key", "instance_id", "instance_status", "row_version", "created_at")
        VALUES (@idempotency_key, @instance_id, @instance_status, @row_version, @created_at)
        """, T("idempotency_key"), T("instance_id"), T("instance_status"), L("row_version"), D("created_at"));

    // The group committer's transaction, as prepared statements (SQLite: IMMEDIATE takes the write lock at once,
    // waiting up to the busy timeout, instead of failing at the first write when another connection holds it).
    public static readonly Statement Begin = new("BEGIN IMMEDIATE");

    public static readonly Statement Commit = new("COMMIT");

    public static readonly Statement Rollback = new("ROLLBACK");

    // One command's write set inside a shared (group commit) transaction.
    public static readonly Statement Savepoint = new("SAVEPOINT command_write");

    public static readonly Statement ReleaseSavepoint = new("RELEASE SAVEPOINT command_write");

    public static readonly Statement RollbackToSavepoint = new("ROLLBACK TO SAVEPOINT command_write");
}
