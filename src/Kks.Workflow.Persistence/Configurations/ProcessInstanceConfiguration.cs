using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kks.Workflow.Persistence.Configurations;

internal sealed class ProcessInstanceConfiguration : IEntityTypeConfiguration<ProcessInstanceRecord>
{
    public void Configure(EntityTypeBuilder<ProcessInstanceRecord> builder)
    {
        builder.ToTable("process_instances");
        builder.HasKey(i => i.Id);
        // The optimistic lock: UPDATE ... WHERE row_version = <the value read>.
        builder.Property(i => i.RowVersion).IsConcurrencyToken();
        // Partial (0014): most instances have neither, and the command path's UPDATE sets both columns, so a full
        // index had its entry rewritten by every command.
        builder.HasIndex(i => i.BusinessKey).HasFilter("\"business_key\" IS NOT NULL");
        builder.HasIndex(i => i.DefinitionId);
        builder.HasIndex(i => i.SuperInstanceId).HasFilter("\"super_instance_id\" IS NOT NULL");
    }
}
