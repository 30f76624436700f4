using Kks.Workflow.Engine.State;
using Kks.Workflow.Engine.Tests.Execution;
using static Kks.Workflow.Engine.Tests.Deadlines.LadderKit;

namespace Kks.Workflow.Engine.Tests.Deadlines;

/// <summary>
/// The standard ladder over a whole KKS month: a task created 15 February 2023, due Friday 24 March 2023 16:00 WIB,
/// with Nyepi (Wednesday 22 March) and its cuti bersama (Thursday 23 March) in the last week and Good Friday (7 April)
/// in the overdue fortnight.
/// </summary>
public sealed class LadderTests
{
    [Fact]
    public void StandardLadder_FiresEachStepOnItsWorkingDay_AcrossHolidaysAndWeekends()
    {
        var runtime = Runtime(out var clock);
        var id = runtime.Start("p", businessKey: "KKS-2023");

        Assert.Equal(6, runtime.Instance(id).Timers.Count(t => t.Purpose == TimerPurpose.Deadline));
        var log = Walk(runtime, clock, Day(4, 30));

        Assert.Equal(
        [
            "2023-03-17 16:00 pengingat(-3) candidate-group DINKES", // Fri: Tue 21, Mon 20, Fri 17 (22-23 are off, 18-19 weekend)
            "2023-03-21 16:00 pengingat(-1) candidate-group DINKES", // Tue: the day before is Nyepi's cuti bersama
            "2023-03-24 16:00 pengingat(0) candidate-group DINKES",
            "2023-03-27 16:00 eskalasi(1) kepala-opd DINKES", // Mon: the weekend is no working day
            "2023-03-31 16:00 eskalasi(5) leader:kadis-kesehatan DINKES",
            "2023-04-10 16:00 eskalasi(10) leader:sekda DINKES", // 7 April (Good Friday) skipped
        ], log);
        Assert.Empty(runtime.Instance(id).Timers);
        Assert.Equal(["t"], runtime.WaitingAt(id)); // a ladder moves no token
    }

    [Fact]
    public void CompletedTask_SendsNothingAfterwards()
    {
        var runtime = Runtime(out var clock);
        var id = runtime.Start("p");
        var before = Walk(runtime, clock, Day(3, 28));
        Assert.Equal(4, before.Count); // -3, -1, 0, +1

        runtime.Complete(id, "t");

        Assert.Empty(runtime.Instance(id).Timers);
        Assert.Empty(Walk(runtime, clock, Day(4, 30)));
        Assert.Equal(InstanceStatus.Completed, runtime.Instance(id).Status);
    }

    [Fact]
    public void DueDateChange_RearmsTheLadderFromTheNewDate_AndDropsTheOldSteps()
    {
        var runtime = Runtime(out var clock);
        var id = runtime.Start("p");
        var task = runtime.TaskId(id, "t");
        Assert.Equal(["2023-03-17 16:00 pengingat(-3) candidate-group DINKES"], Walk(runtime, clock, Day(3, 20)));

        // Monday 20 March: the secretariat gives one more week.
        runtime.Execute(id, new UpdateTask(task) { DueDate = new DateTimeOffset(2023, 3, 31, 16, 0, 0, Wib) });
        var log = Walk(runtime, clock, Day(4, 30));

        Assert.Equal(
        [
            "2023-03-28 16:00 pengingat(-3) candidate-group DINKES", // Tue: Fri 31, Thu 30, Wed 29, Tue 28
            "2023-03-30 16:00 pengingat(-1) candidate-group DINKES",
            "2023-03-31 16:00 pengingat(0) candidate-group DINKES",
            "2023-04-03 16:00 eskalasi(1) kepala-opd DINKES",
            "2023-04-10 16:00 eskalasi(5) leader:kadis-kesehatan DINKES", // 3, 4, 5, 6, (7 off) 10
            "2023-04-17 16:00 eskalasi(10) leader:sekda DINKES",
        ], log);
        Assert.All(runtime.Effects.OfType<DeadlineStepFired>().Skip(1), f => Assert.Equal(new DateTimeOffset(2023, 3, 31, 16, 0, 0, Wib), f.Due));
    }

