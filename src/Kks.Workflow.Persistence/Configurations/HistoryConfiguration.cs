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
        builder.Property(h => h.Id).ValueGeneratedOnAdd();
        builder.HasIndex(h => new { h.InstanceId, h.Id });
        builder.HasIndex(h => h.TaskId);
        // Pairs a page of started activity lines with their end lines (history/activity-instance).
        builder.HasIndex(h => h.ActivityInstanceId);
    }
}
