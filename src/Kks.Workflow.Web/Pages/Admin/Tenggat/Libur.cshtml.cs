using System.Globalization;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Identity;
using Kks.Workflow.Web.Notifications.Calendar;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kks.Workflow.Web.Pages.Admin.Tenggat;

/// <summary>The working-day calendar of one year: national holidays and cuti bersama; the admin adds and removes days.</summary>
public sealed class LiburModel(WorkflowDbContext db, CalendarStore store, TimeProvider clock) : PageModel
{
    public int Year { get; private set; }

    public IReadOnlyList<HolidayRecord> Days { get; private set; } = [];

    [BindProperty]
    public string? Date { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string Kind { get; set; } = HolidayFile.Holiday;

    public string? Problem { get; private set; }

    public static string InWords(DateOnly day) => day.ToString("dddd, d MMMM yyyy", CultureInfo.CurrentCulture);

    public async Task<IActionResult> OnGetAsync(int? tahun, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(Roles.Admin))
        {
            return Forbid();
        }

        await LoadAsync(tahun, cancellationToken).ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!User.IsInRole(Roles.Admin))
        {
            return Forbid();
        }

        var english = PageRegistration.LanguageOf(CultureInfo.CurrentUICulture) == "en";
        if (!DateOnly.TryParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            Problem = english ? "Choose a date." : "Pilih tanggalnya.";
        }
        else if (string.IsNullOrWhiteSpace(Name))
        {
            Problem = english ? "Write the holiday's name, e.g. Cuti bersama Idul Fitri." : "Tulis nama hari libur, misalnya Cuti bersama Idul Fitri.";
        }
        else if (!HolidayFile.IsKind(Kind))
        {
            Problem = english ? "Choose national holiday or cuti bersama." : "Pilih libur nasional atau cuti bersama.";
        }
        else
        {
            await store.SaveAsync(db, day, Name.Trim(), Kind, cancellationToken).ConfigureAwait(false);
            return RedirectToPage(new { tahun = day.Year });
        }

        await LoadAsync(null, cancellationToken).ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string date, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(Roles.Admin))
        {
            return Forbid();
        }

        if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            await store.RemoveAsync(db, day, cancellationToken).ConfigureAwait(false);
            return RedirectToPage(new { tahun = day.Year });
        }

        return RedirectToPage();
    }

    private async Task LoadAsync(int? year, CancellationToken cancellationToken)
    {
        Year = year is >= 2000 and <= 2100 ? year.Value : clock.GetUtcNow().Year;
        Days = await CalendarStore.ListAsync(db, Year, cancellationToken).ConfigureAwait(false);
    }
}
