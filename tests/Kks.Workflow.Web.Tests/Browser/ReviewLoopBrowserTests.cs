using System.Text;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kks.Workflow.Web.Tests.Browser;

/// <summary>
/// The scenario in a real browser: a focal point signs in, finds an overdue task, opens it, fills the form,
/// uploads a PDF and sends it; the secretariat sends it back with a note; the focal point sees the note, fixes and
/// resends; the secretariat approves. Screenshots of the inbox and the task page at 1280 and 360 px are written under
/// the test output (screenshots/).
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class ReviewLoopBrowserTests(BrowserFixture browser)
{
    private const string Opd = "DLH";
    private const string Focal = "opd.dlh";
    private const string Secretariat = "sekretariat.dinkes";

    /// <summary>OPD task → secretariat review (a formData decision) → back to the OPD task, or the end.</summary>
    private static string Review(string key) => TestBpmn.Process(key, """
        <bpmn:startEvent id="mulai" />
        <bpmn:userTask id="isi" name="Lengkapi dokumen T2.3" camunda:candidateGroups="${opd}" camunda:dueDate="${tenggat}">
          <bpmn:documentation>Unggah SK Pokja dan notulen rapat terakhir, lalu nilai sendiri indikator ini.</bpmn:documentation>
          <bpmn:extensionElements>
            <camunda:formData>
              <camunda:formField id="skor" label="Skor penilaian mandiri (0-100)" type="long">
                <camunda:validation><camunda:constraint name="required" /><camunda:constraint name="min" config="0" /><camunda:constraint name="max" config="100" /></camunda:validation>
              </camunda:formField>
              <camunda:formField id="ringkasan" label="Ringkasan bukti" type="string">
                <camunda:validation><camunda:constraint name="required" /></camunda:validation>
              </camunda:formField>
            </camunda:formData>
          </bpmn:extensionElements>
        </bpmn:userTask>
        <bpmn:userTask id="periksa" name="Periksa bukti T2.3" camunda:candidateGroups="sekretariat">
          <bpmn:extensionElements>
            <camunda:formData>
              <camunda:formField id="keputusan" label="Keputusan" type="enum">
                <camunda:value id="setuju" name="Setujui" />
                <camunda:value id="kembalikan" name="Kembalikan dengan catatan" />
                <camunda:validation><camunda:constraint name="required" /></camunda:validation>
              </camunda:formField>
            </camunda:formData>
          </bpmn:extensionElements>
        </bpmn:userTask>
        <bpmn:exclusiveGateway id="hasil" default="ke_selesai" />
        <bpmn:endEvent id="selesai" />
        <bpmn:sequenceFlow id="f1" sourceRef="mulai" targetRef="isi" />
        <bpmn:sequenceFlow id="f2" sourceRef="isi" targetRef="periksa" />
        <bpmn:sequenceFlow id="f3" sourceRef="periksa" targetRef="hasil" />
        <bpmn:sequenceFlow id="kembali" sourceRef="hasil" targetRef="isi"><bpmn:conditionExpression>${keputusan == 'kembalikan'}</bpmn:conditionExpression></bpmn:sequenceFlow>
        <bpmn:sequenceFlow id="ke_selesai" sourceRef="hasil" targetRef="selesai" />
        """, "Penilaian indikator KKS");

    [Fact]
    public async Task FocalPointSends_SecretariatReturns_FocalPointFixes_SecretariatApproves()
    {
        var services = browser.Services;
        var key = "kks_tinjau_" + Guid.NewGuid().ToString("N")[..8];
        await services.GetRequiredService<DeploymentService>().DeployAsync(Review(key), key);
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            if (!await db.Opds.AnyAsync(o => o.Code == Opd))
            {
                db.Opds.Add(new OpdRecord { Code = Opd, Name = "Dinas Lingkungan Hidup" });
                await db.SaveChangesAsync();
            }
        }

        await browser.EnsureUserAsync(Focal, "opd", Opd, "Rina Lestari");
        await browser.EnsureUserAsync(Secretariat, "sekretariat", null, "Budi Santoso");
        var now = browser.Clock.GetUtcNow();
        var runtime = services.GetRequiredService<WorkflowRuntime>();
        var instance = (await runtime.StartAsync(key, new Dictionary<string, object?>
        {
            ["opd"] = Opd,
            ["tenggat"] = now.AddDays(-2),
            ["indikatorKode"] = "T2.3",
            ["indikatorNama"] = "Forum/Pokja KKS kecamatan aktif",
            ["indikatorDefinisi"] = "Pokja KKS di tingkat kecamatan dibentuk dengan SK camat dan bertemu paling sedikit sekali per triwulan.",
            ["indikatorBukti"] = "SK Pokja, notulen dan daftar hadir rapat terakhir.",
            ["indikatorSkala"] = "0: belum ada SK\n50: SK ada, belum rapat\n100: SK ada dan rapat rutin",
        }, "KKS-2023-T2.3-" + key[^4..])).InstanceId;
        // Other tasks in the OPD's inbox, so the overdue one has to be found.
        for (var i = 1; i <= 3; i++)
        {
            await runtime.StartAsync(key, new Dictionary<string, object?> { ["opd"] = Opd, ["tenggat"] = now.AddDays(i * 4) }, $"KKS-2023-T{i}.1-{key[^4..]}");
        }

        // 1. The focal point signs in and finds the overdue task.
        var focal = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(focal, Focal);
        await focal.GetByTestId("group-terlambat").ClickAsync();
        await focal.WaitForURLAsync("**kelompok=terlambat**");
        var lateRow = focal.GetByTestId("task-row").Filter(new() { HasText = "KKS-2023-T2.3-" + key[^4..] });
        Assert.True(await lateRow.GetByTestId("late-marker").IsVisibleAsync());
        Assert.Contains("terlambat 2 hari", await lateRow.InnerTextAsync(), StringComparison.Ordinal);
        await Screenshots.SaveAsync(focal, "inbox-1280");
        await focal.SetViewportSizeAsync(360, 780);
        await Screenshots.SaveAsync(focal, "inbox-360");
        await focal.SetViewportSizeAsync(1280, 900);

        // 2. Opens it, claims, fills the form, uploads a PDF and sends it.
        await lateRow.GetByRole(AriaRole.Link).First.ClickAsync();
        await focal.WaitForURLAsync("**/tugas/**");
        Assert.Contains("T2.3", await focal.GetByTestId("indicator").InnerTextAsync(), StringComparison.Ordinal);
        await focal.GetByRole(AriaRole.Button, new() { Name = "Klaim", Exact = true }).ClickAsync();
        await focal.GetByTestId("notice").WaitForAsync();
        await focal.GetByLabel("Skor penilaian mandiri (0-100)").FillAsync("75");
        await focal.GetByLabel("Ringkasan bukti").FillAsync("SK Pokja terlampir.");
        await focal.GetByRole(AriaRole.Button, new() { Name = "Simpan draf" }).ClickAsync();
        await focal.GetByTestId("notice").WaitForAsync();
        await focal.Locator("#berkas").SetInputFilesAsync(new FilePayload { Name = "sk-pokja.pdf", MimeType = "application/pdf", Buffer = PdfBytes("versi 1") });
        await focal.GetByRole(AriaRole.Button, new() { Name = "Unggah" }).ClickAsync();
        await focal.GetByTestId("evidence-list").WaitForAsync();
        Assert.Contains("sk-pokja.pdf", await focal.GetByTestId("evidence-list").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("75", await focal.GetByLabel("Skor penilaian mandiri (0-100)").InputValueAsync()); // the draft came back
        await Screenshots.SaveAsync(focal, "task-1280");
        await focal.SetViewportSizeAsync(360, 780);
        await Screenshots.SaveAsync(focal, "task-360");
        await focal.SetViewportSizeAsync(1280, 900);
        await focal.GetByRole(AriaRole.Button, new() { Name = "Kirim", Exact = true }).ClickAsync();
        Assert.Contains("Terkirim", await focal.GetByTestId("notice").InnerTextAsync(), StringComparison.Ordinal);

        // 3. The secretariat sends it back with a note.
        var secretariat = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(secretariat, Secretariat);
        await ReviewAsync(secretariat, key, "kembalikan", "SK belum ditandatangani camat. Unggah SK yang sudah ditandatangani.");

        // 4. The focal point sees the note on the returned task, fixes the file and resends.
        await focal.GotoAsync("/kotak-masuk?kelompok=opd");
        await focal.GetByTestId("task-row").Filter(new() { HasText = "KKS-2023-T2.3-" + key[^4..] }).GetByRole(AriaRole.Link).First.ClickAsync();
        await focal.WaitForURLAsync("**/tugas/**");
        Assert.Contains("SK belum ditandatangani camat", await focal.GetByTestId("comments").InnerTextAsync(), StringComparison.Ordinal);
        await focal.GetByLabel("Skor penilaian mandiri (0-100)").FillAsync("100");
        await focal.GetByLabel("Ringkasan bukti").FillAsync("SK bertanda tangan terlampir.");
        await focal.Locator("#berkas").SetInputFilesAsync(new FilePayload { Name = "sk-pokja.pdf", MimeType = "application/pdf", Buffer = PdfBytes("versi 2, ditandatangani") });
        await focal.GetByRole(AriaRole.Button, new() { Name = "Unggah" }).ClickAsync();
        await focal.GetByTestId("notice").WaitForAsync();
        Assert.Contains("versi 2", await focal.GetByTestId("evidence-list").InnerTextAsync(), StringComparison.Ordinal);
        // The upload reloaded the page: the values typed before it are gone unless saved, so type them again.
        await focal.GetByLabel("Skor penilaian mandiri (0-100)").FillAsync("100");
        await focal.GetByLabel("Ringkasan bukti").FillAsync("SK bertanda tangan terlampir.");
        await focal.GetByRole(AriaRole.Button, new() { Name = "Kirim", Exact = true }).ClickAsync();
        Assert.Contains("Terkirim", await focal.GetByTestId("notice").InnerTextAsync(), StringComparison.Ordinal);

        // 5. The secretariat approves: the instance ends with the focal point's final score.
        await ReviewAsync(secretariat, key, "setuju", "Sudah lengkap.");
        using var check = services.CreateScope();
        var record = await check.ServiceProvider.GetRequiredService<WorkflowDbContext>().ProcessInstances.AsNoTracking().SingleAsync(i => i.Id == instance);
        Assert.NotNull(record.EndedAt);
        var state = Engine.InstanceStateJson.Deserialize(record.StateJson);
        Assert.Equal(100L, state.Root.Variables!["skor"]);
        await focal.Context.CloseAsync();
        await secretariat.Context.CloseAsync();
    }

    private static async Task ReviewAsync(IPage page, string key, string decision, string note)
    {
        await page.GotoAsync("/kotak-masuk?kelompok=semua&cari=" + Uri.EscapeDataString("KKS-2023-T2.3-" + key[^4..]));
        await page.GetByTestId("task-row").Filter(new() { HasText = "Periksa bukti T2.3" }).GetByRole(AriaRole.Link).First.ClickAsync();
        await page.WaitForURLAsync("**/tugas/**");
        Assert.Contains("sk-pokja.pdf", await page.GetByTestId("evidence-list").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByLabel("Tulis komentar").FillAsync(note);
        await page.GetByRole(AriaRole.Button, new() { Name = "Kirim komentar" }).ClickAsync();
        await page.GetByTestId("notice").WaitForAsync();
        await page.GetByLabel("Keputusan").SelectOptionAsync(decision);
        await page.GetByRole(AriaRole.Button, new() { Name = "Kirim", Exact = true }).ClickAsync();
        Assert.Contains("Terkirim", await page.GetByTestId("notice").InnerTextAsync(), StringComparison.Ordinal);
    }

    private static byte[] PdfBytes(string text) => Encoding.ASCII.GetBytes($"%PDF-1.4\n% {text}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
}
