namespace Kks.Workflow.Persistence.Entities;

/// <summary>
/// A day off besides weekends: a national holiday (libur nasional) or a cuti bersama day. Rows come from the
/// calendar file in the repository and from the admin; a row the admin removes stays, inactive, so the next
/// start does not bring it back from the file.
/// </summary>
public sealed class HolidayRecord
{
    public DateOnly Date { get; set; }

    public required string Name { get; set; }

    /// <summary>libur (national holiday) or cuti-bersama.</summary>
    public required string Kind { get; set; }

    /// <summary>file (imported from the calendar file) or admin.</summary>
    public required string Source { get; set; }

    public bool Active { get; set; } = true;

    public DateTimeOffset UpdatedAt { get; set; }
}
