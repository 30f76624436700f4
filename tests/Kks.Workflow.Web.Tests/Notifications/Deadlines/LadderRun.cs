using Kks.Workflow.Engine;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Dispatch;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Notifications.Calendar;
using Kks.Workflow.Web.Notifications.Mail;
using Kks.Workflow.Web.Tests.Notifications.Mail;
using static Kks.Workflow.Web.Tests.Notifications.Deadlines.DeadlineKit;

namespace Kks.Workflow.Web.Tests.Notifications.Deadlines;

/// <summary>
/// A deadline ladder on the real pieces, as the ladder tests drive it: the repository's holiday calendar, the standard
/// policy, a process deployed on a mail test bed, its own manual clock, and the timer and outbox dispatchers writing
/// .eml files to the bed's pickup folder. <see cref="WalkToAsync"/> moves the clock a working day at a time (17:00,
/// then the next day's 17:00) and logs each new message as "ddd dd MMM" plus what <c>describe</c> reads from it.
/// </summary>
internal sealed class LadderRun
{
    private readonly TimerDispatcher _timers;
    private readonly OutboxDispatcher _outbox;
    private readonly string _pickup;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    private LadderRun(MailTestBed bed, WorkflowRuntime runtime, ManualTimeProvider clock, string node)
    {
        Runtime = runtime;
        Clock = clock;
        _pickup = Path.Combine(bed.Folder, "pickup");
        _timers = new TimerDispatcher(bed.Options, runtime, clock, node);
        _outbox = new OutboxDispatcher(bed.Options, bed.Sink(new PickupFolderTransport(bed.Mail, _pickup)), clock, node);
    }

    public WorkflowRuntime Runtime { get; }

    public ManualTimeProvider Clock { get; }

    public List<string> Log { get; } = [];

    public static EngineOptions Engine()
    {
        var calendar = new HolidayCalendar();
        calendar.Replace(HolidayFile.Load().Select(e => e.Date)); // the repository's calendar
        return new EngineOptions { Calendar = calendar, DeadlinePolicies = new DeadlinePolicyCatalog([DeadlinePolicyCatalog.Standard]) };
    }

    /// <summary>Deploys <paramref name="xml"/> on the bed with the standard policy and a clock at <paramref name="start"/>.</summary>
    public static async Task<LadderRun> DeployAsync(MailTestBed bed, DateTimeOffset start, string xml, string name, string node)
    {
        ArgumentNullException.ThrowIfNull(bed);
        var engine = Engine();
        var clock = new ManualTimeProvider(start);
        var cache = new ProcessDefinitionCache();
        await new DeploymentService(bed.Options, cache, clock) { DeadlinePolicies = engine.DeadlinePolicies }.DeployAsync(xml, name);
        return new LadderRun(bed, new WorkflowRuntime(bed.Options, cache, clock, new(), engine), clock, node);
    }

    public async Task WalkToAsync(DateTimeOffset until, Func<string, string> describe)
    {
        ArgumentNullException.ThrowIfNull(describe);
        while (Clock.GetUtcNow() < until)
        {
            var local = Clock.GetUtcNow().ToOffset(Wib);
            var next = new DateTimeOffset(local.Date.AddHours(local.Hour < 17 ? 17 : 41), Wib);
            Clock.SetTo(next > until ? until : next);
            while (await _timers.RunOnceAsync() > 0 || await _outbox.RunOnceAsync() > 0)
            {
            }

            foreach (var file in Directory.Exists(_pickup) ? Directory.EnumerateFiles(_pickup, "*.eml").Order(StringComparer.Ordinal).ToList() : [])
            {
                if (_seen.Add(file))
                {
                    Log.Add($"{Clock.GetUtcNow().ToOffset(Wib):ddd dd MMM} {describe(await File.ReadAllTextAsync(file))}");
                }
            }
        }
    }
}
