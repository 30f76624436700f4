using System.Globalization;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Api;
using Kks.Workflow.Web.Api.Access;

namespace Kks.Workflow.Web.Notifications.Calendar;

/// <summary>A day off as the admin API shows it; the date also in words ("Rabu, 22 Maret 2023").</summary>
public sealed record HolidayDto(string Date, string DateText, string Name, string Kind, string Source);

/// <summary>
/// <c>/api/admin/tenggat/libur</c>: the working-day calendar. Leaders and the secretariat read it; only the admin
/// changes it (PUT adds or renames a day off, DELETE makes it a working day again).
/// </summary>
internal static class CalendarEndpoints
{
    private static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID");

    public static RouteGroupBuilder MapHolidays(this RouteGroupBuilder group)
    {
        group.MapGet("/libur", ListAsync);
        group.MapPut("/libur/{date}", SaveAsync);
        group.MapDelete("/libur/{date}", RemoveAsync);
        return group;
    }

    private static async Task<IResult> ListAsync(HttpContext http, WorkflowDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireReader(http.Caller());
        var text = http.Request.Query["tahun"].ToString();
        var year = clock.GetUtcNow().Year;
        if (text.Length > 0 && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out year) || year is < 2000 or > 2100))
        {
            throw RestException.BadRequest($"'tahun' harus tahun empat angka seperti 2023, bukan '{text}'.", $"'tahun' must be a four-digit year such as 2023, not '{text}'.");
        }

        var rows = await CalendarStore.ListAsync(db, year, cancellationToken).ConfigureAwait(false);
        return Results.Json(rows.Select(Dto).ToList(), RestJson.Options);
    }

    private static async Task<IResult> SaveAsync(string date, HttpContext http, WorkflowDbContext db, CalendarStore store, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireAdmin(http.Caller());
        var day = ParseDate(date);
        var body = await RestBody.ObjectAsync(http.Request, "{\"name\": \"Cuti bersama Idul Fitri\", \"kind\": \"cuti-bersama\"}", cancellationToken).ConfigureAwait(false);
        var name = RestBody.String(body, "name")?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            throw RestException.BadRequest("'name' wajib diisi, misalnya \"Cuti bersama Idul Fitri\".", "'name' is required, e.g. \"Cuti bersama Idul Fitri\".");
        }

        var kind = RestBody.String(body, "kind") ?? HolidayFile.Holiday;
        if (!HolidayFile.IsKind(kind))
        {
            throw RestException.BadRequest($"'kind' harus \"libur\" atau \"cuti-bersama\", bukan '{kind}'.", $"'kind' must be \"libur\" or \"cuti-bersama\", not '{kind}'.");
        }

        var row = await store.SaveAsync(db, day, name, kind, cancellationToken).ConfigureAwait(false);
        return Results.Json(Dto(row), RestJson.Options);
    }

    private static async Task<IResult> RemoveAsync(string date, HttpContext http, WorkflowDbContext db, CalendarStore store, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireAdmin(http.Caller());
        var day = ParseDate(date);
        return await store.RemoveAsync(db, day, cancellationToken).ConfigureAwait(false)
            ? Results.NoContent()
            : throw RestException.NotFound($"{day:yyyy-MM-dd} bukan hari libur di kalender.", $"{day:yyyy-MM-dd} is not a day off in the calendar.");
    }

    private static DateOnly ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw RestException.BadRequest($"Tanggal '{text}' tidak terbaca: tulis seperti 2023-03-22.", $"Date '{text}' is unreadable: write it like 2023-03-22.");

    public static string InWords(DateOnly day) => day.ToString("dddd, d MMMM yyyy", Indonesian);

    private static HolidayDto Dto(HolidayRecord row) =>
        new(row.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), InWords(row.Date), row.Name, row.Kind, row.Source);
}
