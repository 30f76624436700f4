using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Persistence;

/// <summary>The engine's database: definitions, instances and their wait-state rows, history and outbox.</summary>
public sealed class WorkflowDbContext(DbContextOptions<WorkflowDbContext> options) : DbContext(options)
{
    public DbSet<DeploymentRecord> Deployments => Set<DeploymentRecord>();

    public DbSet<ProcessDefinitionRecord> ProcessDefinitions => Set<ProcessDefinitionRecord>();

    public DbSet<ProcessInstanceRecord> ProcessInstances => Set<ProcessInstanceRecord>();

    public DbSet<UserTaskRecord> UserTasks => Set<UserTaskRecord>();

    public DbSet<TaskCandidateRecord> TaskCandidates => Set<TaskCandidateRecord>();

    public DbSet<TimerRecord> Timers => Set<TimerRecord>();

    public DbSet<JobRecord> Jobs => Set<JobRecord>();

    public DbSet<SubscriptionRecord> Subscriptions => Set<SubscriptionRecord>();

    public DbSet<IncidentRecord> Incidents => Set<IncidentRecord>();

    public DbSet<HistoryRecord> History => Set<HistoryRecord>();

    public DbSet<OutboxRecord> Outbox => Set<OutboxRecord>();

    public DbSet<CommandResultRecord> CommandResults => Set<CommandResultRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WorkflowDbContext).Assembly);
        ModelConventions.Apply(modelBuilder, Database.IsSqlite());
    }
}
