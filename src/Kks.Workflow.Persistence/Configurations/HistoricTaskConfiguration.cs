using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kks.Workflow.Persistence.Configurations;

internal sealed class HistoricTaskConfiguration : IEntityTypeConfiguration<HistoricTaskRecord>
{
    public void Configure(EntityTypeBuilder<HistoricTaskRecord> builder)
    {
        builder.ToTable("historic_tasks");
        builder.HasKey(t => t.Id);
        builder.HasIndex(t => t.InstanceId);
        // A task's thread: the tasks of its scope (comments and history lines are joined to them by task id).
        builder.HasIndex(t => t.ScopeId);
        // Camunda's taskAssignee filter. Partial (0014): a group task nobody claimed writes no entry. No index holds
        // ended_at or completed_by (0015), so the task-end UPDATE writes no index entry on PostgreSQL (a HOT update;
        // fillfactor 80 leaves the page room for it); no query needed them (see migration 0015).
        builder.HasIndex(t => t.Assignee).HasFilter("\"assignee\" IS NOT NULL");
        builder.HasStorageParameter("fillfactor", 80);
        builder.HasMany(t => t.Candidates).WithOne().HasForeignKey(c => c.TaskId).OnDelete(DeleteBehavior.Cascade);
    }
}
