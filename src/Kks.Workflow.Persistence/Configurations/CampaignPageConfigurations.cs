using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kks.Workflow.Persistence.Configurations;

internal sealed class KelembagaanFileConfiguration : IEntityTypeConfiguration<KelembagaanFileRecord>
{
    public void Configure(EntityTypeBuilder<KelembagaanFileRecord> builder)
    {
        builder.ToTable("campaign_kelembagaan_files");
        builder.HasKey(f => f.Id);
        builder.HasOne<CampaignRecord>().WithMany().HasForeignKey(f => f.CampaignId).OnDelete(DeleteBehavior.Cascade);
        // A campaign's page lists each item's files.
        builder.HasIndex(f => new { f.CampaignId, f.ItemCode });
    }
}

internal sealed class ProvinceDraftConfiguration : IEntityTypeConfiguration<ProvinceDraftRecord>
{
    public void Configure(EntityTypeBuilder<ProvinceDraftRecord> builder)
    {
        builder.ToTable("province_result_drafts");
        builder.HasKey(d => new { d.CampaignId, d.IndicatorCode });
        builder.HasOne<CampaignRecord>().WithMany().HasForeignKey(d => d.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}
