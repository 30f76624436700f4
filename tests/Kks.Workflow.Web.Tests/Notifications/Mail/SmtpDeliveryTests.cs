using Kks.Workflow.Web.Notifications.Mail;

namespace Kks.Workflow.Web.Tests.Notifications.Mail;

/// <summary>
/// Deadline and digest rows delivered through System.Net.Mail.SmtpClient to a real SMTP server (aiosmtpd); the
/// messages it received are parsed (Python's email package) and checked: envelope recipients, subject, both parts,
/// the deep link, the Message-ID.
/// </summary>
public sealed class SmtpDeliveryTests
{
    private static readonly DateTimeOffset Due = new(2023, 3, 24, 16, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public async Task Reminder_ToCandidateGroup_OneMessagePerFocalPointInTheirLanguage()
    {
        await using var bed = await MailTestBed.CreateAsync();
        await using var smtp = await SmtpTestServer.StartNewAsync(Path.Combine(bed.Folder, "smtp"));
        await bed.AddOpdAsync("DINKES", "Dinas Kesehatan", "dr. Andi", "kepala.dinkes@kampar.example.go.id");
        await bed.AddUserAsync("opd.dinkes", "fp.dinkes@kampar.example.go.id", "DINKES", "id", "Siti Aminah");
        await bed.AddUserAsync("opd.dinkes2", "fp2.dinkes@kampar.example.go.id", "DINKES", "en", "Budi <Santoso>");
        await bed.AddUserAsync("opd.bappeda", "fp.bappeda@kampar.example.go.id", "BAPPEDA");
        var key = MailTestBed.DeadlineKey("task-1", Due, 0);
        await bed.AddOutboxAsync("deadline", key, MailTestBed.Deadline("task-1", "Lengkapi dokumen T2.3", "DINKES", "pengingat", -3, Due, ["candidate-group"]));

        var delivered = await bed.DrainAsync(bed.Dispatcher(bed.Sink(bed.Smtp(smtp.Port))));
        Assert.True(delivered == 1, (await bed.OutboxAsync())[0].LastError);

        var messages = smtp.Messages();
        Assert.Equal(2, messages.Count);
        var indonesian = messages.Single(m => m.RcptTos![0] == "fp.dinkes@kampar.example.go.id");
        var english = messages.Single(m => m.RcptTos![0] == "fp2.dinkes@kampar.example.go.id");
        Assert.Equal(["fp.dinkes@kampar.example.go.id"], indonesian.RcptTos);
        Assert.Equal(["fp2.dinkes@kampar.example.go.id"], english.RcptTos);
        Assert.Equal("[KKS] Pengingat: Lengkapi dokumen T2.3 - jatuh tempo Jumat, 24 Maret 2023", indonesian.Subject);
        Assert.Equal("[KKS] Reminder: Lengkapi dokumen T2.3 - due Friday, 24 March 2023", english.Subject);
        Assert.Equal("multipart/alternative", indonesian.ContentType);
        Assert.Contains("kks@kampar.example.go.id", indonesian.From, StringComparison.Ordinal);
        Assert.Contains("Siti Aminah", indonesian.To, StringComparison.Ordinal);
        var link = MailTestBed.BaseUrl + "/tugas/task-1";
        Assert.Contains("Yth. Siti Aminah", indonesian.Text, StringComparison.Ordinal);
        Assert.Contains("3 hari kerja lagi, Jumat, 24 Maret 2023 pukul 16.00 WIB", indonesian.Text, StringComparison.Ordinal);
        Assert.Contains(link, indonesian.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"{link}\"", indonesian.Html, StringComparison.Ordinal);
        Assert.Contains("Dinas Kesehatan", indonesian.Html, StringComparison.Ordinal);
        // Values are escaped in HTML, never markup; the plain part keeps them as they are.
        Assert.Contains("Dear Budi &lt;Santoso&gt;", english.Html, StringComparison.Ordinal);
        Assert.Contains("Dear Budi <Santoso>", english.Text, StringComparison.Ordinal);
        Assert.Equal(MailMessages.MessageId(key, "fp.dinkes@kampar.example.go.id", bed.Mail.FromAddress), indonesian.MessageId);
        Assert.Equal(MailMessages.MessageId(key, "fp2.dinkes@kampar.example.go.id", bed.Mail.FromAddress), english.MessageId);
        Assert.NotEqual(indonesian.MessageId, english.MessageId);
        Assert.EndsWith("@kampar.example.go.id>", indonesian.MessageId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Escalation_ToKepalaOpdAndLeader_SaysHowLate_AssigneeTakesCandidateGroup()
    {
        await using var bed = await MailTestBed.CreateAsync();
        await using var smtp = await SmtpTestServer.StartNewAsync(Path.Combine(bed.Folder, "smtp"));
        await bed.AddOpdAsync("DISDIK", "Dinas Pendidikan", "Drs. Hasan", "kepala.disdik@kampar.example.go.id");
        await bed.AddUserAsync("opd.disdik", "fp.disdik@kampar.example.go.id", "DISDIK");
        await bed.AddUserAsync("rina", "rina@kampar.example.go.id", "DISDIK", displayName: "Rina");
        await bed.AddUserAsync("kadis", "kadis@kampar.example.go.id", displayName: "dr. Kadis");
        await bed.AddLeaderAsync("kadis-kesehatan", "dr. Yusuf", null, "kadis");
        await bed.AddLeaderAsync("sekda", "H. Sekda", "sekda@kampar.example.go.id");
        await bed.AddOutboxAsync("deadline", MailTestBed.DeadlineKey("task-2", Due, 4),
            MailTestBed.Deadline("task-2", "Unggah bukti T1.1", "DISDIK", "eskalasi", 5, Due, ["kepala-opd", "leader:kadis-kesehatan"]));
        await bed.AddOutboxAsync("deadline", MailTestBed.DeadlineKey("task-2", Due, 0),
            MailTestBed.Deadline("task-2", "Unggah bukti T1.1", "DISDIK", "pengingat", 0, Due, ["candidate-group"], assignee: "rina"));

        Assert.Equal(2, await bed.DrainAsync(bed.Dispatcher(bed.Sink(bed.Smtp(smtp.Port)))));

        var messages = smtp.Messages();
        Assert.Equal(["kadis@kampar.example.go.id", "kepala.disdik@kampar.example.go.id", "rina@kampar.example.go.id"],
            messages.Select(m => m.RcptTos!.Single()).Order(StringComparer.Ordinal));
        var head = messages.Single(m => m.RcptTos![0] == "kepala.disdik@kampar.example.go.id");
        Assert.Equal("[KKS] Eskalasi: Unggah bukti T1.1 (Dinas Pendidikan) terlambat 5 hari kerja - jatuh tempo Jumat, 24 Maret 2023", head.Subject);
        Assert.Contains("Yth. Drs. Hasan", head.Text, StringComparison.Ordinal);
        Assert.Contains("terlambat 5 hari kerja", head.Html, StringComparison.Ordinal);
        Assert.Contains("Yth. dr. Yusuf", messages.Single(m => m.RcptTos![0] == "kadis@kampar.example.go.id").Text, StringComparison.Ordinal);
        var today = messages.Single(m => m.RcptTos![0] == "rina@kampar.example.go.id");
        Assert.Contains("jatuh tempo HARI INI", today.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_ToEveryLeader_ListsCountsAndOverdueTasks_WithDashboardLink()
    {
        await using var bed = await MailTestBed.CreateAsync();
        await using var smtp = await SmtpTestServer.StartNewAsync(Path.Combine(bed.Folder, "smtp"));
        await bed.AddLeaderAsync("kadis-kesehatan", "dr. Yusuf", "kadis@kampar.example.go.id");
        await bed.AddLeaderAsync("sekda", "H. Sekda", "sekda@kampar.example.go.id");
        await bed.AddOutboxAsync("digest", "digest:pimpinan:2023-03-27:all", new
        {
            date = "2023-03-27",
            type = "pimpinan",
            to = new[] { "leader:*" },
            opds = new[] { new { code = "DINKES", name = "Dinas Kesehatan", open = 4, overdue = 1 }, new { code = "DISDIK", name = "Dinas Pendidikan", open = 2, overdue = 0 } },
            tasks = new[] { new { taskId = "t-9", taskName = "Lengkapi dokumen T2.3", opd = "DINKES", businessKey = "KKS-2023", due = "2023-03-24T16:00:00+07:00", workingDaysOverdue = 1 } },
        });

        Assert.Equal(1, await bed.DrainAsync(bed.Dispatcher(bed.Sink(bed.Smtp(smtp.Port)))));

        var messages = smtp.Messages();
        Assert.Equal(2, messages.Count);
        var digest = messages.Single(m => m.RcptTos![0] == "sekda@kampar.example.go.id");
        Assert.Equal("[KKS] Ringkasan Senin, 27 Maret 2023: 6 tugas terbuka, 1 terlambat", digest.Subject);
        Assert.Contains("Dinas Kesehatan (DINKES): 4 / 1", digest.Text, StringComparison.Ordinal);
        Assert.Contains("Lengkapi dokumen T2.3 - DINKES, jatuh tempo Jumat, 24 Maret 2023, terlambat 1 hari kerja", digest.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"{MailTestBed.BaseUrl}/tugas/t-9\"", digest.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{MailTestBed.BaseUrl}/\"", digest.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AudienceOfNobody_IsLoggedAndSkipped_NotRetried()
    {
        await using var bed = await MailTestBed.CreateAsync();
        await using var smtp = await SmtpTestServer.StartNewAsync(Path.Combine(bed.Folder, "smtp"));
        await bed.AddOutboxAsync("deadline", "deadline:none:1", MailTestBed.Deadline("task-3", "Tugas", "TIDAKADA", "eskalasi", 1, Due, ["kepala-opd", "leader:sekda", "role:tidak-ada"]));

        Assert.Equal(1, await bed.DrainAsync(bed.Dispatcher(bed.Sink(bed.Smtp(smtp.Port)))));

        Assert.Empty(smtp.Messages());
        var row = Assert.Single(await bed.OutboxAsync());
        Assert.NotNull(row.DeliveredAt);
    }
}
