namespace Kks.Workflow.Engine.Timers;

/// <summary>
/// Moves between instants and wall-clock time of a zone. Calendar arithmetic (P1M, P1D, cron) is
/// done on the wall clock so "every day at 08:00" stays at 08:00 whatever the zone's offset does.
/// </summary>
internal static class ZonedTime
{
    // Leaves room for any zone offset (at most ±14 h) so converting never leaves DateTime's range.
    internal const long MinUtcTicks = TimeSpan.TicksPerDay;
    internal static readonly long MaxUtcTicks = DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay;

    /// <summary>The wall-clock time in <paramref name="zone"/> (Kind Unspecified).</summary>
    internal static DateTime ToLocal(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).DateTime;

    /// <summary>
    /// The instant a wall-clock time denotes in <paramref name="zone"/>. A time skipped by a
    /// daylight-saving gap moves later by the gap (as java.time does, so Camunda models behave the
    /// same); a time repeated by a fall-back takes its first occurrence.
    /// </summary>
    internal static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsInvalidTime(local))
        {
            // The offset in force just before the gap; a day back is before any real-world gap.
            offset = zone.GetUtcOffset(local.Ticks > TimeSpan.TicksPerDay ? local.AddDays(-1) : local);
        }
        else if (zone.IsAmbiguousTime(local))
        {
            offset = MaxOffset(zone.GetAmbiguousTimeOffsets(local));
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }

        return TimeZoneInfo.ConvertTime(new DateTimeOffset(local.Ticks - offset.Ticks, TimeSpan.Zero), zone);
    }

    /// <summary>
    /// Like <see cref="ToInstant"/>, but when the wall-clock time is repeated by a fall-back and its
    /// first occurrence is not after <paramref name="after"/>, the second occurrence: a cron search
    /// that starts inside the repeated hour then moves on instead of going back in time.
    /// </summary>
    internal static DateTimeOffset ToInstantAfter(DateTime local, TimeZoneInfo zone, DateTimeOffset after)
    {
        var first = ToInstant(local, zone);
        if (first > after || !zone.IsAmbiguousTime(local))
        {
            return first;
        }

        var offsets = zone.GetAmbiguousTimeOffsets(local);
        var min = offsets[0];
        foreach (var offset in offsets)
        {
            if (offset < min)
            {
                min = offset;
            }
        }

        return TimeZoneInfo.ConvertTime(new DateTimeOffset(local.Ticks - min.Ticks, TimeSpan.Zero), zone);
    }

    /// <summary>Same as <see cref="ToInstant"/> but false instead of leaving DateTimeOffset's range.</summary>
    internal static bool TryToInstant(DateTime local, TimeZoneInfo zone, out DateTimeOffset instant)
    {
        if (local.Ticks < MinUtcTicks || local.Ticks > MaxUtcTicks)
        {
            instant = default;
            return false;
        }

        instant = ToInstant(local, zone);
        return true;
    }

    /// <summary>An instant moved by elapsed ticks, false when it would leave the supported range.</summary>
    internal static bool TryAddTicks(DateTimeOffset instant, Int128 ticks, TimeZoneInfo zone, out DateTimeOffset result)
    {
        var utc = (Int128)instant.UtcTicks + ticks;
        if (utc < MinUtcTicks || utc > MaxUtcTicks)
        {
            result = default;
            return false;
        }

        result = TimeZoneInfo.ConvertTime(new DateTimeOffset((long)utc, TimeSpan.Zero), zone);
        return true;
    }

    private static TimeSpan MaxOffset(TimeSpan[] offsets)
    {
        var max = offsets[0];
        foreach (var offset in offsets)
        {
            if (offset > max)
            {
                max = offset;
            }
        }

        return max;
    }
}
