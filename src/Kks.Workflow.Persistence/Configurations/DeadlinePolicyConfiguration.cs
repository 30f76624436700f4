using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kks.Workflow.Persistence.Configurations;

internal sealed class DeadlinePolicyConfiguration : IEntityTypeConfiguration<DeadlinePolicyRecord>
{
    public void Configure(EntityTypeBuilder<DeadlinePolicyRecord> builder)
    {
        builder.ToTable("deadline_policies");
        builder.HasKey(p => p.Name);
    }
}
