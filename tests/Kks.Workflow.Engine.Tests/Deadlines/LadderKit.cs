using Kks.Workflow.Engine.Tests.Execution;

namespace Kks.Workflow.Engine.Tests.Deadlines;

/// <summary>A KKS month on a fake clock: the 2023 holidays around the March deadline, the standard ladder, one task.</summary>
internal static class LadderKit
{
    public static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    /// <summary>Tasks are created Wednesday 15 February 2023, 09:00 WIB.</summary>
    public static readonly DateTimeOffset Created = new(2023, 2, 15, 9, 0, 0, Wib);

    public const string Due = "2023-03-24T16:00:00+07:00";

    /// <summary>
    /// 2023 national holidays and cuti bersama from March to April (SKB 3 Menteri, revised March 2023): Nyepi 22 March,
    /// its cuti bersama 23 March, Wafat Isa Almasih 7 April, Idul Fitri 22-23 April with cuti bersama 19-21, 24-25 April.
    /// </summary>
    public static readonly HolidayCalendar Calendar2023 = new(
        new(2023, 3, 22), new(2023, 3, 23), new(2023, 4, 7),
        new(2023, 4, 19), new(2023, 4, 20), new(2023, 4, 21), new(2023, 4, 22), new(2023, 4, 23), new(2023, 4, 24), new(2023, 4, 25));

    public static EngineOptions Options(IDeadlinePolicies? policies = null) => new()
    {
        Calendar = Calendar2023,
        DeadlinePolicies = policies ?? new DeadlinePolicyCatalog([DeadlinePolicyCatalog.Standard]),
    };

    public static string Process(string policy = "standar", string due = Due, string group = "DINKES") => Bpmn.Process($"""
        <bpmn:startEvent id="s" />
        <bpmn:userTask id="t" name="Lengkapi dokumen T2.3" camunda:candidateGroups="{group}" camunda:dueDate="{due}"
            xmlns:kks="http://kks-workflow.id/schema/1.0/bpmn" kks:deadlinePolicy="{policy}" />
        <bpmn:endEvent id="e" />
        {Bpmn.Flows("s->t->e")}
        """);

    public static InMemoryRuntime Runtime(out ManualTimeProvider clock, string? xml = null, EngineOptions? options = null)
    {
        clock = new ManualTimeProvider(Created);
        var runtime = new InMemoryRuntime(clock, options ?? Options()) { VerifyStateRoundTrip = true };
        runtime.Deploy(xml ?? Process());
        return runtime;
    }

    /// <summary>
    /// Moves the clock an hour at a time until <paramref name="until"/>, noting each step that fired as
    /// "yyyy-MM-dd HH:mm step(days) audience groups" at the local time the hour ended.
    /// </summary>
    public static List<string> Walk(InMemoryRuntime runtime, ManualTimeProvider clock, DateTimeOffset until)
    {
        var seen = runtime.Effects.Count;
        var log = new List<string>();
        while (clock.GetUtcNow() < until)
        {
            runtime.AdvanceClock(TimeSpan.FromHours(1));
            foreach (var fired in runtime.Effects.Skip(seen).OfType<DeadlineStepFired>())
            {
                log.Add(Line(clock.GetUtcNow(), fired));
            }

            seen = runtime.Effects.Count;
        }

        return log;
    }

    public static string Line(DateTimeOffset at, DeadlineStepFired fired) =>
        $"{at.ToOffset(Wib):yyyy-MM-dd HH:mm} {fired.Step.Kind}({fired.Step.WorkingDaysFromDue}) {string.Join("+", fired.Step.To)} {string.Join("+", fired.Task.CandidateGroups)}";

    public static DateTimeOffset Day(int month, int day, int hour = 9) => new(2023, month, day, hour, 0, 0, Wib);
}

/// <summary>Weekends and a fixed list of holidays.</summary>
internal sealed class HolidayCalendar(params DateOnly[] holidays) : IWorkingCalendar
{
    private readonly HashSet<DateOnly> _holidays = [.. holidays];

    public bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day);
}