    [Fact]
    public void ReassignedToAnotherGroup_RearmsTheStepsStillAhead()
    {
        var runtime = Runtime(out var clock);
        var id = runtime.Start("p");
        var task = runtime.TaskId(id, "t");
        Walk(runtime, clock, Day(3, 20));
        var armed = runtime.Instance(id).Timers.Select(t => t.Id).ToList();

        // The same groups again changes nothing.
        runtime.Execute(id, new UpdateTask(task) { CandidateGroups = ["DINKES"] });
        Assert.Equal(armed, runtime.Instance(id).Timers.Select(t => t.Id));

        runtime.Execute(id, new UpdateTask(task) { CandidateGroups = ["DISHUB"] });
        Assert.Empty(runtime.Instance(id).Timers.Select(t => t.Id).Intersect(armed));
        Assert.Equal(5, runtime.Instance(id).Timers.Count);

        var log = Walk(runtime, clock, Day(4, 30));
        Assert.Equal(
        [
            "2023-03-21 16:00 pengingat(-1) candidate-group DISHUB",
            "2023-03-24 16:00 pengingat(0) candidate-group DISHUB",
            "2023-03-27 16:00 eskalasi(1) kepala-opd DISHUB",
            "2023-03-31 16:00 eskalasi(5) leader:kadis-kesehatan DISHUB",
            "2023-04-10 16:00 eskalasi(10) leader:sekda DISHUB",
        ], log);
        Assert.Equal([1, 2, 3, 4, 5], runtime.Effects.OfType<DeadlineStepFired>().Skip(1).Select(f => f.StepIndex));
    }

    [Fact]
    public void ClearedDueDate_DisarmsTheLadder()
    {
        var runtime = Runtime(out var clock);
        var id = runtime.Start("p");

        runtime.Execute(id, new UpdateTask(runtime.TaskId(id, "t")) { ClearDueDate = true });

        Assert.Empty(runtime.Instance(id).Timers);
        Assert.Empty(Walk(runtime, clock, Day(4, 30)));
    }

    [Fact]
    public void TaskCreatedLate_SkipsTheStepsAlreadyPast()
    {
        var runtime = Runtime(out var clock);
        clock.SetTo(Day(3, 22, 10)); // Nyepi
        var id = runtime.Start("p");

        var log = Walk(runtime, clock, Day(3, 28));

        Assert.Equal(["2023-03-24 16:00 pengingat(0) candidate-group DINKES", "2023-03-27 16:00 eskalasi(1) kepala-opd DINKES"], log);
        Assert.Equal(2, runtime.Instance(id).Timers.Count);
    }

    [Fact]
    public void PolicyUnknownAtRunTime_ArmsNoLadder()
    {
        // The host's policies changed after deployment: the task is created without a ladder rather than failing.
        var runtime = Runtime(out _, Process(policy: "dihapus"), Options() with { DeadlinePolicies = null });
        var id = runtime.Start("p");

        Assert.Single(runtime.Tasks(id));
        Assert.Empty(runtime.Instance(id).Timers);
    }

    [Fact]
    public void PolicyEditedAfterArming_FiresTheStepAsArmed()
    {
        var policies = new SwitchablePolicies(DeadlinePolicyCatalog.Standard);
        var runtime = Runtime(out var clock, options: Options(policies));
        var id = runtime.Start("p");

        policies.Current = new DeadlinePolicy("standar", [new(-2, ["role:pimpinan"])]);
        var fired = runtime.Effects.Count;
        Walk(runtime, clock, Day(3, 18));

        var step = Assert.Single(runtime.Effects.Skip(fired).OfType<DeadlineStepFired>());
        Assert.Equal((0, -3, "candidate-group"), (step.StepIndex, step.Step.WorkingDaysFromDue, step.Step.To.Single()));
        Assert.Equal("standar", step.Policy);
        Assert.Equal(id, runtime.Instance(id).Id);
    }

    private sealed class SwitchablePolicies(DeadlinePolicy initial) : IDeadlinePolicies
    {
        public DeadlinePolicy Current { get; set; } = initial;

        public DeadlinePolicy? Find(string name) => Current.Name == name ? Current : null;
    }
}
