using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kks.Workflow.Persistence.Configurations;

internal sealed class HistoricTaskCandidateConfiguration : IEntityTypeConfiguration<HistoricTaskCandidateRecord>
{
    public void Configure(EntityTypeBuilder<HistoricTaskCandidateRecord> builder)
    {
        builder.ToTable("historic_task_candidates");
        builder.HasKey(c => new { c.TaskId, c.Kind, c.Value });
        // The done view: tasks once offered to one group, by end time: a range scan of this index.
        builder.HasIndex(c => new { c.Kind, c.Value, c.EndedAt });
    }
}
