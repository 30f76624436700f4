using System.Text;
using System.Text.Json;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Runtime;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Kks.Workflow.Web.Api.Tasks;

/// <summary>The SQLite side of <see cref="TaskGroupPage"/>: its statements stepped through SQLitePCL, rows written from SQLite's own UTF-8 bytes.</summary>
internal sealed partial class TaskGroupPage
{
    /// <summary>A kept SQLite connection with the page and count statements prepared on it.</summary>
    private sealed class SqliteStatements : IDisposable
    {
        private readonly SqliteConnection _connection;

        private readonly sqlite3_stmt _page;

        private readonly sqlite3_stmt _count;

        private readonly int _pageGroup;

        private readonly int _pageMax;

        private readonly int _pageFirst;

        private readonly int _countGroup;

        private SqliteStatements(SqliteConnection connection)
        {
            _connection = connection;
            _page = Prepare(TaskQueries.GroupPageSql);
            _count = Prepare(TaskQueries.GroupCountSql);
            _pageGroup = raw.sqlite3_bind_parameter_index(_page, "@group");
            _pageMax = raw.sqlite3_bind_parameter_index(_page, "@max");
            _pageFirst = raw.sqlite3_bind_parameter_index(_page, "@first");
            _countGroup = raw.sqlite3_bind_parameter_index(_count, "@group");
        }

        public static SqliteStatements Open(string connectionString, PersistenceOptions persistence)
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                connection.Open();
                // Reads only: the busy timeout (a checkpoint may hold the file briefly); WAL is the file's own setting.
                using (var pragma = connection.CreateCommand())
                {
                    pragma.CommandText = "PRAGMA busy_timeout=" + ((int)persistence.SqliteBusyTimeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    pragma.ExecuteNonQuery();
                }

                return new SqliteStatements(connection);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        /// <summary>The page statement bound and ready to step; the caller resets it when done.</summary>
        public sqlite3_stmt StartPage(string group, int max, int first)
        {
            Check(raw.sqlite3_bind_text(_page, _pageGroup, group));
            Check(raw.sqlite3_bind_int(_page, _pageMax, max));
            Check(raw.sqlite3_bind_int(_page, _pageFirst, first));
            return _page;
        }

        public long Count(string group)
        {
            try
            {
                Check(raw.sqlite3_bind_text(_count, _countGroup, group));
                return Step(_count) ? raw.sqlite3_column_int64(_count, 0) : 0;
            }
            finally
            {
                raw.sqlite3_reset(_count);
            }
        }

        /// <summary>True on a row, false when done; an error (busy beyond the timeout, I/O) throws as Microsoft.Data.Sqlite would.</summary>
        public bool Step(sqlite3_stmt statement)
        {
            var code = raw.sqlite3_step(statement);
            if (code == raw.SQLITE_ROW)
            {
                return true;
            }

            if (code != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(code, _connection.Handle);
            }

            return false;
        }

        public void Dispose()
        {
            _page.Dispose();
            _count.Dispose();
            _connection.Dispose();
        }

        private sqlite3_stmt Prepare(string sql)
        {
            Check(raw.sqlite3_prepare_v2(_connection.Handle, sql, out var statement));
            return statement;
        }

        private void Check(int code) => SqliteException.ThrowExceptionForRC(code, _connection.Handle);
    }

    /// <summary>The definition and node of the last row written, as bytes and strings, with what was looked up for them.</summary>
    private sealed class NodeKeyBytes(string? definitionId, string nodeId, NodeView view)
    {
        public byte[]? Definition { get; } = definitionId is null ? null : Encoding.UTF8.GetBytes(definitionId);

        public byte[] Node { get; } = Encoding.UTF8.GetBytes(nodeId);

        public NodeView View => view;
    }

    /// <summary>One row of <see cref="TaskQueries.GroupPageSql"/> (its columns in that order) written from the statement.</summary>
    private static class SqliteRow
    {
        public static bool SameNode(sqlite3_stmt row, NodeKeyBytes last) =>
            raw.sqlite3_column_blob(row, 10).SequenceEqual(last.Node)
            && (raw.sqlite3_column_type(row, 12) == raw.SQLITE_NULL
                ? last.Definition is null
                : last.Definition is not null && raw.sqlite3_column_blob(row, 12).SequenceEqual(last.Definition));

        public static (string? DefinitionId, string NodeId) NodeKey(sqlite3_stmt row) =>
            (raw.sqlite3_column_type(row, 12) == raw.SQLITE_NULL ? null : Encoding.UTF8.GetString(raw.sqlite3_column_blob(row, 12)),
             Encoding.UTF8.GetString(raw.sqlite3_column_blob(row, 10)));

        /// <summary>The same members in the same order as <see cref="WriteRowAsync"/> (and TaskJson's TaskDto).</summary>
        public static void Write(Utf8JsonWriter writer, sqlite3_stmt row, NodeView node, TimeZoneInfo zone)
        {
            writer.WriteStartObject();
            writer.WriteString(Names.Id, raw.sqlite3_column_blob(row, 0));
            Text(writer, Names.Name, row, 1);
            Text(writer, Names.Assignee, row, 2);
            Text(writer, Names.Owner, row, 3);
            WriteTime(writer, Names.Created, Time(row, 4), zone);
            WriteTime(writer, Names.Due, Time(row, 5), zone);
            WriteTime(writer, Names.FollowUp, Time(row, 6), zone);
            writer.WriteNull(Names.DelegationState);
            WriteTextOrNull(writer, Names.Description, node.Documentation);
            writer.WriteString(Names.ExecutionId, raw.sqlite3_column_blob(row, 7));
            writer.WriteNull(Names.ParentTaskId);
            writer.WriteNumber(Names.Priority, raw.sqlite3_column_int(row, 8));
            if (raw.sqlite3_column_type(row, 12) == raw.SQLITE_NULL)
            {
                writer.WriteString(Names.ProcessDefinitionId, ""u8);
            }
            else
            {
                writer.WriteString(Names.ProcessDefinitionId, raw.sqlite3_column_blob(row, 12));
            }

            writer.WriteString(Names.ProcessInstanceId, raw.sqlite3_column_blob(row, 9));
            writer.WriteString(Names.TaskDefinitionKey, raw.sqlite3_column_blob(row, 10));
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
                Text(writer, Names.FormKey, row, 11);
            }

            WriteFormRef(writer, node);
            writer.WriteNull(Names.TenantId);
            writer.WriteEndObject();
        }

        private static void Text(Utf8JsonWriter writer, JsonEncodedText name, sqlite3_stmt row, int column)
        {
            if (raw.sqlite3_column_type(row, column) == raw.SQLITE_NULL)
            {
                writer.WriteNull(name);
            }
            else
            {
                writer.WriteString(name, raw.sqlite3_column_blob(row, column));
            }
        }

        /// <summary>SQLite keeps times as UTC ticks (see the SQLite mapping).</summary>
        private static DateTimeOffset? Time(sqlite3_stmt row, int column) =>
            raw.sqlite3_column_type(row, column) == raw.SQLITE_NULL ? null : new DateTimeOffset(raw.sqlite3_column_int64(row, column), TimeSpan.Zero);
    }
}
