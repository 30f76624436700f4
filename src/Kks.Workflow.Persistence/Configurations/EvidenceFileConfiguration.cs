using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kks.Workflow.Persistence.Configurations;

internal sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFileRecord>
{
    public void Configure(EntityTypeBuilder<EvidenceFileRecord> builder)
    {
        builder.ToTable("evidence_files");
        builder.HasKey(e => e.Id);
        // An instance's files by name and version; two uploads racing for one version number: one fails and retries.
        builder.HasIndex(e => new { e.InstanceId, e.FileName, e.Version }).IsUnique();
        builder.HasIndex(e => e.ContentHash);
    }
}

internal sealed class TaskDraftConfiguration : IEntityTypeConfiguration<TaskDraftRecord>
{
    public void Configure(EntityTypeBuilder<TaskDraftRecord> builder)
    {
        builder.ToTable("task_drafts");
        builder.HasKey(d => new { d.TaskId, d.UserId });
    }
}
