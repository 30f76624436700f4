using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kks.Workflow.Persistence.Configurations;

internal sealed class OpdConfiguration : IEntityTypeConfiguration<OpdRecord>
{
    public void Configure(EntityTypeBuilder<OpdRecord> builder)
    {
        builder.ToTable("opds");
        builder.HasKey(o => o.Code);
    }
}
