using System.Net;
using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Kks.Workflow.Web.Notifications.Calendar;
using Kks.Workflow.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Kks.Workflow.Web.Tests.Notifications.Deadlines.DeadlineKit;

namespace Kks.Workflow.Web.Tests.Notifications.Deadlines;

[Collection(WebTests.Name)]
public sealed class CalendarApiTests(WebFixture app)
{
    private IWorkingCalendar Calendar => app.Services.GetRequiredService<EngineOptions>().Calendar;

    [Fact]
    public async Task CalendarFile_IsLoaded_AndTheEngineKnowsNyepiAndItsCutiBersama()
    {
        using var leader = await app.UserAsync("pimpinan-kalender", "pimpinan");
        var days = await SendAsync(leader, HttpMethod.Get, "/api/admin/tenggat/libur?tahun=2023", null, HttpStatusCode.OK);

        var list = days.EnumerateArray().ToList();
        Assert.True(list.Count >= 27, $"2023 has 16 national holidays and 11 cuti bersama days in the file; got {list.Count}");
        var nyepi = list.Single(d => d.GetProperty("date").GetString() == "2023-03-22");
        Assert.Equal(("Rabu, 22 Maret 2023", "libur", "file"), (nyepi.GetProperty("dateText").GetString(), nyepi.GetProperty("kind").GetString(), nyepi.GetProperty("source").GetString()));
        Assert.Equal("cuti-bersama", list.Single(d => d.GetProperty("date").GetString() == "2023-03-23").GetProperty("kind").GetString());

        Assert.IsType<HolidayCalendar>(Calendar);
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2023, 3, 22)));
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2023, 3, 23)));
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2023, 3, 25))); // Saturday
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2023, 3, 24)));
    }

    [Fact]
    public async Task Admin_AddsAndRemovesADayOff_TheEngineFollowsAtOnce()
    {
        using var admin = app.Admin();
        var day = new DateOnly(2027, 3, 10); // 2027 is not in the file: the admin fills it in
        Assert.True(Calendar.IsWorkingDay(day));

        var saved = await SendAsync(admin, HttpMethod.Put, "/api/admin/tenggat/libur/2027-03-10", """{"name": "Isra Mikraj (uji)", "kind": "libur"}""", HttpStatusCode.OK);
        Assert.Equal(("Rabu, 10 Maret 2027", "admin"), (saved.GetProperty("dateText").GetString(), saved.GetProperty("source").GetString()));
        Assert.False(Calendar.IsWorkingDay(day));

        await SendAsync(admin, HttpMethod.Delete, "/api/admin/tenggat/libur/2027-03-10", null, HttpStatusCode.NoContent);
        Assert.True(Calendar.IsWorkingDay(day));
        var again = await SendAsync(admin, HttpMethod.Delete, "/api/admin/tenggat/libur/2027-03-10", null, HttpStatusCode.NotFound);
        Assert.Contains("bukan hari libur", again.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemovedFileDay_IsNotBroughtBackByTheNextImport()
    {
        using var admin = app.Admin();
        await SendAsync(admin, HttpMethod.Delete, "/api/admin/tenggat/libur/2026-12-24", null, HttpStatusCode.NoContent);
        using (var scope = app.Services.CreateScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<CalendarStore>();
            var context = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            Assert.Equal(0, await store.ImportFileAsync(context, default)); // what a restart does
            await store.LoadAsync(context, default);
        }

        Assert.True(Calendar.IsWorkingDay(new DateOnly(2026, 12, 24)));
        await SendAsync(admin, HttpMethod.Put, "/api/admin/tenggat/libur/2026-12-24", """{"name": "Cuti bersama Hari Raya Natal", "kind": "cuti-bersama"}""", HttpStatusCode.OK);
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2026, 12, 24)));
    }

    [Fact]
    public async Task OnlyTheAdminChanges_AndBadInputSaysWhatToWrite()
    {
        using var sekretariat = await app.UserAsync("sekretariat-kalender", "sekretariat");
        await SendAsync(sekretariat, HttpMethod.Put, "/api/admin/tenggat/libur/2027-01-01", """{"name": "x"}""", HttpStatusCode.Forbidden);
        using var opd = await app.UserAsync("opd-kalender", "opd", "DINKES");
        await SendAsync(opd, HttpMethod.Get, "/api/admin/tenggat/libur", null, HttpStatusCode.Forbidden);

        using var admin = app.Admin();
        var badDate = await SendAsync(admin, HttpMethod.Put, "/api/admin/tenggat/libur/10-03-2027", """{"name": "x"}""", HttpStatusCode.BadRequest);
        Assert.Equal("InvalidRequestException", badDate.GetProperty("type").GetString());
        Assert.Contains("2023-03-22", badDate.GetProperty("message").GetString(), StringComparison.Ordinal);
        var badKind = await SendAsync(admin, HttpMethod.Put, "/api/admin/tenggat/libur/2027-01-01", """{"name": "x", "kind": "mingguan"}""", HttpStatusCode.BadRequest);
        Assert.Contains("cuti-bersama", badKind.GetProperty("message").GetString(), StringComparison.Ordinal);
        await SendAsync(admin, HttpMethod.Get, "/api/admin/tenggat/libur?tahun=dua", null, HttpStatusCode.BadRequest);
    }
}
