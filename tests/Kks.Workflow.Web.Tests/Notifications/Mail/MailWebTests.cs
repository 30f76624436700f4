using System.Net;
using System.Text;
using System.Text.Json;
using Kks.Workflow.Persistence;
using Kks.Workflow.Web.Notifications.Mail;
using Kks.Workflow.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Kks.Workflow.Web.Tests.Api.Deployments.DeployKit;

namespace Kks.Workflow.Web.Tests.Notifications.Mail;

/// <summary>
/// Mail through the real app (pickup-folder delivery, the default): a model's ${mail} task, the admin directory API
/// with its CSV import, and dead letters listed and re-sent by an admin.
/// </summary>
[Collection(WebTests.Name)]
public sealed class MailWebTests(WebFixture app)
{
    private string PickupFolder => Path.Combine(app.DataDirectory, "mail");

    private DbContextOptions<WorkflowDbContext> Db => app.Services.GetRequiredService<DbContextOptions<WorkflowDbContext>>();

    [Fact]
    public async Task MailTask_InModel_WritesOutboxRowWithCompletion_AndDeliversToPickupFolder()
    {
        using var admin = app.Admin();
        await JsonAsync(await admin.PutAsync("/api/admin/opds/MAILM", Json(new { name = "Dinas Uji Surel", headName = "Ibu Kepala", headEmail = "kepala.mailm@kampar.example.go.id" })), HttpStatusCode.NoContent);
        var bpmn = TestBpmn.Process("mail-model", """
            <bpmn:startEvent id="s"/>
            <bpmn:sendTask id="kirim" name="Beri tahu Kepala OPD" camunda:delegateExpression="${mail}">
              <bpmn:extensionElements><camunda:inputOutput>
                <camunda:inputParameter name="to">kepala-opd:${opd}, address:sekretariat@kampar.example.go.id</camunda:inputParameter>
                <camunda:inputParameter name="template">pemberitahuan</camunda:inputParameter>
                <camunda:inputParameter name="judul">Rakor KKS ${tanggal}</camunda:inputParameter>
                <camunda:inputParameter name="pesan">Mohon hadir pada rapat koordinasi &lt;KKS&gt;.</camunda:inputParameter>
              </camunda:inputOutput></bpmn:extensionElements>
            </bpmn:sendTask>
            <bpmn:endEvent id="e"/>
            """ + TestBpmn.Flows("s", "kirim", "e"));
        await DeployAsync(admin, "mail-model", ("mail-model.bpmn", bpmn));
        var started = await PostJsonAsync(admin, "/engine-rest/process-definition/key/mail-model/start",
            """{"businessKey":"MAIL-1","variables":{"opd":{"value":"MAILM","type":"String"},"tanggal":{"value":"13 Maret","type":"String"}}}""");
        var instanceId = started.GetProperty("id").GetString()!;

        var row = await WaitAsync(async () =>
        {
            await using var context = new WorkflowDbContext(Db);
            return await context.Outbox.AsNoTracking().SingleOrDefaultAsync(o => o.InstanceId == instanceId && o.Kind == "mail" && o.DeliveredAt != null);
        });
        Assert.StartsWith("mail:", row.IdempotencyKey, StringComparison.Ordinal);
        using (var payload = JsonDocument.Parse(row.PayloadJson))
        {
            Assert.Equal("pemberitahuan", payload.RootElement.GetProperty("template").GetString());
            Assert.Equal(["kepala-opd:MAILM", "address:sekretariat@kampar.example.go.id"],
                payload.RootElement.GetProperty("to").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal("MAIL-1", payload.RootElement.GetProperty("businessKey").GetString());
        }

        var fromAddress = app.Services.GetRequiredService<MailOptions>().FromAddress;
        var files = new[] { "kepala.mailm@kampar.example.go.id", "sekretariat@kampar.example.go.id" }
            .Select(a => Path.Combine(PickupFolder, MailMessages.FileName(MailMessages.MessageId(row.IdempotencyKey, a, fromAddress)))).ToList();
        Assert.All(files, f => Assert.True(File.Exists(f), f));
        var mails = await SmtpTestServer.ParseFilesAsync(files);
        var head = mails[0];
        Assert.Equal("[KKS] Rakor KKS 13 Maret", head.Subject);
        Assert.Contains("kepala.mailm@kampar.example.go.id", head.To, StringComparison.Ordinal);
        Assert.Contains("Yth. Ibu Kepala", head.Text, StringComparison.Ordinal);
        Assert.Contains("Mohon hadir pada rapat koordinasi <KKS>.", head.Text, StringComparison.Ordinal);
        Assert.Contains("rapat koordinasi &lt;KKS&gt;.", head.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"http://localhost:5080/\"", head.Html, StringComparison.Ordinal);
        Assert.Equal(MailMessages.MessageId(row.IdempotencyKey, "kepala.mailm@kampar.example.go.id", fromAddress), head.MessageId);
        Assert.Contains("Yth. Bapak/Ibu", mails[1].Text, StringComparison.Ordinal);

        var instance = await GetJsonAsync(admin, $"/engine-rest/history/process-instance/{instanceId}");
        Assert.Equal("COMPLETED", instance.GetProperty("state").GetString());
    }

    [Fact]
    public async Task OpdImport_AnyBadRow_ImportsNothingAndNamesEveryBadRow_ThenGoodFileImports()
    {
        using var admin = app.Admin();
        var bad = "kode;nama;nama_kepala;email_kepala\nIMPA;Dinas A;Pak A;a@kampar.example.go.id\nIMPB;;Pak B;b@kampar.example.go.id\nIMP C;Dinas C;;bukan-email\nIMPA;Dinas A lagi;;\n";
        var refused = await JsonAsync(await admin.PostAsync("/api/admin/opds/import", Csv(bad)), HttpStatusCode.BadRequest);
        var errors = refused.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("reason").GetString()!)).ToList();
        Assert.Equal([3, 4, 4, 5], errors.Select(e => e.Item1));
        Assert.Contains("nama OPD kosong", errors[0].Item2, StringComparison.Ordinal);
        Assert.Contains("kode OPD 'IMP C' tidak sah", errors[1].Item2, StringComparison.Ordinal);
        Assert.Contains("bukan alamat surel", errors[2].Item2, StringComparison.Ordinal);
        Assert.Contains("sudah ada di baris 2", errors[3].Item2, StringComparison.Ordinal);
        Assert.Contains("Tidak ada yang diimpor", refused.GetProperty("message").GetString(), StringComparison.Ordinal);
        var listed = await GetJsonAsync(admin, "/api/admin/opds");
        Assert.DoesNotContain(listed.EnumerateArray(), o => o.GetProperty("code").GetString()!.StartsWith("IMP", StringComparison.Ordinal));

