using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Kks.Workflow.Persistence;

/// <summary>
/// Naming and time storage shared by every entity, so the hand-written SQL scripts can match the model
/// by rule: snake_case columns, lower-case key and index names; strings as unbounded text; times as UTC.
/// </summary>
internal static class ModelConventions
{
    // SQLite has no time type and EF cannot order or compare DateTimeOffset there: store UTC ticks (an
    // integer sorts and compares correctly, and keeps full precision).
    private static readonly ValueConverter<DateTimeOffset, long> SqliteTime =
        new(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

    // PostgreSQL's timestamptz accepts only offset-zero values from Npgsql; engine times may carry +07:00.
    private static readonly ValueConverter<DateTimeOffset, DateTimeOffset> PostgresTime =
        new(v => v.ToUniversalTime(), v => v);

    public static void Apply(ModelBuilder modelBuilder, bool sqlite)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
                var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                if (type == typeof(string))
                {
                    // Text without a length on both providers (Identity asks for 256): one rule the scripts follow.
                    property.SetMaxLength(null);
                }

                if (type == typeof(DateTimeOffset))
                {
                    property.SetValueConverter(sqlite ? SqliteTime : PostgresTime);
                }
            }

            entity.FindPrimaryKey()?.SetName("pk_" + table);
            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(index.GetDatabaseName() is { } name && name.StartsWith("ix_", StringComparison.Ordinal)
                    ? name
                    : "ix_" + table + "_" + string.Join("_", index.Properties.Select(p => SnakeCase(p.Name))));
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName("fk_" + table + "_" + foreignKey.PrincipalEntityType.GetTableName());
            }
        }
    }

    public static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
