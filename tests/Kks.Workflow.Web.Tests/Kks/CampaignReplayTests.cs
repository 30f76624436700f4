using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Dispatch;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Evidence;
using Kks.Workflow.Web.Instruments.Exchange;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kks.Workflow.Web.Tests.Instruments;

/// <summary>
/// Issue 8's "what must show": Kampar's 2023 campaign replayed on a fake clock through the shipped workflow, the
/// dispatchers firing the jobs and timers as the clock moves. The repository has no 2023 indicator list, so the
/// campaign runs on the kks-2025 stand-in instrument as the demo does (Instruments:DemoCampaignInstrument=kks-2025):
/// rakor 15 February; every taking-part OPD that owns indicators gets one task per indicator it owns; two OPDs are
/// late and escalated to their Kepala OPD (mail in the pickup folder); one indicator goes round the revision loop;
/// ODF 84% lets the gate pass and caps the projection at Padapa; the province's results arrive (a bad file first,
/// refused whole); the verification task opens on 2 May; the dashboard figures and the Excel export match the scores.
/// </summary>
[Collection(ReplayTests.Name)]
public sealed class CampaignReplayTests(ReplayFixture app, Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Campaign = "kampar-2023";
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);
    private static readonly string[] LateOpds = ["diskominfo", "ketapang"];
    private static readonly int[] Pattern = [100, 75, 75, 75, 50, 100, 75, 75];

    [Fact]
    public async Task Kampar2023_RakorToVerification_DashboardAndExcelMatchTheScoresEntered()
    {
        var runtime = app.Services.GetRequiredService<WorkflowRuntime>();
        using var admin = app.Admin();
        var assignments = JsonDocument.Parse(await admin.GetStringAsync($"/api/kampanye/{Campaign}/penugasan")).RootElement
            .EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(c => c.GetString()!).ToList());
        Assert.Equal(18, assignments.Count);

        // Wednesday 15 February 2023: the rakor, then the assignment step (a job the dispatcher runs).
        app.Clock.SetTo(At(2, 15, 9));
        var instanceId = (await runtime.StartAsync("kks-penilaian", new Dictionary<string, object?> { ["kampanye"] = Campaign }, Campaign, "sekretariat")).InstanceId;
        var rakor = Assert.Single(await OpenTasksAsync(instanceId));
        Assert.Equal("CatatRakor", rakor.NodeId);
        app.Clock.SetTo(At(2, 15, 12));
        await runtime.CompleteTaskAsync(rakor.Id, new Dictionary<string, object?>
        {
            ["tanggalRakor"] = At(2, 15, 9), ["jumlahOpdHadir"] = 18L, ["ringkasanRakor"] = "Rakor persiapan penilaian KKS dipimpin Sekda; 18 OPD hadir.",
        }, "sekretariat");
        var tasks = await WaitForAsync(async () => await OpenTasksAsync(instanceId) is { Count: > 0 } open ? open : null);

        // Every OPD gets exactly the indicators it owns, one task each, due Friday 24 March 16:00 WIB.
        var owning = assignments.Where(a => a.Value.Count > 0).ToList();
        Assert.Equal(assignments.Values.Sum(v => v.Count), tasks.Count);
        foreach (var (opd, codes) in assignments)
        {
            Assert.Equal(codes.Order(StringComparer.Ordinal), tasks.Where(t => t.Groups.Contains(opd)).Select(t => Code(t.Name)).Order(StringComparer.Ordinal));
        }

        Assert.All(tasks, t => Assert.Equal(At(3, 24, 16), t.DueAt));
        Assert.True(owning.Count >= 16, $"{owning.Count} OPDs own indicators");

        // Evidence on three tasks, uploaded before they are submitted.
        var uploads = new[] { ("dlh", "T2.3"), ("dinkes", assignments["dinkes"][0]), ("ketapang", assignments["ketapang"][0]) };
        foreach (var (opd, code) in uploads)
        {
            await UploadAsync(tasks.Single(t => t.Groups.Contains(opd) && Code(t.Name) == code).Id, $"opd.{opd}", $"Laporan {code} {opd}.pdf");
        }

        // Friday 10 March: the OPDs on time submit; the secretariat reviews, sending T2.3 of DLH back once.
        app.Clock.SetTo(At(3, 10, 10));
        var scores = new Dictionary<(string Opd, string Code), int>();
        foreach (var task in tasks.Where(t => !LateOpds.Any(t.Groups.Contains)))
        {
            await SubmitAsync(runtime, task, scores);
        }

        app.Clock.SetTo(At(3, 14, 10));
        await ReviewAllAsync(runtime, instanceId, revise: ("dlh", "T2.3"));
        var back = Assert.Single(await OpenTasksAsync(instanceId), t => t.NodeId == "LengkapiBukti" && t.Groups.Contains("dlh"));
        Assert.Equal("T2.3", Code(back.Name));
        var midway = await ReadinessAsync(admin);
        Assert.Equal("revisi", Indicator(midway, "T2.3").GetProperty("state").GetString());
        scores[("dlh", "T2.3")] = 0; // resubmitted below with a new score
        await SubmitAsync(runtime, back, scores, score: 100);
        await ReviewAllAsync(runtime, instanceId, revise: null);

        // Monday 27 March 16:05: the late OPDs' tasks went through the reminders and, one working day late, the Kepala OPD.
        app.Clock.SetTo(At(3, 27, 16, 5));
        var lateTasks = (await OpenTasksAsync(instanceId)).Where(t => t.NodeId == "LengkapiBukti").ToList();
        Assert.Equal(LateOpds, lateTasks.SelectMany(t => t.Groups).Distinct().Order(StringComparer.Ordinal));
        await RunDispatchersAsync();
        Assert.True(await EscalationsAsync(instanceId) >= lateTasks.Count, await DiagnoseAsync(instanceId));
        foreach (var opd in LateOpds)
        {
            Assert.True(MailTo($"kepala.{opd}@"), $"no mail to the Kepala OPD of {opd} in {Path.Combine(app.DataDirectory, "mail")}");
        }

        var late = await ReadinessAsync(admin);
        Assert.Equal(LateOpds, late.GetProperty("overdue").EnumerateArray().Select(o => o.GetProperty("opdCode").GetString()!).Distinct().Order(StringComparer.Ordinal));

        // Tuesday 28 March: the late OPDs submit, the secretariat approves; the evidence stage ends.
        app.Clock.SetTo(At(3, 28, 10));
        foreach (var task in lateTasks)
        {
            await SubmitAsync(runtime, task, scores);
        }

        await ReviewAllAsync(runtime, instanceId, revise: null);

        // ODF 84% (entered on the campaign and in the workflow's task): the gate passes, no mail to the Sekda.
        var odfTask = Assert.Single(await OpenTasksAsync(instanceId));
        Assert.Equal("CatatOdf", odfTask.NodeId);
        var odf = await admin.PostAsJsonAsync($"/api/kampanye/{Campaign}/odf", new { percent = 84, asOf = "2023-03-31", source = "Aplikasi STBM" });
        Assert.Equal(HttpStatusCode.OK, odf.StatusCode);
        await runtime.CompleteTaskAsync(odfTask.Id, new Dictionary<string, object?> { ["odfPersen"] = 84L, ["tanggalOdf"] = At(3, 31, 9), ["sumberOdf"] = "Aplikasi STBM" }, "sekretariat");
        foreach (var step in new[] { "PeriksaKelembagaan", "SusunPenilaianMandiri", "KirimKeProvinsi" })
        {
            var next = Assert.Single(await OpenTasksAsync(instanceId));
            Assert.Equal(step, next.NodeId);
            await runtime.CompleteTaskAsync(next.Id, step == "KirimKeProvinsi" ? new Dictionary<string, object?> { ["tanggalKirim"] = At(4, 3, 9) } : null, "sekretariat");
        }

        Assert.False(await HistoryHasAsync(instanceId, "EskalasiOdf"));

        // Wednesday 26 April: the province's results. A file with bad rows is refused whole and moves nothing.
        app.Clock.SetTo(At(4, 26, 10));
        var bad = await PostCsvAsync(admin, "Kode,Nilai Provinsi,Catatan Provinsi\nT1.1,80,\nT9.99,75,\nT1.2,75,\n");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problems = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("problems").EnumerateArray().ToList();
        Assert.Equal([2, 3], problems.Select(p => p.GetProperty("row").GetInt32()));
        Assert.Empty(await OpenTasksAsync(instanceId));

        var readiness = await ReadinessAsync(admin);
        var selfScores = readiness.GetProperty("indicators").EnumerateArray().ToDictionary(i => i.GetProperty("code").GetString()!, i => i.GetProperty("selfScore").GetInt32());
        var flagged = new[] { "T1.1", "T1.2" };
        var province = selfScores.ToDictionary(s => s.Key, s => flagged.Contains(s.Key) ? Math.Max(0, s.Value - 25) : s.Value);
        var csv = new StringBuilder("Kode,Nilai Provinsi,Catatan Provinsi\n");
        foreach (var (code, score) in province)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{code},{score},{(flagged.Contains(code) ? "\"Lampirkan data SITB dua tahun, divalidasi Kepala OPD\"" : "")}\n");
        }

        var good = await PostCsvAsync(admin, csv.ToString());
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var fixes = await OpenTasksAsync(instanceId);
        Assert.All(fixes, t => Assert.Equal("PerbaikiTemuan", t.NodeId));
        var flaggedOwners = flagged.SelectMany(c => assignments.Where(a => a.Value.Contains(c)).Select(a => a.Key)).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(flaggedOwners, fixes.SelectMany(t => t.Groups).Order(StringComparer.Ordinal));
        foreach (var fix in fixes)
        {
            await runtime.CompleteTaskAsync(fix.Id, null, "opd.dinkes");
        }

        // The verification task waits for Tuesday 2 May 08:00 WIB, then opens.
        app.Clock.SetTo(At(5, 2, 7, 59));
        await RunDispatchersAsync();
        Assert.Empty(await OpenTasksAsync(instanceId));
        app.Clock.SetTo(At(5, 2, 8, 0, 30));
        await RunDispatchersAsync();
        var verification = Assert.Single(await OpenTasksAsync(instanceId));
        Assert.Equal("Verifikasi", verification.NodeId);

        // The dashboard's figures are the scores entered: per indicator the lowest of its owners' self-scores.
        var expected = assignments.SelectMany(a => a.Value.Select(code => (Opd: a.Key, Code: code))).GroupBy(a => a.Code)
            .ToDictionary(g => g.Key, g => g.Min(a => scores[(a.Opd, a.Code)]), StringComparer.Ordinal);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var final = await ReadinessAsync(admin);
        output.WriteLine($"GET kesiapan (136 indicators, 155 OPD parts): {watch.ElapsedMilliseconds} ms");
        var figures = final.GetProperty("figures");
        Assert.Equal(expected.Count, figures.GetProperty("indicators").GetInt32());
        Assert.Equal(expected.Count, figures.GetProperty("approved").GetInt32());
        var expectedScore = expected.Values.Average();
        Assert.InRange(expectedScore, 71, 80.9);
        Assert.Equal(expectedScore, figures.GetProperty("scorePercent").GetDouble(), 6);
        Assert.Equal(province.Values.Average(), figures.GetProperty("provincePercent").GetDouble(), 6);
        Assert.Equal("Padapa", figures.GetProperty("award").GetProperty("level").GetString());
        Assert.Contains("ODF 84%: paling tinggi Padapa", figures.GetProperty("award").GetProperty("reason").GetProperty("indonesian").GetString(), StringComparison.Ordinal);
        foreach (var tatanan in figures.GetProperty("tatanan").EnumerateArray())
        {
            var number = tatanan.GetProperty("number").GetInt32();
            var mine = expected.Where(e => e.Key.StartsWith($"T{number}.", StringComparison.Ordinal)).Select(e => e.Value).ToList();
            Assert.Equal(mine.Average(), tatanan.GetProperty("scorePercent").GetDouble(), 6);
        }

        var weakest = figures.GetProperty("tatanan").EnumerateArray().Select(t => t.GetProperty("scorePercent").GetDouble()).ToList();
        Assert.Equal(weakest.Order(), weakest);
        Assert.Equal(1, Indicator(final, "T2.3").GetProperty("parts").EnumerateArray().Single(p => p.GetProperty("opd").GetString() == "dlh").GetProperty("revisions").GetInt32());

        watch.Restart();
        var html = await admin.GetStringAsync($"/dasbor?kampanye={Campaign}");
        output.WriteLine($"GET /dasbor: {html.Length} chars in {watch.ElapsedMilliseconds} ms");
        Assert.Contains(expectedScore.ToString("0.#", CultureInfo.InvariantCulture) + "%", html, StringComparison.Ordinal);
        Assert.Contains("ODF 84%: paling tinggi Padapa", html, StringComparison.Ordinal);

        // The Excel export carries the same numbers, row by row.
        watch.Restart();
        var xlsx = await admin.GetByteArrayAsync($"/api/kampanye/{Campaign}/ekspor/kesiapan.xlsx");
        output.WriteLine($"GET kesiapan.xlsx: {xlsx.Length} bytes in {watch.ElapsedMilliseconds} ms");
        using (var stream = new MemoryStream(xlsx))
        {
            var sheet = SheetTable.FromRows("Laporan Kesiapan", Xlsx.Read(stream)!.Single(s => s.Name == "Laporan Kesiapan").Rows);
            Assert.Equal(expected.Count, sheet.Rows.Count);
            foreach (var (_, cells) in sheet.Rows)
            {
                var code = sheet.Text(cells, "Kode")!;
                Assert.Equal(expected[code].ToString(CultureInfo.InvariantCulture), sheet.Text(cells, "Nilai Mandiri"));
                Assert.Equal(province[code].ToString(CultureInfo.InvariantCulture), sheet.Text(cells, "Nilai Provinsi"));
                Assert.Equal(flagged.Contains(code), sheet.Text(cells, "Catatan Provinsi") is not null);
            }
        }

        // The verification pack holds the approved evidence by tatanan and indicator, and the index sheet.
        watch.Restart();
        using var pack = new ZipArchive(new MemoryStream(await admin.GetByteArrayAsync($"/api/kampanye/{Campaign}/paket-verifikasi?progres=replay-1")), ZipArchiveMode.Read);
        output.WriteLine($"GET paket-verifikasi: {watch.ElapsedMilliseconds} ms");
        var progress = JsonDocument.Parse(await admin.GetStringAsync($"/api/kampanye/{Campaign}/paket-verifikasi/progres/replay-1")).RootElement;
        Assert.True(progress.GetProperty("done").GetBoolean());
        Assert.Equal(uploads.Length, progress.GetProperty("totalFiles").GetInt32());
        var names = pack.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("00-indeks.xlsx", names);
        foreach (var (opd, code) in uploads)
        {
            Assert.Single(names, n => n.Contains($"/{code} ", StringComparison.Ordinal) && n.EndsWith($"Laporan {code} {opd}.pdf", StringComparison.Ordinal));
        }
    }

    private static DateTimeOffset At(int month, int day, int hour, int minute = 0, int second = 0) => new(2023, month, day, hour, minute, second, Wib);

    private static string Code(string? name) => name!.Split(' ')[^1];

    private static int ScoreFor(string opd, string code) => Pattern[(opd.Sum(c => c) + code.Sum(c => c)) % Pattern.Length];

    private static async Task SubmitAsync(WorkflowRuntime runtime, OpenTask task, Dictionary<(string, string), int> scores, int? score = null)
    {
        var opd = task.Groups.Single();
        var code = Code(task.Name);
        var value = score ?? ScoreFor(opd, code);
        scores[(opd, code)] = value;
        await runtime.CompleteTaskAsync(task.Id, new Dictionary<string, object?>
        {
            ["nilaiMandiri"] = value.ToString(CultureInfo.InvariantCulture), ["keteranganBukti"] = $"Data {code} 2021-2022, divalidasi Kepala OPD",
        }, $"opd.{opd}");
    }

    private async Task ReviewAllAsync(WorkflowRuntime runtime, string instanceId, (string Opd, string Code)? revise)
    {
        var reviews = (await OpenTasksAsync(instanceId)).Where(t => t.NodeId == "PeriksaBukti").ToList();
        var opdOf = await ReviewOpdsAsync(instanceId);
        foreach (var review in reviews)
        {
            var sendBack = revise is { } r && Code(review.Name) == r.Code && opdOf[review.Id] == r.Opd;
            await runtime.CompleteTaskAsync(review.Id, new Dictionary<string, object?>
            {
                ["keputusan"] = sendBack ? "revisi" : "setuju",
                ["catatanReviu"] = sendBack ? "Lampirkan tangkapan layar SIPSN 2022." : null,
            }, "sekretariat");
        }
    }

    /// <summary>The OPD each open review task is about (its execution's <c>opd</c>, as the readiness reader sees it).</summary>
    private async Task<Dictionary<string, string>> ReviewOpdsAsync(string instanceId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var state = Kks.Workflow.Engine.InstanceStateJson.Deserialize(await db.ProcessInstances.Where(i => i.Id == instanceId).Select(i => i.StateJson).SingleAsync());
        return state.Tasks.ToDictionary(t => t.Id, t => Kks.Workflow.Web.Api.InstanceStates.Visible(state, t.ExecutionId).GetValueOrDefault("opd") as string ?? "");
    }

    private async Task UploadAsync(string taskId, string user, string fileName)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var task = await db.UserTasks.SingleAsync(t => t.Id == taskId);
        using var content = new MemoryStream(Encoding.ASCII.GetBytes($"%PDF-1.4\n% {fileName}\n%%EOF\n"));
        await scope.ServiceProvider.GetRequiredService<EvidenceStore>().SaveAsync(task, user, fileName, content, CancellationToken.None);
    }

    private async Task<List<OpenTask>> OpenTasksAsync(string instanceId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var rows = await db.UserTasks.AsNoTracking().Include(t => t.Candidates).Where(t => t.InstanceId == instanceId).ToListAsync();
        return rows.Select(t => new OpenTask(t.Id, t.NodeId, t.Name, t.DueAt,
            t.Candidates.Where(c => c.Kind == CandidateKind.Group && c.Value != "sekretariat").Select(c => c.Value).ToList())).ToList();
    }

    private async Task<int> EscalationsAsync(string instanceId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var rows = await db.Outbox.AsNoTracking().Where(o => o.InstanceId == instanceId && o.Kind == "deadline").Select(o => o.PayloadJson).ToListAsync();
        return rows.Count(p => JsonDocument.Parse(p).RootElement.GetProperty("step").GetString() == "eskalasi");
    }

    /// <summary>
    /// Runs the timer and outbox dispatchers on the fake clock until nothing is due (as the notification tests do: the
    /// host's own Quartz triggers poll on real time, so a test that jumps weeks ahead drives them itself).
    /// </summary>
    private async Task RunDispatchersAsync()
    {
        var options = app.Services.GetRequiredService<DbContextOptions<WorkflowDbContext>>();
        var timers = new TimerDispatcher(options, app.Services.GetRequiredService<WorkflowRuntime>(), app.Clock, "replay");
        var outbox = new OutboxDispatcher(options, app.Services.GetRequiredService<IOutboxSink>(), app.Clock, "replay");
        while (await timers.RunOnceAsync() > 0 || await outbox.RunOnceAsync() > 0)
        {
        }
    }

    private async Task<string> DiagnoseAsync(string instanceId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var timers = await db.Timers.AsNoTracking().Where(t => t.InstanceId == instanceId).ToListAsync();
        var outbox = await db.Outbox.AsNoTracking().Where(o => o.InstanceId == instanceId).Select(o => o.Kind + " " + o.IdempotencyKey).ToListAsync();
        var incidents = await db.Incidents.AsNoTracking().Where(o => o.InstanceId == instanceId).CountAsync();
        return $"now {app.Clock.GetUtcNow():O}; {timers.Count} timers: "
            + string.Join("; ", timers.OrderBy(t => t.DueAt).Take(12).Select(t => System.Text.Json.JsonSerializer.Serialize(t)))
            + $"; outbox {outbox.Count}: " + string.Join("; ", outbox.Take(10)) + $"; incidents {incidents}";
    }

    private async Task<bool> HistoryHasAsync(string instanceId, string nodeId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().History.AnyAsync(h => h.InstanceId == instanceId && h.NodeId == nodeId);
    }

    private bool MailTo(string address)
    {
        var folder = Path.Combine(app.DataDirectory, "mail");
        return Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*.eml").Any(f => File.ReadAllText(f).Contains(address, StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<JsonElement> ReadinessAsync(HttpClient client) =>
        JsonDocument.Parse(await client.GetStringAsync($"/api/kampanye/{Campaign}/kesiapan")).RootElement.Clone();

    private static JsonElement Indicator(JsonElement readiness, string code) =>
        readiness.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == code);

    private static async Task<HttpResponseMessage> PostCsvAsync(HttpClient client, string csv)
    {
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        return await client.PostAsync($"/api/kampanye/{Campaign}/hasil-provinsi", content);
    }

    /// <summary>Waits (bounded) for a dispatcher's commit: polls until the probe answers something.</summary>
    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, int seconds = 30)
    {
        for (var waited = 0; waited < seconds * 10; waited++)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Nothing after {seconds} s.");
    }

    private sealed record OpenTask(string Id, string NodeId, string? Name, DateTimeOffset? DueAt, List<string> Groups);
}