        var good = "code,name,head_name,head_email\nIMPA,Dinas A,Pak A,a@kampar.example.go.id\n\"IMPB\",\"Dinas B, Bagian \"\"Umum\"\"\",Pak B,\n";
        var imported = await JsonAsync(await admin.PostAsync("/api/admin/opds/import", Csv(good)), HttpStatusCode.OK);
        Assert.Equal(2, imported.GetProperty("created").GetInt32());
        await app.UserAsync("fp.impa", "opd", "IMPA");
        listed = await GetJsonAsync(admin, "/api/admin/opds");
        var b = listed.EnumerateArray().Single(o => o.GetProperty("code").GetString() == "IMPB");
        Assert.Equal("Dinas B, Bagian \"Umum\"", b.GetProperty("name").GetString());
        var a = listed.EnumerateArray().Single(o => o.GetProperty("code").GetString() == "IMPA");
        Assert.Equal(["fp.impa"], a.GetProperty("focalPoints").EnumerateArray().Select(f => f.GetProperty("userName").GetString()));
    }

    [Fact]
    public async Task Leaders_ImportPutDelete_AndOnlyAdminsManageTheDirectory()
    {
        using var admin = app.Admin();
        await app.UserAsync("pimpinan.kadis", "pimpinan");
        var bad = "peran,nama,jabatan,email,pengguna\nkadis-kesehatan,dr. Yusuf,Kepala Dinas Kesehatan,,tidak.ada\nSekda!,H. Sekda,Sekretaris Daerah,sekda@kampar.example.go.id,\n";
        var refused = await JsonAsync(await admin.PostAsync("/api/admin/leaders/import", Csv(bad)), HttpStatusCode.BadRequest);
        Assert.Equal([2, 3], refused.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("row").GetInt32()));

        var good = "peran,nama,jabatan,email,pengguna\nkadis-kesehatan,dr. Yusuf,Kepala Dinas Kesehatan,,pimpinan.kadis\nsekda,H. Sekda,Sekretaris Daerah,sekda@kampar.example.go.id,\n";
        await JsonAsync(await admin.PostAsync("/api/admin/leaders/import", Csv(good)), HttpStatusCode.OK);
        await JsonAsync(await admin.PutAsync("/api/admin/leaders/kepala-bappeda", Json(new { name = "Ir. Bappeda", email = "bappeda@kampar.example.go.id" })), HttpStatusCode.NoContent);
        var leaders = await GetJsonAsync(admin, "/api/admin/leaders");
        Assert.Contains(leaders.EnumerateArray(), l => l.GetProperty("role").GetString() == "kepala-bappeda");
        Assert.Equal("pimpinan.kadis", leaders.EnumerateArray().Single(l => l.GetProperty("role").GetString() == "kadis-kesehatan").GetProperty("userName").GetString());
        await JsonAsync(await admin.DeleteAsync("/api/admin/leaders/kepala-bappeda"), HttpStatusCode.NoContent);
        await JsonAsync(await admin.DeleteAsync("/api/admin/leaders/kepala-bappeda"), HttpStatusCode.NotFound);
        await JsonAsync(await admin.PutAsync("/api/admin/leaders/sekda", Json(new { name = "H. Sekda" })), HttpStatusCode.BadRequest);

        using var secretariat = await app.UserAsync("sek.mail", "sekretariat");
        using var focal = await app.UserAsync("fp.mail", "opd", "DINKES");
        foreach (var client in new[] { secretariat, focal })
        {
            await JsonAsync(await client.GetAsync("/api/admin/leaders"), HttpStatusCode.Forbidden);
            await JsonAsync(await client.PostAsync("/api/admin/opds/import", Csv(good)), HttpStatusCode.Forbidden);
            await JsonAsync(await client.GetAsync("/api/admin/outbox/dead"), HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task DeadLetter_ListedForAdmin_ResendDeliversItWithTheSameMessageId()
    {
        var key = "mail:dead-letter-test:" + Guid.NewGuid().ToString("N");
        var now = app.Clock.GetUtcNow();
        var row = MailTestBed.Row("mail", key, new { template = "pemberitahuan", to = new[] { "kembali@kampar.example.go.id" }, variables = new { judul = "Kirim ulang", pesan = "Halo" } }, now);
        row.Attempts = 5;
        row.DeadAt = now;
        row.LastError = "SMTP server 127.0.0.1:25 unreachable";
        await using (var context = new WorkflowDbContext(Db))
        {
            context.Outbox.Add(row);
            await context.SaveChangesAsync();
        }

        using var admin = app.Admin();
        var dead = await GetJsonAsync(admin, "/api/admin/outbox/dead");
        var listed = dead.EnumerateArray().Single(d => d.GetProperty("id").GetString() == row.Id);
        Assert.Equal("SMTP server 127.0.0.1:25 unreachable", listed.GetProperty("lastError").GetString());
        Assert.Equal("pemberitahuan", listed.GetProperty("template").GetString());
        Assert.Equal(5, listed.GetProperty("attempts").GetInt32());
        Assert.True((await GetJsonAsync(admin, "/api/admin/outbox/dead/count")).GetProperty("count").GetInt32() >= 1);

        await JsonAsync(await admin.PostAsync($"/api/admin/outbox/{row.Id}/resend", null), HttpStatusCode.NoContent);
        var delivered = await WaitAsync(async () =>
        {
            await using var context = new WorkflowDbContext(Db);
            return await context.Outbox.AsNoTracking().SingleOrDefaultAsync(o => o.Id == row.Id && o.DeliveredAt != null);
        });
        Assert.Null(delivered.DeadAt);
        var file = Path.Combine(PickupFolder, MailMessages.FileName(MailMessages.MessageId(key, "kembali@kampar.example.go.id", app.Services.GetRequiredService<MailOptions>().FromAddress)));
        var mail = Assert.Single(await SmtpTestServer.ParseFilesAsync([file]));
        Assert.Equal("[KKS] Kirim ulang", mail.Subject);
        await JsonAsync(await admin.PostAsync($"/api/admin/outbox/{row.Id}/resend", null), HttpStatusCode.NotFound);
        Assert.DoesNotContain((await GetJsonAsync(admin, "/api/admin/outbox/dead")).EnumerateArray(), d => d.GetProperty("id").GetString() == row.Id);
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    /// <summary>Waits for the app's dispatchers (woken by the commit) to get something done; bounded, never a fixed sleep.</summary>
    private static async Task<T> WaitAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        for (var i = 0; i < 300; i++)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The dispatchers did not get it done within 30 s.");
    }
}
