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
        // "What I worked": tasks assigned to or completed by one user, latest first. Partial (0014): a group task
        // nobody claimed writes no entry in the first, an open task none in the second.
        builder.HasIndex(t => new { t.Assignee, t.EndedAt }).HasFilter("\"assignee\" IS NOT NULL");
        builder.HasIndex(t => new { t.CompletedBy, t.EndedAt }).HasFilter("\"completed_by\" IS NOT NULL");
        builder.HasMany(t => t.Candidates).WithOne().HasForeignKey(c => c.TaskId).OnDelete(DeleteBehavior.Cascade);
    }
}
