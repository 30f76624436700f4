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
        builder.HasIndex(i => i.BusinessKey);
        builder.HasIndex(i => i.DefinitionId);
        builder.HasIndex(i => i.SuperInstanceId);
    }
}
