using Kks.Workflow.Persistence.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Persistence;

/// <summary>
/// The product's one database: definitions, instances and their wait-state rows, history and outbox, and the
/// people (ASP.NET Core Identity) and OPDs they work for. One context, so one migration sequence and one schema
/// test cover all of it.
/// </summary>
public sealed class WorkflowDbContext(DbContextOptions<WorkflowDbContext> options) : IdentityDbContext<UserAccount>(options)
{
    public DbSet<DeploymentRecord> Deployments => Set<DeploymentRecord>();

    public DbSet<DeploymentResourceRecord> DeploymentResources => Set<DeploymentResourceRecord>();

    public DbSet<ProcessDefinitionRecord> ProcessDefinitions => Set<ProcessDefinitionRecord>();

    public DbSet<ProcessInstanceRecord> ProcessInstances => Set<ProcessInstanceRecord>();

    public DbSet<UserTaskRecord> UserTasks => Set<UserTaskRecord>();

    public DbSet<TaskCandidateRecord> TaskCandidates => Set<TaskCandidateRecord>();

    public DbSet<TimerRecord> Timers => Set<TimerRecord>();

    public DbSet<JobRecord> Jobs => Set<JobRecord>();

    public DbSet<SubscriptionRecord> Subscriptions => Set<SubscriptionRecord>();

    public DbSet<IncidentRecord> Incidents => Set<IncidentRecord>();

    public DbSet<HistoryRecord> History => Set<HistoryRecord>();

    public DbSet<HistoricTaskRecord> HistoricTasks => Set<HistoricTaskRecord>();

    public DbSet<HistoricTaskCandidateRecord> HistoricTaskCandidates => Set<HistoricTaskCandidateRecord>();

    public DbSet<OutboxRecord> Outbox => Set<OutboxRecord>();

    public DbSet<CommandResultRecord> CommandResults => Set<CommandResultRecord>();

    public DbSet<OpdRecord> Opds => Set<OpdRecord>();

    public DbSet<LeaderRecord> Leaders => Set<LeaderRecord>();

    public DbSet<TaskCommentRecord> TaskComments => Set<TaskCommentRecord>();

    public DbSet<EvidenceFileRecord> EvidenceFiles => Set<EvidenceFileRecord>();

    public DbSet<TaskDraftRecord> TaskDrafts => Set<TaskDraftRecord>();

    public DbSet<HolidayRecord> Holidays => Set<HolidayRecord>();

    public DbSet<DeadlinePolicyRecord> DeadlinePolicies => Set<DeadlinePolicyRecord>();

    public DbSet<InstrumentRecord> Instruments => Set<InstrumentRecord>();

    public DbSet<TatananRecord> Tatanan => Set<TatananRecord>();

    public DbSet<IndicatorRecord> Indicators => Set<IndicatorRecord>();

    public DbSet<IndicatorScaleStepRecord> IndicatorScaleSteps => Set<IndicatorScaleStepRecord>();

    public DbSet<IndicatorOpdRecord> IndicatorOpds => Set<IndicatorOpdRecord>();

    public DbSet<InstrumentPrerequisiteRecord> InstrumentPrerequisites => Set<InstrumentPrerequisiteRecord>();

    public DbSet<KelembagaanItemRecord> KelembagaanItems => Set<KelembagaanItemRecord>();

    public DbSet<CampaignRecord> Campaigns => Set<CampaignRecord>();

    public DbSet<CampaignOpdRecord> CampaignOpds => Set<CampaignOpdRecord>();

    public DbSet<OdfShareRecord> OdfShares => Set<OdfShareRecord>();

    public DbSet<CampaignKelembagaanRecord> CampaignKelembagaan => Set<CampaignKelembagaanRecord>();

    public DbSet<KelembagaanFileRecord> KelembagaanFiles => Set<KelembagaanFileRecord>();

    public DbSet<ProvinceDraftRecord> ProvinceDrafts => Set<ProvinceDraftRecord>();

    public DbSet<DesignerDraftRecord> DesignerDrafts => Set<DesignerDraftRecord>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        // Identity's model, pinned to one schema version so the model never depends on how the context was made.
        base.OnModelCreating(builder);
        builder.Entity<UserAccount>().ToTable("users");
        builder.Entity<IdentityRole>().ToTable("roles");
        builder.Entity<IdentityUserRole<string>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<string>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<string>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<string>>().ToTable("role_claims");

        builder.ApplyConfigurationsFromAssembly(typeof(WorkflowDbContext).Assembly);
        ModelConventions.Apply(builder, Database.IsSqlite());
    }
}
