using System.Buffers;
using System.Text;
using System.Text.Json;
using Kks.Workflow.Engine.State;

namespace Kks.Workflow.Engine.Serialization;

/// <summary>
/// Writes an instance state as JSON by hand, byte for byte what <see cref="JsonSerializer"/> writes with the options
/// of <see cref="InstanceStateJson"/> (camelCase names in declaration order, a derived row's own properties before
/// its base's, nulls left out, enums as names, variables through <see cref="VariableJson"/>), so reading stays on
/// the serializer and every stored state reads as before. Why: the runtime writes the whole state on every
/// command, and the serializer's reflection-driven walk cost about twice this. The engine tests check the two
/// writers agree on every state they produce (InMemoryRuntime.VerifyStateRoundTrip).
/// </summary>
internal static class InstanceStateWriter
{
    // One buffer per thread, kept between commands (a state is ~12 KB with 18 parallel tasks).
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _writer;

    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText DefinitionId = JsonEncodedText.Encode("definitionId");
    private static readonly JsonEncodedText ProcessKey = JsonEncodedText.Encode("processKey");
    private static readonly JsonEncodedText BusinessKey = JsonEncodedText.Encode("businessKey");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText StartedAt = JsonEncodedText.Encode("startedAt");
    private static readonly JsonEncodedText EndedAt = JsonEncodedText.Encode("endedAt");
    private static readonly JsonEncodedText StartedBy = JsonEncodedText.Encode("startedBy");
    private static readonly JsonEncodedText SuperInstanceId = JsonEncodedText.Encode("superInstanceId");
    private static readonly JsonEncodedText SuperExecutionId = JsonEncodedText.Encode("superExecutionId");
    private static readonly JsonEncodedText Sequence = JsonEncodedText.Encode("sequence");
    private static readonly JsonEncodedText Executions = JsonEncodedText.Encode("executions");
    private static readonly JsonEncodedText Tasks = JsonEncodedText.Encode("tasks");
    private static readonly JsonEncodedText Timers = JsonEncodedText.Encode("timers");
    private static readonly JsonEncodedText Jobs = JsonEncodedText.Encode("jobs");
    private static readonly JsonEncodedText Subscriptions = JsonEncodedText.Encode("subscriptions");
    private static readonly JsonEncodedText Incidents = JsonEncodedText.Encode("incidents");

    private static readonly JsonEncodedText ParentId = JsonEncodedText.Encode("parentId");
    private static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
    private static readonly JsonEncodedText NodeId = JsonEncodedText.Encode("nodeId");
    private static readonly JsonEncodedText ActivityInstanceId = JsonEncodedText.Encode("activityInstanceId");
    private static readonly JsonEncodedText ArrivedVia = JsonEncodedText.Encode("arrivedVia");
    private static readonly JsonEncodedText EnteredAt = JsonEncodedText.Encode("enteredAt");
    private static readonly JsonEncodedText Variables = JsonEncodedText.Encode("variables");
    private static readonly JsonEncodedText Collection = JsonEncodedText.Encode("collection");
    private static readonly JsonEncodedText CalledInstanceId = JsonEncodedText.Encode("calledInstanceId");
    private static readonly JsonEncodedText AsyncBeforeDone = JsonEncodedText.Encode("asyncBeforeDone");

    private static readonly JsonEncodedText ExecutionId = JsonEncodedText.Encode("executionId");
    private static readonly JsonEncodedText Revision = JsonEncodedText.Encode("revision");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Description = JsonEncodedText.Encode("description");
    private static readonly JsonEncodedText Assignee = JsonEncodedText.Encode("assignee");
    private static readonly JsonEncodedText CandidateUsers = JsonEncodedText.Encode("candidateUsers");
    private static readonly JsonEncodedText CandidateGroups = JsonEncodedText.Encode("candidateGroups");
    private static readonly JsonEncodedText Created = JsonEncodedText.Encode("created");
    private static readonly JsonEncodedText DueDate = JsonEncodedText.Encode("dueDate");
    private static readonly JsonEncodedText FollowUpDate = JsonEncodedText.Encode("followUpDate");
    private static readonly JsonEncodedText Priority = JsonEncodedText.Encode("priority");
    private static readonly JsonEncodedText FormKey = JsonEncodedText.Encode("formKey");
    private static readonly JsonEncodedText FormRef = JsonEncodedText.Encode("formRef");
    private static readonly JsonEncodedText Owner = JsonEncodedText.Encode("owner");

