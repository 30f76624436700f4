using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kks.Workflow.Persistence.Configurations;

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<SubscriptionRecord>
{
    public void Configure(EntityTypeBuilder<SubscriptionRecord> builder)
    {
        builder.ToTable("message_subscriptions");
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => new { s.MessageName, s.BusinessKey });
        builder.HasIndex(s => s.InstanceId);
    }
}
