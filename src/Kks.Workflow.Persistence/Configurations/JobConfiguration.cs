using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kks.Workflow.Persistence.Configurations;

internal sealed class JobConfiguration : IEntityTypeConfiguration<JobRecord>
{
    public void Configure(EntityTypeBuilder<JobRecord> builder)
    {
        builder.ToTable("jobs");
        builder.HasKey(j => j.Id);
        // External task fetch by topic, and the handler dispatcher's due scan.
        builder.HasIndex(j => new { j.Kind, j.Topic, j.DueAt });
        builder.HasIndex(j => j.InstanceId);
    }
}