    private static readonly JsonEncodedText Purpose = JsonEncodedText.Encode("purpose");
    private static readonly JsonEncodedText DueAt = JsonEncodedText.Encode("dueAt");
    private static readonly JsonEncodedText TimerKind = JsonEncodedText.Encode("timerKind");
    private static readonly JsonEncodedText Schedule = JsonEncodedText.Encode("schedule");
    private static readonly JsonEncodedText FiredCount = JsonEncodedText.Encode("firedCount");
    private static readonly JsonEncodedText TaskId = JsonEncodedText.Encode("taskId");
    private static readonly JsonEncodedText ListenerId = JsonEncodedText.Encode("listenerId");
    private static readonly JsonEncodedText Deadline = JsonEncodedText.Encode("deadline");
    private static readonly JsonEncodedText Policy = JsonEncodedText.Encode("policy");
    private static readonly JsonEncodedText StepIndex = JsonEncodedText.Encode("stepIndex");
    private static readonly JsonEncodedText WorkingDaysFromDue = JsonEncodedText.Encode("workingDaysFromDue");
    private static readonly JsonEncodedText To = JsonEncodedText.Encode("to");
    private static readonly JsonEncodedText Due = JsonEncodedText.Encode("due");

    private static readonly JsonEncodedText Topic = JsonEncodedText.Encode("topic");
    private static readonly JsonEncodedText HandlerName = JsonEncodedText.Encode("handlerName");
    private static readonly JsonEncodedText Retries = JsonEncodedText.Encode("retries");
    private static readonly JsonEncodedText ErrorMessage = JsonEncodedText.Encode("errorMessage");
    private static readonly JsonEncodedText ErrorDetails = JsonEncodedText.Encode("errorDetails");
    private static readonly JsonEncodedText Inputs = JsonEncodedText.Encode("inputs");
    private static readonly JsonEncodedText MessageName = JsonEncodedText.Encode("messageName");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText JobId = JsonEncodedText.Encode("jobId");
    private static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");

    public static string Serialize(ProcessInstanceState state) => WriteToString(state, static (writer, state) => Write(writer, state));

    /// <summary>One variable value (a history line's data), through the same pooled buffer.</summary>
    public static string SerializeValue(object? value) => WriteToString(value, VariableJson.Write);

    private static string WriteToString<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        var writer = _writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        try
        {
            write(writer, value);
            writer.Flush();
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        finally
        {
            // Ready for the next state on this thread; a huge state's buffer is not kept.
            writer.Reset();
            if (buffer.Capacity > 256 * 1024)
            {
                (_buffer, _writer) = (null, null);
            }
            else
            {
                buffer.ResetWrittenCount();
            }
        }
    }

    private static void Write(Utf8JsonWriter writer, ProcessInstanceState state)
    {
        writer.WriteStartObject();
        writer.WriteString(Id, state.Id);
        writer.WriteString(DefinitionId, state.DefinitionId);
        writer.WriteString(ProcessKey, state.ProcessKey);
        OptionalString(writer, BusinessKey, state.BusinessKey);
        writer.WriteString(Status, EnumName(state.Status));
        writer.WriteString(StartedAt, state.StartedAt);
        OptionalDate(writer, EndedAt, state.EndedAt);
        OptionalString(writer, StartedBy, state.StartedBy);
        OptionalString(writer, SuperInstanceId, state.SuperInstanceId);
        OptionalString(writer, SuperExecutionId, state.SuperExecutionId);
        writer.WriteNumber(Sequence, state.Sequence);
        WriteList(writer, Executions, state.Executions, WriteExecution);
        WriteList(writer, Tasks, state.Tasks, WriteTask);
        WriteList(writer, Timers, state.Timers, WriteTimer);
        WriteList(writer, Jobs, state.Jobs, WriteJob);
        WriteList(writer, Subscriptions, state.Subscriptions, WriteSubscription);
        WriteList(writer, Incidents, state.Incidents, WriteIncident);
        writer.WriteEndObject();
    }

    private static void WriteExecution(Utf8JsonWriter writer, ExecutionState execution)
    {
        writer.WriteStartObject();
        writer.WriteString(Id, execution.Id);
        OptionalString(writer, ParentId, execution.ParentId);
        writer.WriteString(Kind, EnumName(execution.Kind));
        writer.WriteString(Status, EnumName(execution.Status));
        OptionalString(writer, NodeId, execution.NodeId);
        OptionalString(writer, ActivityInstanceId, execution.ActivityInstanceId);
        OptionalString(writer, ArrivedVia, execution.ArrivedVia);
        OptionalDate(writer, EnteredAt, execution.EnteredAt);
        if (execution.Variables is { } variables)
        {
            writer.WritePropertyName(Variables);
            VariableMap(writer, variables);
        }

        if (execution.Collection is { } collection)
        {
            writer.WritePropertyName(Collection);
            VariableJson.Write(writer, collection);
        }

        OptionalString(writer, CalledInstanceId, execution.CalledInstanceId);
        writer.WriteBoolean(AsyncBeforeDone, execution.AsyncBeforeDone);
        writer.WriteEndObject();
    }

