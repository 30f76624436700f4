using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kks.Workflow.Persistence.Configurations;

internal sealed class TaskCommentConfiguration : IEntityTypeConfiguration<TaskCommentRecord>
{
    public void Configure(EntityTypeBuilder<TaskCommentRecord> builder)
    {
        builder.ToTable("task_comments");
        builder.HasKey(c => c.Id);
        builder.HasIndex(c => new { c.TaskId, c.Time });
        builder.HasIndex(c => c.InstanceId);
    }
}
