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
    private static string Review(string key) => TestBpmn.Process(key, Body, "Penilaian indikator KKS").Replace("</bpmn:definitions>", Diagram(key), StringComparison.Ordinal);

    /// <summary>The layout (BPMN DI) the viewer draws: a row left to right, the return flow looping under it.</summary>
    private static string Diagram(string key) => $"""
        <bpmndi:BPMNDiagram xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="di_{key}">
          <bpmndi:BPMNPlane id="plane_{key}" bpmnElement="{key}">
            <bpmndi:BPMNShape id="s_mulai" bpmnElement="mulai"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="s_isi" bpmnElement="isi"><dc:Bounds x="190" y="78" width="100" height="80" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="s_periksa" bpmnElement="periksa"><dc:Bounds x="350" y="78" width="100" height="80" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="s_hasil" bpmnElement="hasil" isMarkerVisible="true"><dc:Bounds x="505" y="93" width="50" height="50" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="s_selesai" bpmnElement="selesai"><dc:Bounds x="612" y="100" width="36" height="36" /></bpmndi:BPMNShape>
            <bpmndi:BPMNEdge id="e_f1" bpmnElement="f1"><di:waypoint x="136" y="118" /><di:waypoint x="190" y="118" /></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="e_f2" bpmnElement="f2"><di:waypoint x="290" y="118" /><di:waypoint x="350" y="118" /></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="e_f3" bpmnElement="f3"><di:waypoint x="450" y="118" /><di:waypoint x="505" y="118" /></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="e_kembali" bpmnElement="kembali"><di:waypoint x="530" y="143" /><di:waypoint x="530" y="220" /><di:waypoint x="240" y="220" /><di:waypoint x="240" y="158" /></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="e_ke_selesai" bpmnElement="ke_selesai"><di:waypoint x="555" y="118" /><di:waypoint x="612" y="118" /></bpmndi:BPMNEdge>
          </bpmndi:BPMNPlane>
        </bpmndi:BPMNDiagram></bpmn:definitions>
        """;

    private const string Body = """
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
        """;

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
        await focal.WaitForURLAsync("**kelompok=terlambat**", new() { WaitUntil = WaitUntilState.Commit });
        var lateRow = focal.GetByTestId("task-row").Filter(new() { HasText = "KKS-2023-T2.3-" + key[^4..] });
        await lateRow.WaitForAsync(); // IsVisibleAsync below does not wait
        Assert.True(await lateRow.GetByTestId("late-marker").IsVisibleAsync());
        Assert.Contains("terlambat 2 hari", await lateRow.InnerTextAsync(), StringComparison.Ordinal);
        await Screenshots.SaveAsync(focal, "inbox-1280");
        await focal.SetViewportSizeAsync(360, 780);
        await Screenshots.SaveAsync(focal, "inbox-360");
        await focal.SetViewportSizeAsync(1280, 900);

        // 2. Opens it, claims, fills the form, uploads a PDF and sends it.
        await lateRow.GetByRole(AriaRole.Link).First.ClickAsync();
        // The navigation committed is enough: the next line waits for the page's own element (the load event was missed
        // in CI, with the page already there: a 15 s timeout on WaitForLoadState; see BrowserFixture.SignInAsync).
        await focal.WaitForURLAsync("**/tugas/**", new() { WaitUntil = WaitUntilState.Commit });
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
        await focal.WaitForURLAsync("**/tugas/**", new() { WaitUntil = WaitUntilState.Commit });
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

        // 6. The secretariat sees the finished instance drawn by the designer's bpmn-js viewer bundle.
        await secretariat.GotoAsync($"/proses/{instance}");
        await secretariat.Locator("#diagram[data-kks-rendered='true']").WaitForAsync();
        Assert.True(await secretariat.Locator("#diagram .djs-element.kks-completed").CountAsync() > 0);
        await Screenshots.SaveAsync(secretariat, "process-1280");
        await focal.Context.CloseAsync();
        await secretariat.Context.CloseAsync();
    }

    private static async Task ReviewAsync(IPage page, string key, string decision, string note)
    {
        await page.GotoAsync("/kotak-masuk?kelompok=semua&cari=" + Uri.EscapeDataString("KKS-2023-T2.3-" + key[^4..]));
        await page.GetByTestId("task-row").Filter(new() { HasText = "Periksa bukti T2.3" }).GetByRole(AriaRole.Link).First.ClickAsync();
        await page.WaitForURLAsync("**/tugas/**", new() { WaitUntil = WaitUntilState.Commit });
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
