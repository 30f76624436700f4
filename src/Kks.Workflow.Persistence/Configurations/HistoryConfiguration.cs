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
        builder.HasIndex(h => new { h.InstanceId, h.Id });
        // Partial (0014): lines of no task write no entry; every lookup compares with a task id.
        builder.HasIndex(h => h.TaskId).HasFilter("\"task_id\" IS NOT NULL");
        // Pairs a page of started activity lines with their end lines (history/activity-instance).
        builder.HasIndex(h => h.ActivityInstanceId).HasFilter("\"activity_instance_id\" IS NOT NULL");
    }
}
