using System.Data.Common;
using Kks.Workflow.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Persistence.Tests.Schema;

/// <summary>
/// The schema as lines ("table.column type null", "index name on table(cols) unique", "pk table(cols)"):
/// once read from the database catalogue, once derived from the EF model, so a test can compare them.
/// </summary>
internal static class SchemaReader
{
    public static SortedSet<string> FromModel(WorkflowDbContext context)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var table in context.Model.GetRelationalModel().Tables)
        {
            foreach (var column in table.Columns)
            {
                lines.Add($"{table.Name}.{column.Name} {column.StoreType.ToUpperInvariant()} {(column.IsNullable ? "null" : "not null")}");
            }

            lines.Add($"pk {table.Name}({string.Join(",", table.PrimaryKey!.Columns.Select(c => c.Name))})");
            foreach (var index in table.Indexes)
            {
                lines.Add($"index {index.Name} on {table.Name}({string.Join(",", index.Columns.Select(c => c.Name))}){(index.IsUnique ? " unique" : "")}");
            }
        }

        return lines;
    }

    public static async Task<SortedSet<string>> FromDatabaseAsync(WorkflowDbContext context)
    {
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        try
        {
            return context.Database.IsSqlite() ? await SqliteAsync(connection) : await PostgresAsync(connection);
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    private static async Task<SortedSet<string>> SqliteAsync(DbConnection connection)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        var tables = await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_version'");
        foreach (var table in tables.Select(r => r[0]))
        {
            var pk = new List<(int, string)>();
            foreach (var c in await QueryAsync(connection, $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{table}')"))
            {
                lines.Add($"{table}.{c[0]} {c[1].ToUpperInvariant()} {(c[2] == "1" ? "not null" : "null")}");
                if (c[3] != "0")
                {
                    pk.Add((int.Parse(c[3], System.Globalization.CultureInfo.InvariantCulture), c[0]));
                }
            }

            lines.Add($"pk {table}({string.Join(",", pk.OrderBy(p => p.Item1).Select(p => p.Item2))})");
            foreach (var index in await QueryAsync(connection, $"SELECT name, \"unique\" FROM pragma_index_list('{table}') WHERE origin = 'c'"))
            {
                var columns = await QueryAsync(connection, $"SELECT name FROM pragma_index_info('{index[0]}') ORDER BY seqno");
                lines.Add($"index {index[0]} on {table}({string.Join(",", columns.Select(r => r[0]))}){(index[1] == "1" ? " unique" : "")}");
            }
        }

        return lines;
    }

    private static async Task<SortedSet<string>> PostgresAsync(DbConnection connection)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var c in await QueryAsync(connection, """
            SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name <> 'schema_version'
            """))
        {
            lines.Add($"{c[0]}.{c[1]} {c[2].ToUpperInvariant()} {(c[3] == "YES" ? "null" : "not null")}");
        }

        foreach (var i in await QueryAsync(connection, """
            SELECT i.relname, t.relname, ix.indisunique, ix.indisprimary,
                   array_to_string(array(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord)
                       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord), ',')
            FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = current_schema() AND t.relname <> 'schema_version'
            """))
        {
            lines.Add(i[3] == "True" ? $"pk {i[1]}({i[4]})" : $"index {i[0]} on {i[1]}({i[4]}){(i[2] == "True" ? " unique" : "")}");
        }

        return lines;
    }

    private static async Task<List<string[]>> QueryAsync(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "";
            }

            rows.Add(row);
        }

        return rows;
    }
}
