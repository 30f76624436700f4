using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kks.Workflow.Persistence.Configurations;

internal sealed class InstrumentConfiguration : IEntityTypeConfiguration<InstrumentRecord>
{
    public void Configure(EntityTypeBuilder<InstrumentRecord> builder)
    {
        builder.ToTable("instruments");
        builder.HasKey(i => i.Id);
        builder.HasIndex(i => i.Cycle);
        builder.HasMany(i => i.Tatanan).WithOne().HasForeignKey(t => t.InstrumentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.Prerequisites).WithOne().HasForeignKey(p => p.InstrumentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.KelembagaanItems).WithOne().HasForeignKey(k => k.InstrumentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TatananConfiguration : IEntityTypeConfiguration<TatananRecord>
{
    public void Configure(EntityTypeBuilder<TatananRecord> builder)
    {
        builder.ToTable("instrument_tatanan");
        builder.HasKey(t => new { t.InstrumentId, t.Number });
        builder.HasMany(t => t.Indicators).WithOne().HasForeignKey(i => new { i.InstrumentId, i.TatananNumber }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<IndicatorRecord>
{
    public void Configure(EntityTypeBuilder<IndicatorRecord> builder)
    {
        builder.ToTable("instrument_indicators");
        builder.HasKey(i => new { i.InstrumentId, i.Code });
        builder.HasIndex(i => new { i.InstrumentId, i.TatananNumber, i.Number }).IsUnique();
        builder.HasMany(i => i.ScaleSteps).WithOne().HasForeignKey(s => new { s.InstrumentId, s.IndicatorCode }).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.Opds).WithOne().HasForeignKey(o => new { o.InstrumentId, o.IndicatorCode }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IndicatorScaleStepConfiguration : IEntityTypeConfiguration<IndicatorScaleStepRecord>
{
    public void Configure(EntityTypeBuilder<IndicatorScaleStepRecord> builder)
    {
        builder.ToTable("indicator_scale_steps");
        builder.HasKey(s => new { s.InstrumentId, s.IndicatorCode, s.Score });
    }
}

internal sealed class IndicatorOpdConfiguration : IEntityTypeConfiguration<IndicatorOpdRecord>
{
    public void Configure(EntityTypeBuilder<IndicatorOpdRecord> builder)
    {
        builder.ToTable("indicator_opds");
        builder.HasKey(o => new { o.InstrumentId, o.IndicatorCode, o.OpdCode });
        // "Which indicators does this OPD own in this instrument": the assignment step and an OPD's inbox ask it.
        builder.HasIndex(o => new { o.InstrumentId, o.OpdCode });
    }
}

internal sealed class InstrumentPrerequisiteConfiguration : IEntityTypeConfiguration<InstrumentPrerequisiteRecord>
{
    public void Configure(EntityTypeBuilder<InstrumentPrerequisiteRecord> builder)
    {
        builder.ToTable("instrument_prerequisites");
        builder.HasKey(p => new { p.InstrumentId, p.AwardLevel });
    }
}

internal sealed class KelembagaanItemConfiguration : IEntityTypeConfiguration<KelembagaanItemRecord>
{
    public void Configure(EntityTypeBuilder<KelembagaanItemRecord> builder)
    {
        builder.ToTable("instrument_kelembagaan_items");
        builder.HasKey(k => new { k.InstrumentId, k.Code });
    }
}
