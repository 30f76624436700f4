using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kks.Workflow.Persistence.Configurations;

internal sealed class LeaderConfiguration : IEntityTypeConfiguration<LeaderRecord>
{
    public void Configure(EntityTypeBuilder<LeaderRecord> builder)
    {
        builder.ToTable("leaders");
        builder.HasKey(l => l.Role);
    }
}
