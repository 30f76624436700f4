using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kks.Workflow.Persistence.Configurations;

internal sealed class OutboxConfiguration : IEntityTypeConfiguration<OutboxRecord>
{
    public void Configure(EntityTypeBuilder<OutboxRecord> builder)
    {
        builder.ToTable("outbox");
        builder.HasKey(o => o.Id);
        builder.HasIndex(o => o.IdempotencyKey).IsUnique();
        // The dispatcher's scan: undelivered, not dead, due.
        builder.HasIndex(o => new { o.DeliveredAt, o.DeadAt, o.NextAttemptAt });
    }
}
