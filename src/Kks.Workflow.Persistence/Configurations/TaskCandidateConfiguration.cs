using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kks.Workflow.Persistence.Configurations;

internal sealed class TaskCandidateConfiguration : IEntityTypeConfiguration<TaskCandidateRecord>
{
    public void Configure(EntityTypeBuilder<TaskCandidateRecord> builder)
    {
        builder.ToTable("task_candidates");
        builder.HasKey(c => new { c.TaskId, c.Kind, c.Value });
        // The inbox query: open tasks of one group, by due date, first page: a range scan of this index.
        builder.HasIndex(c => new { c.Kind, c.Value, c.SortDue, c.TaskId }).HasDatabaseName("ix_task_candidates_inbox");
    }
}
