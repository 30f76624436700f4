using System.Text.Json;
using System.Text.RegularExpressions;
using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Dispatch;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Notifications.Calendar;
using Kks.Workflow.Web.Notifications.Digests;
using Kks.Workflow.Web.Notifications.Mail;
using Kks.Workflow.Web.Tests.Notifications.Mail;
using Microsoft.EntityFrameworkCore;
using static Kks.Workflow.Web.Tests.Notifications.Deadlines.DeadlineKit;

namespace Kks.Workflow.Web.Tests.Notifications.Deadlines;

/// <summary>
/// Issue 7 for a task handed to a person: reassigning it (assignee only, the candidate group unchanged) re-arms its
/// ladder, and the steps addressed to the candidate group reach that person; a task held by a person and offered to no
/// group counts in that person's OPD's digest.
/// </summary>
public sealed partial class AssigneeLadderTests
{
    private static readonly DateTimeOffset Created = new(2023, 3, 13, 9, 0, 0, Wib);

    [Fact]
    public async Task ReassignedToAPerson_RearmsTheLadder_RemindersGoToThatPerson()
    {
        await using var bed = await MailTestBed.CreateAsync();
        await bed.AddOpdAsync("DINKES", "Dinas Kesehatan", "dr. Andi", "kepala.dinkes@kampar.example.go.id");
        await bed.AddUserAsync("opd.dinkes", "fp.dinkes@kampar.example.go.id", "DINKES", "id", "Siti Aminah");
        await bed.AddUserAsync("budi.dinkes", "budi@kampar.example.go.id", null, "id", "Budi"); // not a focal point: only the reassignment reaches him
        var run = await RunAsync(bed, "ladder_orang", "DINKES");
        var runtime = run.Runtime;
        var instance = (await runtime.StartAsync("ladder_orang", new Dictionary<string, object?> { ["due"] = Due }, "KKS-T2.3")).InstanceId;
        var log = run.Log;
        Task WalkTo(DateTimeOffset until) => run.WalkToAsync(until, eml => To().Match(eml).Groups[1].Value);

        // The first reminder (Fri 17 March) goes to the OPD's focal point; on Monday the secretariat gives the task to Budi.
        await WalkTo(new DateTimeOffset(2023, 3, 20, 10, 0, 0, Wib));
        string taskId;
        List<string> armed;
        await using (var context = new WorkflowDbContext(bed.Options))
        {
            taskId = await context.UserTasks.Where(t => t.InstanceId == instance).Select(t => t.Id).SingleAsync();
            armed = await context.Timers.Where(t => t.InstanceId == instance).Select(t => t.Id).ToListAsync();
        }

        await runtime.ExecuteOnTaskAsync(taskId, [new SetTaskAssignee(taskId, "budi.dinkes") { UserId = "sekretariat" }]);
        await using (var context = new WorkflowDbContext(bed.Options))
        {
            var rearmed = await context.Timers.Where(t => t.InstanceId == instance).Select(t => t.Id).ToListAsync();
            Assert.Equal(armed.Count, rearmed.Count); // the same steps still ahead...
            Assert.Empty(rearmed.Intersect(armed)); // ...armed anew for the task as it is now
        }

        await WalkTo(new DateTimeOffset(2023, 3, 27, 17, 0, 0, Wib));
        Assert.Equal(
        [
            "Fri 17 Mar fp.dinkes@kampar.example.go.id",
            "Tue 21 Mar budi@kampar.example.go.id", // candidate-group: now the person who holds it
            "Fri 24 Mar budi@kampar.example.go.id",
            "Mon 27 Mar kepala.dinkes@kampar.example.go.id", // kepala-opd: still the task's OPD
        ], log);
    }

    [Fact]
    public async Task TaskHeldByAPersonOfferedToNoGroup_CountsInThatPersonsOpdDigest()
    {
        await using var bed = await MailTestBed.CreateAsync();
        await bed.AddOpdAsync("DLH", "Dinas Lingkungan Hidup");
        await bed.AddUserAsync("rina.dlh", "rina@kampar.example.go.id", "DLH", "id", "Rina");
        var run = await RunAsync(bed, "langsung_orang", null);
        var (runtime, clock) = (run.Runtime, run.Clock);
        await runtime.StartAsync("langsung_orang", new Dictionary<string, object?> { ["due"] = Due }, "KKS-T2.4");
        clock.SetTo(new DateTimeOffset(2023, 3, 27, 7, 30, 0, Wib));
        Assert.Equal(2, await new DigestWriter(bed.Options, LadderRun.Engine(), clock).WriteAsync(new DateOnly(2023, 3, 27), default));
        var rows = (await bed.OutboxAsync()).Where(o => o.Kind == DigestWriter.Kind).ToList();
        var opd = JsonDocument.Parse(Assert.Single(rows, r => r.IdempotencyKey == "digest:opd:2023-03-27:DLH").PayloadJson).RootElement;
        Assert.Equal("group:DLH", opd.GetProperty("to")[0].GetString());
        Assert.Equal("Isi data T2.4", Assert.Single(opd.GetProperty("tasks").EnumerateArray()).GetProperty("taskName").GetString());
        var leaders = JsonDocument.Parse(Assert.Single(rows, r => r.IdempotencyKey == "digest:pimpinan:2023-03-27:all").PayloadJson).RootElement;
        var count = Assert.Single(leaders.GetProperty("opds").EnumerateArray());
        Assert.Equal("DLH", count.GetProperty("code").GetString());
        Assert.Equal(1, count.GetProperty("overdue").GetInt32());
    }

    private static readonly DateTimeOffset Due = new(2023, 3, 24, 16, 0, 0, Wib);

    /// <summary>A ladder process for <paramref name="group"/>, or (null) one whose task is assigned to rina.dlh and offered to no group.</summary>
    private static Task<LadderRun> RunAsync(MailTestBed bed, string key, string? group)
    {
        var xml = group is not null
            ? LadderProcess(key, "standar", group)
            : LadderProcess(key, "standar", "x").Replace("camunda:candidateGroups=\"x\"", "camunda:assignee=\"rina.dlh\"", StringComparison.Ordinal)
                .Replace("Lengkapi dokumen T2.3", "Isi data T2.4", StringComparison.Ordinal);
        return LadderRun.DeployAsync(bed, Created, xml, key, "orang");
    }

    [GeneratedRegex(@"\r\nTo: (?:[^\r\n<]*<)?([^>\r\n]+)>?", RegexOptions.IgnoreCase)]
    private static partial Regex To();
}
