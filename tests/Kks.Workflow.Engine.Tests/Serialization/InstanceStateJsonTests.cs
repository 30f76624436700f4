using Kks.Workflow.Engine.State;

namespace Kks.Workflow.Engine.Tests.Serialization;

public sealed class InstanceStateJsonTests
{
    private static readonly DateTimeOffset Date = new(2023, 3, 24, 16, 0, 0, TimeSpan.FromHours(7));

    [Theory]
    [MemberData(nameof(Values))]
    public void VariableValue_RoundTripsWithItsKind(object? value)
    {
        var back = InstanceStateJson.DeserializeValue(InstanceStateJson.SerializeValue(value));
        Assert.Equal(Describe(value), Describe(back));
    }

    public static TheoryData<object?> Values() => new()
    {
        null,
        "teks",
        true,
        42L,
        long.MinValue,
        2.5,
        2.0,
        double.NaN,
        Date,
        new List<object?> { "DINKES", 3L, 4.0, Date, null },
        new Dictionary<string, object?> { ["kode"] = "T1.1", ["nilai"] = 75L, ["batas"] = Date },
        new Dictionary<string, object?> { ["$date"] = "bukan tag" },
        new Dictionary<string, object?> { ["a"] = new List<object?> { new Dictionary<string, object?> { ["b"] = 1.0 } } },
    };

    [Fact]
    public void State_RoundTripsEveryField()
    {
        var state = new ProcessInstanceState
        {
            Id = "pi1",
            DefinitionId = "p:1",
            ProcessKey = "p",
            BusinessKey = "KAMPAR-2023",
            StartedAt = Date,
            Sequence = 7,
            Executions =
            [
                new() { Id = "pi1", Kind = ExecutionKind.Root, Variables = new() { ["opdList"] = new List<object?> { "DINKES" }, ["due"] = Date } },
                new() { Id = "pi1-2", ParentId = "pi1", Kind = ExecutionKind.MultiInstanceBody, NodeId = "t", Collection = ["x", 1L] },
            ],
            Tasks = [new() { Id = "pi1-3", ExecutionId = "pi1-2", NodeId = "t", CandidateGroups = ["DINKES"], DueDate = Date, Revision = 2 }],
            Timers = [new() { Id = "pi1-4", ExecutionId = "pi1-2", NodeId = "b", Schedule = "R/P2D", DueAt = Date, Purpose = TimerPurpose.Boundary, TimerKind = Engine.Timers.TimerKind.Cycle }],
            Jobs = [new() { Id = "pi1-5", ExecutionId = "pi1-2", NodeId = "s", Kind = JobKind.ExternalTask, Topic = "kirim", Retries = 3, Inputs = new() { ["to"] = "a@b" } }],
            Subscriptions = [new() { Id = "pi1-6", ExecutionId = "pi1-2", NodeId = "m", MessageName = "hasil" }],
            Incidents = [new() { Id = "pi1-7", ExecutionId = "pi1-2", NodeId = "s", Type = "failedJob", JobId = "pi1-5" }],
        };

        var json = InstanceStateJson.Serialize(state);
        var back = InstanceStateJson.Deserialize(json);

        Assert.Equal(json, InstanceStateJson.Serialize(back));
        Assert.Equal(Date, back.Root.Variables!["due"]);
        Assert.Equal(TimerPurpose.Boundary, back.Timers[0].Purpose);
        Assert.Equal(2, back.Tasks[0].Revision);
        Assert.Contains("\"purpose\":\"Boundary\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void HandWrittenJson_IsTheSerializersByteForByte()
    {
        // Every property set (nulls left out elsewhere), non-ASCII and HTML-sensitive text, a deadline step and job inputs.
        var state = new ProcessInstanceState
        {
            Id = "pi1",
            DefinitionId = "p:1",
            ProcessKey = "p",
            BusinessKey = "KAMPAR <2023> & \"Sehat\" é",
            Status = InstanceStatus.Completed,
            StartedAt = Date,
            EndedAt = Date.AddDays(1),
            StartedBy = "sekretariat",
            SuperInstanceId = "pi0",
            SuperExecutionId = "pi0-3",
            Sequence = 9,
            Executions =
            [
                new() { Id = "pi1", Kind = ExecutionKind.Root, Variables = new() { ["$x"] = 1L, ["d"] = 2.0, ["n"] = null, ["m"] = new Dictionary<string, object?> { ["$date"] = "no" } } },
                new()
                {
                    Id = "pi1-2", ParentId = "pi1", Kind = ExecutionKind.MultiInstanceBody, Status = ExecutionStatus.Waiting, NodeId = "t", ActivityInstanceId = "t:1",
                    ArrivedVia = "f1", EnteredAt = Date, Collection = ["x", 1L, 2.5, Date], CalledInstanceId = "pi9", AsyncBeforeDone = true,
                },
            ],
            Tasks =
            [
                new()
                {
                    Id = "pi1-3", ExecutionId = "pi1-2", NodeId = "t", Revision = 2, Name = "Lengkapi dokumen T2.3", Description = "Unggah <b>bukti</b>",
                    Assignee = "opd.dinkes", CandidateUsers = ["a", "b"], CandidateGroups = ["DINKES"], Created = Date, DueDate = Date, FollowUpDate = Date,
                    Priority = 0, FormKey = "embedded:app:forms/x.html", FormRef = "formulir", Owner = "opd.dinkes",
                },
            ],
            Timers =
            [
                new()
                {
                    Id = "pi1-4", ExecutionId = "pi1-2", NodeId = "b", Schedule = "R/P2D", DueAt = Date, Purpose = TimerPurpose.Deadline, TimerKind = Engine.Timers.TimerKind.Cycle,
                    FiredCount = 3, TaskId = "pi1-3", ListenerId = "l1",
                    Deadline = new() { Policy = "standar", StepIndex = 1, WorkingDaysFromDue = -2, To = ["assignee", "sekretariat"], Due = Date },
                },
            ],
            Jobs =
            [
                new()
                {
                    Id = "pi1-5", ExecutionId = "pi1-2", NodeId = "s", Kind = JobKind.Handler, Topic = "kirim", HandlerName = "mail", Retries = 3, Priority = 7,
                    ErrorMessage = "gagal", ErrorDetails = "stack", DueAt = Date, Created = Date, Inputs = new() { ["to"] = "a@b", ["list"] = new List<object?> { 1L } },
                },
            ],
            Subscriptions = [new() { Id = "pi1-6", ExecutionId = "pi1-2", NodeId = "m", MessageName = "hasil", Purpose = SubscriptionPurpose.ReceiveTask, Created = Date }],
            Incidents = [new() { Id = "pi1-7", ExecutionId = "pi1-2", NodeId = "s", Type = "failedJob", JobId = "pi1-5", Message = "habis", Created = Date }],
        };

        Assert.Equal(InstanceStateJson.SerializeWithSerializer(state), InstanceStateJson.Serialize(state));
        var bare = new ProcessInstanceState { Id = "pi2", DefinitionId = "p:1", ProcessKey = "p" };
        Assert.Equal(InstanceStateJson.SerializeWithSerializer(bare), InstanceStateJson.Serialize(bare));
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        IReadOnlyList<object?> list => "[" + string.Join(",", list.Select(Describe)) + "]",
        IReadOnlyDictionary<string, object?> map => "{" + string.Join(",", map.Select(e => e.Key + ":" + Describe(e.Value))) + "}",
        DateTimeOffset date => "date:" + date.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        _ => value.GetType().Name + ":" + Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };
}
