using System.Globalization;
using Kks.Workflow.Persistence;

namespace Kks.Workflow.Benchmarks;

/// <summary>
/// The SQLite checkpoint settings of a benchmark run, from the environment (comparisons only; the defaults are the
/// production ones): KKS_SQLITE_CHECKPOINT (Background, Inline: SQLite's own every 1,000 pages in the committing
/// connection, Off: never, to count WAL pages), KKS_CHECKPOINT_PAGES, KKS_WAL_RESTART_PAGES.
/// </summary>
internal static class WalSettings
{
    public static PersistenceOptions Apply(PersistenceOptions options)
    {
        if (Enum.TryParse<SqliteCheckpoint>(Environment.GetEnvironmentVariable("KKS_SQLITE_CHECKPOINT"), ignoreCase: true, out var mode))
        {
            options.SqliteCheckpoint = mode;
        }

        if (int.TryParse(Environment.GetEnvironmentVariable("KKS_CHECKPOINT_PAGES"), CultureInfo.InvariantCulture, out var pages))
        {
            options.SqliteCheckpointPages = pages;
        }

        if (int.TryParse(Environment.GetEnvironmentVariable("KKS_WAL_RESTART_PAGES"), CultureInfo.InvariantCulture, out var restart))
        {
            options.SqliteWalRestartPages = restart;
        }

        return options;
    }

    /// <summary>The WAL's length in frames, from the -wal file's size (exact while nothing checkpoints: mode Off).</summary>
    public static long WalFrames(string databaseFile)
    {
        var wal = new FileInfo(databaseFile + "-wal");
        return wal.Exists && wal.Length > 32 ? (wal.Length - 32) / (4096 + 24) : 0;
    }

    /// <summary>The run's checkpoint settings and, per mode, the WAL pages written per operation or the checkpoints run, as JSON members.</summary>
    public static string Describe(PersistenceOptions options, string databaseFile, long framesBefore, int operations)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $",\"checkpoint\":\"{options.SqliteCheckpoint}\",\"checkpointPages\":{options.SqliteCheckpointPages},\"walRestartPages\":{options.SqliteWalRestartPages}");
        if (options.SqliteCheckpoint == SqliteCheckpoint.Off)
        {
            // KKS_WAL_COPY=<folder>: keep the database and its WAL for wal-pages.py (which B-tree each page belongs to).
            if (Environment.GetEnvironmentVariable("KKS_WAL_COPY") is { Length: > 0 } copy)
            {
                Directory.CreateDirectory(copy);
                File.Copy(databaseFile, Path.Combine(copy, "copy.db"), overwrite: true);
                File.Copy(databaseFile + "-wal", Path.Combine(copy, "copy.db-wal"), overwrite: true);
                File.WriteAllText(Path.Combine(copy, "frames-before.txt"), string.Create(CultureInfo.InvariantCulture, $"{framesBefore} {operations}"));
            }

            text += string.Create(CultureInfo.InvariantCulture, $",\"walPagesPerOperation\":{(WalFrames(databaseFile) - framesBefore) / (double)Math.Max(1, operations):F1}");
        }
        else if (options.SqliteCheckpoint == SqliteCheckpoint.Background)
        {
            var checkpointer = SqliteWalCheckpointer.For(databaseFile, options);
            text += string.Create(CultureInfo.InvariantCulture, $",\"checkpoints\":{checkpointer.Checkpoints},\"walRestarts\":{checkpointer.Restarts},\"backgroundCheckpointSeconds\":{checkpointer.Spent.Background.TotalSeconds:F2},\"writerCheckpointSeconds\":{checkpointer.Spent.Writer.TotalSeconds:F2},\"walFileMB\":{(new FileInfo(databaseFile + "-wal") is { Exists: true } wal ? wal.Length / 1048576.0 : 0):F1}");
        }

        return text;
    }
}
