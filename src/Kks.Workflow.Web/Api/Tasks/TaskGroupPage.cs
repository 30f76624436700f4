using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json;
using Kks.Workflow.Engine;
using Kks.Workflow.Engine.Model;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Api.Access;
using SQLitePCL;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Kks.Workflow.Web.Api.Tasks;

/// <summary>
/// The task list's hottest question, a candidate group's open tasks earliest due first (the inbox of an OPD, what
/// REST clients poll) and its count, answered outside EF Core: one SQL statement (<see cref="TaskQueries.GroupPageSql"/>),
/// prepared once per connection and re-used, read row by row straight into a <see cref="Utf8JsonWriter"/> over the
/// response, no entity or DTO in between. On 100,000 tasks that cut the request's CPU to a fraction (EF's query
/// pipeline, materialising and the serializer were two thirds of it). It answers only for callers who see every task
/// of the group (<see cref="AccessPolicy.SeesWholeGroup"/>: those who read all, a focal point for their own OPD); every
/// other query and caller goes through EF and <see cref="AccessPolicy.Tasks"/>.
/// The rows and JSON are the same as <see cref="TaskJson"/> writes (a test compares them).
/// </summary>
internal sealed partial class TaskGroupPage(
    DbContextOptions<WorkflowDbContext> databaseOptions, PersistenceOptions persistence, IDbContextFactory<WorkflowDbContext> contexts,
    ProcessDefinitionCache cache, EngineOptions engine) : IDisposable
{
    /// <summary>Open SQLite connections kept with their prepared statements; more are opened under load and closed beyond this.</summary>
    private const int KeptConnections = 16;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = RestJson.Options.Encoder, SkipValidation = true };

    /// <summary>Kept SQLite connections with their statements, and how many (a stack: the warmest first; no lock-taking count).</summary>
    private readonly ConcurrentStack<SqliteStatements> _idle = new();

    private int _idleCount;

    private readonly ConcurrentDictionary<(string DefinitionId, string NodeId), NodeView> _nodes = new();

    private readonly string _connectionString = RelationalOptionsExtension.Extract(databaseOptions).ConnectionString ?? "";

    /// <summary>True when this class answers the query for the caller: only a candidate group, due date ascending or no order, someone who sees all of that group's tasks.</summary>
    public static bool Answers(TaskQuery query, Caller caller) =>
        query.HasOnly("candidateGroup") && TaskSearch.IsInboxPage(query) && AccessPolicy.SeesWholeGroup(caller, query.Text("candidateGroup")!);

    public async Task WritePageAsync(HttpContext http, string group, int first, int max, CancellationToken cancellationToken)
    {
        if (persistence.Provider == DatabaseProvider.Sqlite)
        {
            await WriteSqlitePageAsync(http, group, first, max, cancellationToken).ConfigureAwait(false);
            return;
        }

        var connection = await ReadConnection.OpenAsync(contexts, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.Page;
            command.Parameters[0].Value = group;
            command.Parameters[1].Value = max;
            command.Parameters[2].Value = first;
            Start(http);
            var writer = new Utf8JsonWriter(http.Response.BodyWriter, WriterOptions);
            await using (writer.ConfigureAwait(false))
            {
                writer.WriteStartArray();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        await WriteRowAsync(writer, reader, cancellationToken).ConfigureAwait(false);
                    }
                }

                writer.WriteEndArray();
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task WriteCountAsync(HttpContext http, string group, CancellationToken cancellationToken)
    {
        long count;
        if (persistence.Provider == DatabaseProvider.Sqlite)
        {
            var statements = Rent();
            try
            {
                count = statements.Count(group);
            }
            catch
            {
                statements.Dispose();
                throw;
            }

            Return(statements);
        }
        else
        {
            var connection = await ReadConnection.OpenAsync(contexts, cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                connection.Count.Parameters[0].Value = group;
                count = Convert.ToInt64(await connection.Count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        Start(http);
        var writer = new Utf8JsonWriter(http.Response.BodyWriter, WriterOptions);
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            writer.WriteNumber(Names.Count, count);
            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// SQLite: the statement is stepped through SQLitePCL directly and every text column is written into the JSON as the
    /// UTF-8 bytes SQLite holds: no string per column, and none of Microsoft.Data.Sqlite's per-column checks (three
    /// native calls per value read; together they were about a third of the request's CPU).
    /// </summary>
    private async Task WriteSqlitePageAsync(HttpContext http, string group, int first, int max, CancellationToken cancellationToken)
    {
        var statements = Rent();
        try
        {
            Start(http);
            var writer = new Utf8JsonWriter(http.Response.BodyWriter, WriterOptions);
            await using (writer.ConfigureAwait(false))
            {
                writer.WriteStartArray();
                var page = statements.StartPage(group, max, first);
                try
                {
                    while (statements.Step(page))
                    {
                        var last = _lastNode;
                        NodeView node;
                        if (last is not null && SqliteRow.SameNode(page, last))
                        {
                            node = last.View;
                        }
                        else
                        {
                            var (definitionId, nodeId) = SqliteRow.NodeKey(page);
                            node = definitionId is null ? NodeView.None : await NodeAsync(definitionId, nodeId, cancellationToken).ConfigureAwait(false);
                            _lastNode = new NodeKeyBytes(definitionId, nodeId, node);
                        }

                        SqliteRow.Write(writer, page, node, engine.TimeZone);
                    }
                }
                finally
                {
                    // Ends the statement's read transaction (a reader left open would hold back the WAL's checkpoints).
                    raw.sqlite3_reset(page);
                }

                writer.WriteEndArray();
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            statements.Dispose();
            throw;
        }

        Return(statements);
    }

    public void Dispose()
    {
        while (_idle.TryPop(out var statements))
        {
            statements.Dispose();
        }
    }

    private static void Start(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        // Camunda's content type exactly (see RestErrorHandling).
        http.Response.ContentType = "application/json";
    }

    /// <summary>One row (PostgreSQL) as <see cref="TaskJson"/>'s TaskDto serializes: the same members in the same order (SQLite: <see cref="SqliteRow.Write"/>).</summary>
    private async ValueTask WriteRowAsync(Utf8JsonWriter writer, DbDataReader reader, CancellationToken cancellationToken)
    {
        var zone = engine.TimeZone;
        var definitionId = reader.IsDBNull(12) ? null : reader.GetString(12);
        var nodeId = reader.GetString(10);
        var node = definitionId is null ? NodeView.None : await NodeAsync(definitionId, nodeId, cancellationToken).ConfigureAwait(false);
        writer.WriteStartObject();
        writer.WriteString(Names.Id, reader.GetString(0));
        WriteText(writer, Names.Name, reader, 1);
        WriteText(writer, Names.Assignee, reader, 2);
        WriteText(writer, Names.Owner, reader, 3);
        WriteTime(writer, Names.Created, Time(reader, 4), zone);
        WriteTime(writer, Names.Due, reader.IsDBNull(5) ? null : Time(reader, 5), zone);
        WriteTime(writer, Names.FollowUp, reader.IsDBNull(6) ? null : Time(reader, 6), zone);
        writer.WriteNull(Names.DelegationState);
        WriteTextOrNull(writer, Names.Description, node.Documentation);
        writer.WriteString(Names.ExecutionId, reader.GetString(7));
        writer.WriteNull(Names.ParentTaskId);
        writer.WriteNumber(Names.Priority, reader.GetInt32(8));
        writer.WriteString(Names.ProcessDefinitionId, definitionId ?? "");
        writer.WriteString(Names.ProcessInstanceId, reader.GetString(9));
        writer.WriteString(Names.TaskDefinitionKey, nodeId);
        writer.WriteNull(Names.CaseExecutionId);
        writer.WriteNull(Names.CaseInstanceId);
        writer.WriteNull(Names.CaseDefinitionId);
        writer.WriteBoolean(Names.Suspended, false);
        if (node.HasForm)
        {
            WriteTextOrNull(writer, Names.FormKey, node.FormKey);
        }
        else
        {
            WriteText(writer, Names.FormKey, reader, 11);
        }

        WriteFormRef(writer, node);
        writer.WriteNull(Names.TenantId);
        writer.WriteEndObject();
    }

    private static void WriteFormRef(Utf8JsonWriter writer, NodeView node)
    {
        if (node.FormRef is { } formRef)
        {
            writer.WriteStartObject(Names.CamundaFormRef);
            writer.WriteString(Names.Key, formRef.Key);
            writer.WriteString(Names.Binding, formRef.Binding);
            if (formRef.Version is { } version)
            {
                writer.WriteNumber(Names.Version, version);
            }
            else
            {
                writer.WriteNull(Names.Version);
            }

            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull(Names.CamundaFormRef);
        }
    }

    private static DateTimeOffset Time(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static void WriteText(Utf8JsonWriter writer, JsonEncodedText name, DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, reader.GetString(ordinal));
        }
    }

    private static void WriteTextOrNull(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>Camunda's date text (see <see cref="CamundaDates"/>), formatted into a stack buffer.</summary>
    private static void WriteTime(Utf8JsonWriter writer, JsonEncodedText name, DateTimeOffset? value, TimeZoneInfo zone)
    {
        if (value is not { } time)
        {
            writer.WriteNull(name);
            return;
        }

        var d = TimeZoneInfo.ConvertTime(time, zone);
        Span<byte> text = stackalloc byte[28];
        Digits(text[..4], d.Year);
        text[4] = (byte)'-';
        Digits(text.Slice(5, 2), d.Month);
        text[7] = (byte)'-';
        Digits(text.Slice(8, 2), d.Day);
        text[10] = (byte)'T';
        Digits(text.Slice(11, 2), d.Hour);
        text[13] = (byte)':';
        Digits(text.Slice(14, 2), d.Minute);
        text[16] = (byte)':';
        Digits(text.Slice(17, 2), d.Second);
        text[19] = (byte)'.';
        Digits(text.Slice(20, 3), d.Millisecond);
        var minutes = (int)d.Offset.TotalMinutes;
        text[23] = minutes < 0 ? (byte)'-' : (byte)'+';
        minutes = Math.Abs(minutes);
        Digits(text.Slice(24, 2), minutes / 60);
        Digits(text.Slice(26, 2), minutes % 60);
        writer.WriteString(name, text);
    }

    private static void Digits(Span<byte> target, int value)
    {
        for (var i = target.Length - 1; i >= 0; i--)
        {
            target[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    /// <summary>What a row needs from its deployed model, kept per definition and node (a deployed definition never changes).</summary>
    private async ValueTask<NodeView> NodeAsync(string definitionId, string nodeId, CancellationToken cancellationToken)
    {
        if (_nodes.TryGetValue((definitionId, nodeId), out var known))
        {
            return known;
        }

        UserTask? node;
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            try
            {
                var model = await cache.GetAsync(db, definitionId, cancellationToken).ConfigureAwait(false);
                node = model.AllNodes.GetValueOrDefault(nodeId) as UserTask;
            }
            catch (EngineException)
            {
                // The definition's deployment was deleted under a running instance: the task lists without its form
                // (not kept: TaskJson answers the same, and a deployment is deleted rarely).
                return NodeView.None;
            }
        }

        var view = NodeView.Of(node);
        _nodes.TryAdd((definitionId, nodeId), view);
        return view;
    }

    private SqliteStatements Rent()
    {
        if (_idle.TryPop(out var idle))
        {
            Interlocked.Decrement(ref _idleCount);
            return idle;
        }

        return SqliteStatements.Open(_connectionString, persistence);
    }

    /// <summary>Keeps the connection for the next request, up to <see cref="KeptConnections"/>; beyond that it is closed.</summary>
    private void Return(SqliteStatements statements)
    {
        if (Interlocked.Increment(ref _idleCount) <= KeptConnections)
        {
            _idle.Push(statements);
            return;
        }

        Interlocked.Decrement(ref _idleCount);
        statements.Dispose();
    }

    /// <summary>PostgreSQL: a pooled context's connection with the two statements prepared on it (Npgsql keeps them per physical connection).</summary>
    private sealed class ReadConnection(DbConnection connection, DbContext owner) : IAsyncDisposable
    {
        public DbCommand Page { get; } = Prepare(connection, TaskQueries.GroupPageSql, "@group", "@max", "@first");

        public DbCommand Count { get; } = Prepare(connection, TaskQueries.GroupCountSql, "@group");

        public static async Task<ReadConnection> OpenAsync(IDbContextFactory<WorkflowDbContext> contexts, CancellationToken cancellationToken)
        {
            var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return new ReadConnection(db.Database.GetDbConnection(), db);
        }

        public async ValueTask DisposeAsync()
        {
            await Page.DisposeAsync().ConfigureAwait(false);
            await Count.DisposeAsync().ConfigureAwait(false);
            await owner.DisposeAsync().ConfigureAwait(false);
        }

        private static DbCommand Prepare(DbConnection connection, string sql, params string[] parameters)
        {
            var command = connection.CreateCommand();
#pragma warning disable CA2100 // Constant SQL from TaskQueries; values travel as parameters.
            command.CommandText = sql;
#pragma warning restore CA2100
            foreach (var name in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = name == "@group" ? "" : 0;
                command.Parameters.Add(parameter);
            }

            command.Prepare();
            return command;
        }
    }

    /// <summary>The last row's definition and node (a page's rows are nearly always of one), so a row of the same needs no lookup.</summary>
    private NodeKeyBytes? _lastNode;

    private sealed record NodeView(bool HasForm, string? FormKey, CamundaFormRefDto? FormRef, string? Documentation)
    {
        public static readonly NodeView None = new(false, null, null, null);

        public static NodeView Of(UserTask? node)
        {
            var form = node?.Form;
            var formRef = form?.FormRef is { } key
                ? new CamundaFormRefDto(key, form.FormRefBinding ?? "latest", int.TryParse(form.FormRefVersion, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null)
                : null;
            var documentation = node?.Documentation is { } doc && !doc.Contains("${", StringComparison.Ordinal) ? doc : null;
            return new NodeView(form is not null, form?.FormKey, formRef, documentation);
        }
    }

    private static class Names
    {
        public static readonly JsonEncodedText Count = JsonEncodedText.Encode("count");
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
        public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
        public static readonly JsonEncodedText Assignee = JsonEncodedText.Encode("assignee");
        public static readonly JsonEncodedText Owner = JsonEncodedText.Encode("owner");
        public static readonly JsonEncodedText Created = JsonEncodedText.Encode("created");
        public static readonly JsonEncodedText Due = JsonEncodedText.Encode("due");
        public static readonly JsonEncodedText FollowUp = JsonEncodedText.Encode("followUp");
        public static readonly JsonEncodedText DelegationState = JsonEncodedText.Encode("delegationState");
        public static readonly JsonEncodedText Description = JsonEncodedText.Encode("description");
        public static readonly JsonEncodedText ExecutionId = JsonEncodedText.Encode("executionId");
        public static readonly JsonEncodedText ParentTaskId = JsonEncodedText.Encode("parentTaskId");
        public static readonly JsonEncodedText Priority = JsonEncodedText.Encode("priority");
        public static readonly JsonEncodedText ProcessDefinitionId = JsonEncodedText.Encode("processDefinitionId");
        public static readonly JsonEncodedText ProcessInstanceId = JsonEncodedText.Encode("processInstanceId");
        public static readonly JsonEncodedText TaskDefinitionKey = JsonEncodedText.Encode("taskDefinitionKey");
        public static readonly JsonEncodedText CaseExecutionId = JsonEncodedText.Encode("caseExecutionId");
        public static readonly JsonEncodedText CaseInstanceId = JsonEncodedText.Encode("caseInstanceId");
        public static readonly JsonEncodedText CaseDefinitionId = JsonEncodedText.Encode("caseDefinitionId");
        public static readonly JsonEncodedText Suspended = JsonEncodedText.Encode("suspended");
        public static readonly JsonEncodedText FormKey = JsonEncodedText.Encode("formKey");
        public static readonly JsonEncodedText CamundaFormRef = JsonEncodedText.Encode("camundaFormRef");
        public static readonly JsonEncodedText Key = JsonEncodedText.Encode("key");
        public static readonly JsonEncodedText Binding = JsonEncodedText.Encode("binding");
        public static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
        public static readonly JsonEncodedText TenantId = JsonEncodedText.Encode("tenantId");
    }
}
