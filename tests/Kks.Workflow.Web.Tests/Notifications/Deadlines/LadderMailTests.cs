using System.Text;
using System.Text.RegularExpressions;
using Kks.Workflow.Engine;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Dispatch;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Notifications.Calendar;
using Kks.Workflow.Web.Notifications.Mail;
using Kks.Workflow.Web.Tests.Infrastructure;
using Kks.Workflow.Web.Tests.Notifications.Mail;
using Microsoft.EntityFrameworkCore;
using static Kks.Workflow.Web.Tests.Notifications.Deadlines.DeadlineKit;

namespace Kks.Workflow.Web.Tests.Notifications.Deadlines;

/// <summary>
/// The issue's "what must show" for the ladder: a whole KKS month on a fake clock, from the tasks' creation on
/// 15 February 2023 to mid-April, through the real pieces (engine, durable timers, deadline outbox rows, the mail
/// sink resolving people, the pickup folder): exactly the expected messages to the expected people on the expected
/// working days, across Nyepi with its cuti bersama, weekends and Good Friday, and nothing after completion.
/// </summary>
public sealed partial class LadderMailTests
{
    private static readonly DateTimeOffset Created = new(2023, 2, 15, 9, 0, 0, Wib);

    [Fact]
    public async Task KksMonth_EveryMessageToTheRightPeopleOnTheRightWorkingDay_NothingAfterCompletion()
    {
        await using var bed = await MailTestBed.CreateAsync();
        await bed.AddOpdAsync("DINKES", "Dinas Kesehatan", "dr. Andi", "kepala.dinkes@kampar.example.go.id");
        await bed.AddOpdAsync("DISHUB", "Dinas Perhubungan", "Ir. Rudi", "kepala.dishub@kampar.example.go.id");
        await bed.AddUserAsync("opd.dinkes", "fp.dinkes@kampar.example.go.id", "DINKES", "id", "Siti Aminah");
        await bed.AddUserAsync("opd.dishub", "fp.dishub@kampar.example.go.id", "DISHUB", "id", "Joko");
        await bed.AddLeaderAsync("kadis-kesehatan", "dr. Kadis", "kadis@kampar.example.go.id");
        await bed.AddLeaderAsync("sekda", "Sekda Kampar", "sekda@kampar.example.go.id");

        var run = await LadderRun.DeployAsync(bed, Created, LadderProcess("ladder_mail", "standar", "${opd}"), "ladder", "ladder");
        var runtime = run.Runtime;
        var due = new DateTimeOffset(2023, 3, 24, 16, 0, 0, Wib);
        var dinkes = (await runtime.StartAsync("ladder_mail", new Dictionary<string, object?> { ["opd"] = "DINKES", ["due"] = due }, "KKS-T2.3-DINKES")).InstanceId;
        var dishub = (await runtime.StartAsync("ladder_mail", new Dictionary<string, object?> { ["opd"] = "DISHUB", ["due"] = due }, "KKS-T2.3-DISHUB")).InstanceId;
        var log = run.Log;
        Task WalkTo(DateTimeOffset until) => run.WalkToAsync(until, eml =>
        {
            var (to, subject) = Headers(eml);
            return $"{to}: {subject}";
        });

        // DISHUB finishes on Monday 20 March, after its first reminder; DINKES never does.
        await WalkTo(new DateTimeOffset(2023, 3, 20, 10, 0, 0, Wib));
        await using (var context = new Persistence.WorkflowDbContext(bed.Options))
        {
            var task = await context.UserTasks.SingleAsync(t => t.InstanceId == dishub);
            await runtime.CompleteTaskAsync(task.Id);
        }

        await WalkTo(new DateTimeOffset(2023, 4, 30, 17, 0, 0, Wib));

        const string Reminder = "[KKS] Pengingat: Lengkapi dokumen T2.3 - jatuh tempo Jumat, 24 Maret 2023";
        Assert.Equal(
        [
            $"Fri 17 Mar fp.dinkes@kampar.example.go.id: {Reminder}",
            $"Fri 17 Mar fp.dishub@kampar.example.go.id: {Reminder}",
            $"Tue 21 Mar fp.dinkes@kampar.example.go.id: {Reminder}", // Wed 22 Nyepi, Thu 23 cuti bersama
            $"Fri 24 Mar fp.dinkes@kampar.example.go.id: {Reminder}",
            "Mon 27 Mar kepala.dinkes@kampar.example.go.id: [KKS] Eskalasi: Lengkapi dokumen T2.3 (Dinas Kesehatan) terlambat 1 hari kerja - jatuh tempo Jumat, 24 Maret 2023",
            "Fri 31 Mar kadis@kampar.example.go.id: [KKS] Eskalasi: Lengkapi dokumen T2.3 (Dinas Kesehatan) terlambat 5 hari kerja - jatuh tempo Jumat, 24 Maret 2023",
            "Mon 10 Apr sekda@kampar.example.go.id: [KKS] Eskalasi: Lengkapi dokumen T2.3 (Dinas Kesehatan) terlambat 10 hari kerja - jatuh tempo Jumat, 24 Maret 2023", // Fri 7 Apr Good Friday
        ], log.Select(l => Regex.Replace(l, " +", " ")).OrderBy(l => DateTime.ParseExact(l[4..10] + " 2023", "dd MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)).ThenBy(l => l, StringComparer.Ordinal));
        Assert.Equal(dinkes, (await bed.OutboxAsync()).Last().InstanceId);
    }

    /// <summary>The To address and the decoded Subject of an .eml file (RFC 2047 B or Q words, folded lines).</summary>
    private static (string To, string Subject) Headers(string eml)
    {
        var head = eml[..eml.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Replace("\r\n ", " ", StringComparison.Ordinal).Replace("\r\n\t", " ", StringComparison.Ordinal);
        var lines = head.Split("\r\n");
        var to = lines.First(l => l.StartsWith("To:", StringComparison.OrdinalIgnoreCase))[3..].Trim();
        var address = AddressPattern().Match(to).Groups[1].Value;
        var subject = lines.First(l => l.StartsWith("Subject:", StringComparison.OrdinalIgnoreCase))[8..].Trim();
        subject = EncodedWord().Replace(subject, m => string.Equals(m.Groups[2].Value, "B", StringComparison.OrdinalIgnoreCase)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[3].Value))
            : QuotedPrintable(m.Groups[3].Value));
        return (address.Length > 0 ? address : to, Regex.Replace(subject, @"\?=\s+=\?", "?==?"));
    }

    private static string QuotedPrintable(string text)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length)
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add(text[i] == '_' ? (byte)' ' : (byte)text[i]);
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    [GeneratedRegex(@"<([^>]+)>")]
    private static partial Regex AddressPattern();

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*")]
    private static partial Regex EncodedWord();
}
