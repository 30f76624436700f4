using System.Text.Json;
using Kks.Workflow.Engine;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Dispatch;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Persistence.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Persistence.Tests.Runtime;

/// <summary>
/// The standard ladder through the durable runtime: timer rows fired by the dispatcher write <c>deadline</c> outbox
/// rows (the mail contract) in the firing transaction, on the expected working days of March-April 2023.
/// </summary>
public abstract class DeadlineOutboxTests : RuntimeSuite
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);
    private static readonly DateTimeOffset Created = new(2023, 2, 15, 9, 0, 0, Wib);
    private static readonly DateTimeOffset Due = new(2023, 3, 24, 16, 0, 0, Wib);

    private static readonly EngineOptions Engine = new()
    {
        Calendar = new Holidays(new(2023, 3, 22), new(2023, 3, 23), new(2023, 4, 7)),
        DeadlinePolicies = new DeadlinePolicyCatalog([DeadlinePolicyCatalog.Standard]),
    };

    private static string Process(string policy = "standar") => Models.Process("ladder", $"""
        <bpmn:startEvent id="s"/>
        <bpmn:userTask id="t23" name="Lengkapi dokumen T2.3" camunda:candidateGroups="DINKES" camunda:dueDate="2023-03-24T16:00:00+07:00"
            xmlns:kks="http://kks-workflow.id/schema/1.0/bpmn" kks:deadlinePolicy="{policy}"/>
        <bpmn:endEvent id="e"/>
        <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t23"/><bpmn:sequenceFlow id="f2" sourceRef="t23" targetRef="e"/>
        """);

    // The suite's clock starts in 2025 and a manual clock never goes back: this suite has its own.
    private readonly ManualTimeProvider _clock = new(Created);
    private WorkflowRuntime _runtime = null!;
    private DeploymentService _deployments = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var cache = new ProcessDefinitionCache();
        _deployments = new DeploymentService(Database.ContextOptions, cache, _clock) { DeadlinePolicies = Engine.DeadlinePolicies };
        _runtime = new WorkflowRuntime(Database.ContextOptions, cache, _clock, new() { MaxConcurrencyRetries = 20 }, Engine);
        await _deployments.DeployAsync(Process());
    }

    [DatabaseFact]
    public async Task StandardLadder_WritesOneDeadlineRowPerStep_OnItsWorkingDay_AndNothingAfterCompletion()
    {
        var instance = (await _runtime.StartAsync("ladder", businessKey: "KKS-2023")).InstanceId;
        var taskId = await TaskIdAsync(instance);
        await WalkAsync(new(2023, 4, 12, 17, 0, 0, Wib));

        var rows = await DeadlineRowsAsync();
        Assert.Equal(
        [
            $"2023-03-17 pengingat -3 candidate-group deadline:{taskId}:202303241600:0",
            $"2023-03-21 pengingat -1 candidate-group deadline:{taskId}:202303241600:1",
            $"2023-03-24 pengingat 0 candidate-group deadline:{taskId}:202303241600:2",
            $"2023-03-27 eskalasi 1 kepala-opd deadline:{taskId}:202303241600:3",
            $"2023-03-31 eskalasi 5 leader:kadis-kesehatan deadline:{taskId}:202303241600:4",
            $"2023-04-10 eskalasi 10 leader:sekda deadline:{taskId}:202303241600:5",
        ], rows.Select(r => r.Line));

        // The contract's payload, on the first row.
        var payload = rows[0].Payload;
        Assert.Equal("standar", payload.GetProperty("policy").GetString());
        Assert.Equal(("Lengkapi dokumen T2.3", "t23", "ladder", "KKS-2023", instance),
            (payload.GetProperty("taskName").GetString(), payload.GetProperty("taskDefinitionKey").GetString(),
             payload.GetProperty("processDefinitionKey").GetString(), payload.GetProperty("businessKey").GetString(),
             payload.GetProperty("processInstanceId").GetString()));
        Assert.Equal(["DINKES"], payload.GetProperty("candidateGroups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("assignee").ValueKind);
        Assert.Equal("2023-03-24T16:00:00+07:00", payload.GetProperty("due").GetString());

        await _runtime.CompleteTaskAsync(taskId);
        await WalkAsync(new(2023, 5, 31, 17, 0, 0, Wib));
        Assert.Equal(6, (await DeadlineRowsAsync()).Count);
        await using var context = Database.NewContext();
        Assert.Empty(await context.Timers.ToListAsync());
    }

    [DatabaseFact]
    public async Task CompletedBeforeTheDueDate_LeavesOnlyTheRemindersAlreadySent()
    {
        var instance = (await _runtime.StartAsync("ladder")).InstanceId;
        await WalkAsync(new(2023, 3, 20, 17, 0, 0, Wib));
        await _runtime.CompleteTaskAsync(await TaskIdAsync(instance));
        await WalkAsync(new(2023, 4, 30, 17, 0, 0, Wib));

        Assert.Equal(["pengingat -3"], (await DeadlineRowsAsync()).Select(r => r.Line[11..23]));
    }

    [DatabaseFact]
    public async Task DueDateChanged_RearmsWithNewKeys_AndMovedBackAtTheSameInstant_WritesNoSecondRow()
    {
        var instance = (await _runtime.StartAsync("ladder")).InstanceId;
        var taskId = await TaskIdAsync(instance);
        await WalkAsync(new(2023, 3, 17, 16, 0, 0, Wib)); // the -3 reminder goes out at 16:00 exactly

        var later = new DateTimeOffset(2023, 3, 31, 16, 0, 0, Wib);
        await _runtime.ExecuteAsync(instance, new UpdateTask(taskId) { DueDate = later });
        await _runtime.ExecuteAsync(instance, new UpdateTask(taskId) { DueDate = Due }); // changed back: -3 is due again now
        await WalkAsync(new(2023, 3, 17, 17, 0, 0, Wib));
        Assert.Single(await DeadlineRowsAsync()); // the same key: the step was told once

        await _runtime.ExecuteAsync(instance, new UpdateTask(taskId) { DueDate = later });
        await WalkAsync(new(2023, 3, 29, 17, 0, 0, Wib));
        Assert.Equal(
            [$"deadline:{taskId}:202303241600:0", $"deadline:{taskId}:202303311600:0"],
            (await DeadlineRowsAsync()).Select(r => r.Line[(r.Line.LastIndexOf(' ') + 1)..]));
    }

    [DatabaseFact]
    public async Task UnknownPolicy_IsRefusedAtDeployment()
    {
        var error = await Assert.ThrowsAsync<DeploymentRejectedException>(() => _deployments.DeployAsync(Process("kilat")));
        Assert.Contains(error.Problems, p => p.Code == ProblemCodes.DeadlinePolicyUnknown);
    }

    private async Task<string> TaskIdAsync(string instance)
    {
        await using var context = Database.NewContext();
        return (await context.UserTasks.SingleAsync(t => t.InstanceId == instance)).Id;
    }

    /// <summary>Moves the clock to 17:00 each day (or to <paramref name="until"/>) and lets the timer dispatcher fire what is due.</summary>
    private async Task WalkAsync(DateTimeOffset until)
    {
        var dispatcher = new TimerDispatcher(Database.ContextOptions, _runtime, _clock, "node-a");
        while (_clock.GetUtcNow() < until)
        {
            var next = _clock.GetUtcNow().ToOffset(Wib).Date.AddHours(17);
            var step = new DateTimeOffset(next, Wib);
            _clock.SetTo(step <= _clock.GetUtcNow() ? step.AddDays(1) : step > until ? until : step);
            while (await dispatcher.RunOnceAsync() > 0)
            {
            }
        }
    }

    private async Task<List<(string Line, JsonElement Payload)>> DeadlineRowsAsync()
    {
        await using var context = Database.NewContext();
        var rows = await context.Outbox.AsNoTracking().Where(o => o.Kind == "deadline").ToListAsync();
        return rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.IdempotencyKey, StringComparer.Ordinal).Select(r =>
        {
            var payload = JsonDocument.Parse(r.PayloadJson).RootElement;
            var line = $"{r.CreatedAt.ToOffset(Wib):yyyy-MM-dd} {payload.GetProperty("step").GetString()} {payload.GetProperty("workingDaysFromDue").GetInt32()} " +
                $"{string.Join("+", payload.GetProperty("to").EnumerateArray().Select(t => t.GetString()))} {r.IdempotencyKey}";
            return (line, payload);
        }).ToList();
    }

    private sealed class Holidays(params DateOnly[] days) : IWorkingCalendar
    {
        public bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !days.Contains(day);
    }
}

public sealed class SqliteDeadlineOutboxTests : DeadlineOutboxTests
{
    protected override TestDatabase CreateDatabase() => new SqliteTestDatabase();
}

public sealed class PostgresDeadlineOutboxTests : DeadlineOutboxTests, IPostgresSuite
{
    protected override TestDatabase CreateDatabase() => new PostgresTestDatabase();
}
