namespace Kks.Workflow.Engine.Timers;

/// <summary>The sentences for cron mistakes, each with an example that works.</summary>
internal static class CronMessages
{
    private const string Example = "0 0 9 ? * MON-FRI";

    // Per field: Indonesian name, English name, the values allowed in each language.
    private static readonly (string Id, string En, string IdValues, string EnValues)[] Fields =
    [
        ("detik", "seconds", "0–59", "0–59"),
        ("menit", "minutes", "0–59", "0–59"),
        ("jam", "hours", "0–23", "0–23"),
        ("tanggal", "day of month", "1–31, ?, L, L-n, LW atau nW", "1–31, ?, L, L-n, LW or nW"),
        ("bulan", "month", "1–12 atau JAN–DEC", "1–12 or JAN–DEC"),
        ("hari", "day of week", "1–7 (1 = Minggu) atau SUN–SAT, ?, L, nL atau n#k", "1–7 (1 = Sunday) or SUN–SAT, ?, L, nL or n#k"),
        ("tahun", "year", "1970–2099", "1970–2099"),
    ];

    internal static BilingualText TooLong(string text) => new(
        $"Ekspresi cron '{TimerMessages.Echo(text)}' terlalu panjang: paling banyak {CronExpression.MaxTextLength} karakter.",
        $"Cron expression '{TimerMessages.Echo(text)}' is too long: at most {CronExpression.MaxTextLength} characters.");

    internal static BilingualText FieldCount(string text, int count) => new(
        $"Ekspresi cron '{TimerMessages.Echo(text)}' punya {count} bagian: cron Quartz butuh 6 atau 7 (detik menit jam tanggal bulan hari [tahun]), contoh {Example}.",
        $"Cron expression '{TimerMessages.Echo(text)}' has {count} fields: Quartz cron needs 6 or 7 (seconds minutes hours day-of-month month day-of-week [year]), e.g. {Example}.");

    internal static BilingualText Field(string text, int field, string token) => new(
        $"Bagian {Fields[field].Id} '{TimerMessages.Echo(token)}' dalam cron '{TimerMessages.Echo(text)}' tidak valid: gunakan {Fields[field].IdValues}, *, daftar (a,b), rentang (a-b) atau langkah (a/b), contoh {Example}.",
        $"The {Fields[field].En} field '{TimerMessages.Echo(token)}' in cron '{TimerMessages.Echo(text)}' is invalid: use {Fields[field].EnValues}, *, a list (a,b), a range (a-b) or a step (a/b), e.g. {Example}.");

    internal static BilingualText BothDays(string text) => new(
        $"Cron '{TimerMessages.Echo(text)}' mengisi tanggal dan hari sekaligus: isi salah satunya dengan ?, contoh {Example}.",
        $"Cron '{TimerMessages.Echo(text)}' sets both day-of-month and day-of-week: put ? in one of them, e.g. {Example}.");

    internal static BilingualText NoDays(string text) => new(
        $"Cron '{TimerMessages.Echo(text)}' memakai ? untuk tanggal dan hari: ? hanya boleh di salah satunya, contoh {Example}.",
        $"Cron '{TimerMessages.Echo(text)}' uses ? for both day-of-month and day-of-week: only one may be ?, e.g. {Example}.");
}
