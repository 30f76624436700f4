using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kks.Workflow.Persistence.Configurations;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<CampaignRecord>
{
    public void Configure(EntityTypeBuilder<CampaignRecord> builder)
    {
        builder.ToTable("campaigns");
        builder.HasKey(c => c.Id);
        // An instrument a campaign runs on cannot be deleted from under it.
        builder.HasOne<InstrumentRecord>().WithMany().HasForeignKey(c => c.InstrumentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Opds).WithOne().HasForeignKey(o => o.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.OdfShares).WithOne().HasForeignKey(o => o.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Kelembagaan).WithOne().HasForeignKey(k => k.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CampaignOpdConfiguration : IEntityTypeConfiguration<CampaignOpdRecord>
{
    public void Configure(EntityTypeBuilder<CampaignOpdRecord> builder)
    {
        builder.ToTable("campaign_opds");
        builder.HasKey(o => new { o.CampaignId, o.OpdCode });
        builder.HasOne<OpdRecord>().WithMany().HasForeignKey(o => o.OpdCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OdfShareConfiguration : IEntityTypeConfiguration<OdfShareRecord>
{
    public void Configure(EntityTypeBuilder<OdfShareRecord> builder)
    {
        builder.ToTable("campaign_odf_shares");
        builder.HasKey(o => o.Id);
        // The latest figure of a campaign: its newest date.
        builder.HasIndex(o => new { o.CampaignId, o.AsOf });
    }
}

internal sealed class CampaignKelembagaanConfiguration : IEntityTypeConfiguration<CampaignKelembagaanRecord>
{
    public void Configure(EntityTypeBuilder<CampaignKelembagaanRecord> builder)
    {
        builder.ToTable("campaign_kelembagaan");
        builder.HasKey(k => new { k.CampaignId, k.ItemCode });
    }
}