    // A derived row: its own properties first, then WaitStateRow's (the serializer's order).
    private static void WriteTask(Utf8JsonWriter writer, UserTaskState task)
    {
        writer.WriteStartObject();
        OptionalString(writer, Name, task.Name);
        OptionalString(writer, Description, task.Description);
        OptionalString(writer, Assignee, task.Assignee);
        WriteStrings(writer, CandidateUsers, task.CandidateUsers);
        WriteStrings(writer, CandidateGroups, task.CandidateGroups);
        writer.WriteString(Created, task.Created);
        OptionalDate(writer, DueDate, task.DueDate);
        OptionalDate(writer, FollowUpDate, task.FollowUpDate);
        writer.WriteNumber(Priority, task.Priority);
        OptionalString(writer, FormKey, task.FormKey);
        OptionalString(writer, FormRef, task.FormRef);
        OptionalString(writer, Owner, task.Owner);
        Row(writer, task);
        writer.WriteEndObject();
    }

    private static void WriteTimer(Utf8JsonWriter writer, TimerState timer)
    {
        writer.WriteStartObject();
        writer.WriteString(Purpose, EnumName(timer.Purpose));
        writer.WriteString(DueAt, timer.DueAt);
        writer.WriteString(TimerKind, EnumName(timer.TimerKind));
        writer.WriteString(Schedule, timer.Schedule);
        writer.WriteNumber(FiredCount, timer.FiredCount);
        OptionalString(writer, TaskId, timer.TaskId);
        OptionalString(writer, ListenerId, timer.ListenerId);
        if (timer.Deadline is { } step)
        {
            writer.WriteStartObject(Deadline);
            writer.WriteString(Policy, step.Policy);
            writer.WriteNumber(StepIndex, step.StepIndex);
            writer.WriteNumber(WorkingDaysFromDue, step.WorkingDaysFromDue);
            WriteStrings(writer, To, step.To);
            writer.WriteString(Due, step.Due);
            writer.WriteEndObject();
        }

        Row(writer, timer);
        writer.WriteEndObject();
    }

    private static void WriteJob(Utf8JsonWriter writer, JobState job)
    {
        writer.WriteStartObject();
        writer.WriteString(Kind, EnumName(job.Kind));
        OptionalString(writer, Topic, job.Topic);
        OptionalString(writer, HandlerName, job.HandlerName);
        writer.WriteNumber(Retries, job.Retries);
        writer.WriteNumber(Priority, job.Priority);
        OptionalString(writer, ErrorMessage, job.ErrorMessage);
        OptionalString(writer, ErrorDetails, job.ErrorDetails);
        OptionalDate(writer, DueAt, job.DueAt);
        writer.WriteString(Created, job.Created);
        if (job.Inputs is { } inputs)
        {
            writer.WritePropertyName(Inputs);
            VariableMap(writer, inputs);
        }

        Row(writer, job);
        writer.WriteEndObject();
    }

    private static void WriteSubscription(Utf8JsonWriter writer, SubscriptionState subscription)
    {
        writer.WriteStartObject();
        writer.WriteString(Purpose, EnumName(subscription.Purpose));
        writer.WriteString(MessageName, subscription.MessageName);
        writer.WriteString(Created, subscription.Created);
        Row(writer, subscription);
        writer.WriteEndObject();
    }

    private static void WriteIncident(Utf8JsonWriter writer, IncidentState incident)
    {
        writer.WriteStartObject();
        writer.WriteString(Type, incident.Type);
        OptionalString(writer, JobId, incident.JobId);
        OptionalString(writer, Message, incident.Message);
        writer.WriteString(Created, incident.Created);
        Row(writer, incident);
        writer.WriteEndObject();
    }

    private static void Row(Utf8JsonWriter writer, WaitStateRow row)
    {
        writer.WriteString(Id, row.Id);
        writer.WriteString(ExecutionId, row.ExecutionId);
        writer.WriteString(NodeId, row.NodeId);
        writer.WriteNumber(Revision, row.Revision);
    }

    /// <summary>What VariableMapConverter writes: the map's own keys, each value through VariableJson (no $object wrapping at this level).</summary>
    private static void VariableMap(Utf8JsonWriter writer, Dictionary<string, object?> map)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in map)
        {
            writer.WritePropertyName(key);
            VariableJson.Write(writer, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteList<T>(Utf8JsonWriter writer, JsonEncodedText name, List<T>? items, Action<Utf8JsonWriter, T> write)
    {
        if (items is null)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            write(writer, item);
        }

        writer.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter writer, JsonEncodedText name, List<string>? items)
    {
        if (items is null)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            if (item is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteStringValue(item);
            }
        }

        writer.WriteEndArray();
    }

    private static void OptionalString(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void OptionalDate(Utf8JsonWriter writer, JsonEncodedText name, DateTimeOffset? value)
    {
        if (value is { } date)
        {
            writer.WriteString(name, date);
        }
    }

    /// <summary>An enum as JsonStringEnumConverter writes a defined value: its name (Enum caches the string).</summary>
    private static string EnumName<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToString();
}
