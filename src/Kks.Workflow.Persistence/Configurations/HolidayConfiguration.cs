using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kks.Workflow.Persistence.Configurations;

internal sealed class HolidayConfiguration : IEntityTypeConfiguration<HolidayRecord>
{
    public void Configure(EntityTypeBuilder<HolidayRecord> builder)
    {
        builder.ToTable("holidays");
        builder.HasKey(h => h.Date);
    }
}
