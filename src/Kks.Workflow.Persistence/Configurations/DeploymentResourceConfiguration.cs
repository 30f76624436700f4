using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kks.Workflow.Persistence.Configurations;

internal sealed class DeploymentResourceConfiguration : IEntityTypeConfiguration<DeploymentResourceRecord>
{
    public void Configure(EntityTypeBuilder<DeploymentResourceRecord> builder)
    {
        builder.ToTable("deployment_resources");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => new { r.DeploymentId, r.Name }).IsUnique();
        // A form by key, newest version first: what rendering a task's camunda:formRef looks up.
        builder.HasIndex(r => new { r.FormKey, r.FormVersion }).IsUnique();
    }
}
