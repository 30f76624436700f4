using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kks.Workflow.Persistence.Configurations;

internal sealed class CommandResultConfiguration : IEntityTypeConfiguration<CommandResultRecord>
{
    public void Configure(EntityTypeBuilder<CommandResultRecord> builder)
    {
        builder.ToTable("command_results");
        builder.HasKey(r => r.IdempotencyKey);
    }
}
