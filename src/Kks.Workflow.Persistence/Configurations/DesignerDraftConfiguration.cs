using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kks.Workflow.Persistence.Configurations;

internal sealed class DesignerDraftConfiguration : IEntityTypeConfiguration<DesignerDraftRecord>
{
    public void Configure(EntityTypeBuilder<DesignerDraftRecord> builder)
    {
        builder.ToTable("designer_drafts");
        builder.HasKey(d => d.Id);
        builder.HasIndex(d => new { d.UserId, d.Kind, d.Key }).IsUnique();
    }
}
