using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kks.Workflow.Persistence.Configurations;

internal sealed class HistoryConfiguration : IEntityTypeConfiguration<HistoryRecord>
{
    public void Configure(EntityTypeBuilder<HistoryRecord> builder)
    {
        builder.ToTable("history");
        builder.HasKey(h => h.Id);
        // Rising in insertion order; on SQLite without AUTOINCREMENT since migration 0014 (max(id)+1: history is never deleted).
        builder.Property(h => h.Id).ValueGeneratedOnAdd();
        // An instance's lines, and every reader of a task's lines (they all name the instance too; 0015 dropped the
        // task_id index, which only a test helper used alone).
        builder.HasIndex(h => new { h.InstanceId, h.Id });
        // Pairs a page of started activity lines with their end lines (history/activity-instance): end lines only
        // (0015), the filter written exactly as EF writes the queries' kind test, so SQLite uses it too.
        builder.HasIndex(h => h.ActivityInstanceId).HasFilter("\"kind\" IN ('ActivityCompleted', 'ActivityCancelled')");
    }
}
