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
        // "Tasks once offered to X": the access policy's candidate arm, the done view by OPD, Camunda's
        // taskHadCandidateGroup/User. (A task's own candidates are the primary key's prefix.)
        builder.HasIndex(c => new { c.Kind, c.Value });
    }
}
