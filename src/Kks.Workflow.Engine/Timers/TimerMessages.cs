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
}
