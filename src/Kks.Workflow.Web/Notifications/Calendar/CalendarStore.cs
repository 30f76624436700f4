using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Notifications.Calendar;

/// <summary>The holidays table: filled from the calendar file, edited by the admin, read into <see cref="HolidayCalendar"/>.</summary>
public sealed class CalendarStore(HolidayCalendar calendar, TimeProvider clock)
{
    /// <summary>
    /// Adds the file's days the table has never held. A day the admin removed stays as an inactive row, so it is not
    /// brought back; a day the admin renamed keeps the admin's name. Returns how many rows were added.
    /// </summary>
    public async Task<int> ImportFileAsync(WorkflowDbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var known = (await context.Holidays.AsNoTracking().Select(h => h.Date).ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();
        var now = clock.GetUtcNow();
        var added = 0;
        foreach (var entry in HolidayFile.Load().Where(e => !known.Contains(e.Date)))
        {
            context.Holidays.Add(new HolidayRecord { Date = entry.Date, Name = entry.Name, Kind = entry.Kind, Source = "file", UpdatedAt = now });
            added++;
        }

        if (added > 0)
        {
            try
            {
                await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException)
            {
                // Another node imported at the same moment: its rows are the same file's.
                context.ChangeTracker.Clear();
                return 0;
            }
        }

        return added;
    }

    public async Task LoadAsync(WorkflowDbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var load = calendar.StartLoad();
        var days = await context.Holidays.AsNoTracking().Where(h => h.Active).Select(h => h.Date).ToListAsync(cancellationToken).ConfigureAwait(false);
        calendar.Replace(load, days);
    }

    public static Task<List<HolidayRecord>> ListAsync(WorkflowDbContext context, int year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        return context.Holidays.AsNoTracking().Where(h => h.Active && h.Date >= from && h.Date <= to).OrderBy(h => h.Date).ToListAsync(cancellationToken);
    }

    /// <summary>Adds or changes a day off (a removed one comes back) and refreshes the calendar.</summary>
    public async Task<HolidayRecord> SaveAsync(WorkflowDbContext context, DateOnly date, string name, string kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var row = await context.Holidays.FindAsync([date], cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            row = new HolidayRecord { Date = date, Name = name, Kind = kind, Source = "admin" };
            context.Holidays.Add(row);
        }

        row.Name = name;
        row.Kind = kind;
        row.Active = true;
        row.UpdatedAt = clock.GetUtcNow();
        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await LoadAsync(context, cancellationToken).ConfigureAwait(false);
        return row;
    }

    /// <summary>Makes a day a working day again; false when it was no day off.</summary>
    public async Task<bool> RemoveAsync(WorkflowDbContext context, DateOnly date, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var row = await context.Holidays.FindAsync([date], cancellationToken).ConfigureAwait(false);
        if (row is not { Active: true })
        {
            return false;
        }

        row.Active = false;
        row.UpdatedAt = clock.GetUtcNow();
        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await LoadAsync(context, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
