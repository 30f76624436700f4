namespace Kks.Workflow.Engine.Timers;

/// <summary>
/// Every sentence the timer code shows to people who write timers, in one place so the two
/// languages stay in step and each message says what is wrong and how to fix it.
/// </summary>
internal static class TimerMessages
{
    private const int MaxEcho = 64;

    /// <summary>Echoes user text back without letting a huge or multi-line value flood the message.</summary>
    internal static string Echo(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var shown = text.Length <= MaxEcho ? text : string.Concat(text.AsSpan(0, MaxEcho), "…");
        return shown.ReplaceLineEndings(" ");
    }

    internal static BilingualText DurationInvalid(string? text) => new(
        $"Durasi '{Echo(text)}' tidak valid: gunakan format ISO 8601 seperti P3D, PT2H atau P1Y2M3DT4H5M6S.",
        $"Duration '{Echo(text)}' is invalid: use ISO 8601 such as P3D, PT2H or P1Y2M3DT4H5M6S.");

    internal static BilingualText DurationTooLong(string? text, int max) => new(
        $"Durasi '{Echo(text)}' terlalu panjang: paling banyak {max} karakter, misalnya P3D atau PT2H.",
        $"Duration '{Echo(text)}' is too long: at most {max} characters, such as P3D or PT2H.");

    internal static BilingualText DurationNumberTooLarge(string? text) => new(
        $"Angka dalam durasi '{Echo(text)}' terlalu besar: gunakan paling banyak 9 digit per bagian.",
        $"A number in duration '{Echo(text)}' is too large: use at most 9 digits per part.");

    internal static BilingualText DurationOutOfRange(IsoDuration duration) => new(
        $"Menambahkan durasi {duration} menghasilkan tanggal di luar rentang yang didukung: gunakan durasi yang lebih kecil.",
        $"Adding duration {duration} gives a date outside the supported range: use a smaller duration.");

    internal static BilingualText Empty(TimerKind kind) => new(
        $"Timer {IdName(kind)} kosong: isi {Examples(kind)}.",
        $"The {EnName(kind)} timer is empty: enter {Examples(kind)}.");

    internal static BilingualText TooLong(TimerKind kind, string text, int max) => new(
        $"Timer {IdName(kind)} '{Echo(text)}' terlalu panjang: paling banyak {max} karakter, contoh {Examples(kind)}.",
        $"The {EnName(kind)} timer '{Echo(text)}' is too long: at most {max} characters, e.g. {Examples(kind)}.");

    internal static BilingualText DateInvalid(string text) => new(
        $"Tanggal timer '{Echo(text)}' tidak valid: gunakan ISO 8601 seperti 2023-03-24T08:00:00+07:00, 2023-03-24T08:00:00 (waktu setempat) atau 2023-03-24.",
        $"Timer date '{Echo(text)}' is invalid: use ISO 8601 such as 2023-03-24T08:00:00+07:00, 2023-03-24T08:00:00 (local time) or 2023-03-24.");

    internal static BilingualText DurationNegative(string text) => new(
        $"Durasi timer '{Echo(text)}' negatif: timer tidak dapat menunggu mundur, gunakan durasi positif seperti P1D.",
        $"Timer duration '{Echo(text)}' is negative: a timer cannot wait backwards, use a positive duration such as P1D.");

    internal static BilingualText CycleInvalid(string text) => new(
        $"Siklus timer '{Echo(text)}' tidak valid: gunakan {CycleExamples} atau cron Quartz seperti 0 0 9 ? * MON-FRI.",
        $"Timer cycle '{Echo(text)}' is invalid: use {CycleExamples} or a Quartz cron such as 0 0 9 ? * MON-FRI.");

    internal static BilingualText CycleRepeatCount(string text) => new(
        $"Jumlah ulang dalam siklus '{Echo(text)}' tidak valid: tulis R lalu angka (paling banyak 9 digit) seperti R3/PT10H, atau R saja untuk tanpa batas.",
        $"The repeat count in cycle '{Echo(text)}' is invalid: write R and a number (at most 9 digits) such as R3/PT10H, or R alone for no limit.");

    internal static BilingualText CyclePart(string text, string part) => new(
        $"Bagian '{Echo(part)}' dari siklus '{Echo(text)}' bukan durasi atau tanggal ISO 8601: gunakan {CycleExamples}.",
        $"Part '{Echo(part)}' of cycle '{Echo(text)}' is not an ISO 8601 duration or date: use {CycleExamples}.");

    internal static BilingualText CycleStartAndEnd(string text) => new(
        $"Siklus '{Echo(text)}' berisi tanggal awal dan akhir tanpa durasi: bentuk ini tidak didukung, gunakan R/awal/durasi seperti R3/2023-02-15T08:00:00+07:00/P1D.",
        $"Cycle '{Echo(text)}' gives a start and an end but no duration: this form is not supported, use R/start/duration such as R3/2023-02-15T08:00:00+07:00/P1D.");

    internal static BilingualText CycleIntervalTooShort(string text) => new(
        $"Interval siklus '{Echo(text)}' harus positif dan paling sedikit 1 detik: gunakan misalnya R/PT1H.",
        $"The interval of cycle '{Echo(text)}' must be positive and at least 1 second: use e.g. R/PT1H.");

    internal static BilingualText CycleWithoutRepeat(string text) => new(
        $"Siklus '{Echo(text)}' tidak diawali R: untuk berulang tulis R/{Echo(text)} (atau R3/{Echo(text)} untuk 3 kali); untuk sekali saja gunakan timer durasi.",
        $"Cycle '{Echo(text)}' does not start with R: to repeat write R/{Echo(text)} (or R3/{Echo(text)} for 3 times); to fire once use a duration timer.");

    private const string CycleExamples = "R3/PT10H, R/P1D, R3/2023-02-15T08:00:00+07:00/P1D, R/PT1H/2023-03-24T00:00:00+07:00";

    private static string IdName(TimerKind kind) => kind switch
    {
        TimerKind.Date => "tanggal",
        TimerKind.Duration => "durasi",
        _ => "siklus",
    };

    private static string EnName(TimerKind kind) => kind switch
    {
        TimerKind.Date => "date",
        TimerKind.Duration => "duration",
        _ => "cycle",
    };

    private static string Examples(TimerKind kind) => kind switch
    {
        TimerKind.Date => "2023-03-24T08:00:00+07:00",
        TimerKind.Duration => "P3D, PT2H",
        _ => "R3/PT10H, R/P1D, 0 0 9 ? * MON-FRI",
    };
}
