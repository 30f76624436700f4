using System.Globalization;
using System.Text.RegularExpressions;

namespace Kks.Workflow.Web.Instruments;

/// <summary>
/// Checks a whole instrument before anything is stored and reports every problem with its sheet and row, so the
/// secretariat can fix the file in one pass (an import is all or nothing). Run after the templates are filled in.
/// </summary>
public static partial class InstrumentValidator
{
    /// <param name="knownOpds">The OPD codes of this installation; null skips the check (the shipped files are loaded before any OPD exists).</param>
    public static IReadOnlyList<ImportProblem> Validate(InstrumentDocument document, IReadOnlySet<string>? knownOpds)
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = new List<ImportProblem>();
        void Add(SourceRow? at, string id, string en) => problems.Add(ImportProblem.At(at, id, en));

        if (!IdPattern().IsMatch(document.Id))
        {
            Add(null, $"Id instrumen '{document.Id}' tidak sah: pakai huruf kecil, angka dan tanda minus, misalnya kks-2025.",
                $"Instrument id '{document.Id}' is invalid: use lower-case letters, digits and '-', e.g. kks-2025.");
        }

        if (document.Cycle is < 2000 or > 2100)
        {
            Add(null, $"Siklus {document.Cycle} tidak sah: tulis tahun penilaian, misalnya 2025.", $"Cycle {document.Cycle} is invalid: write the assessment year, e.g. 2025.");
        }

        if (string.IsNullOrWhiteSpace(document.Name))
        {
            Add(null, "Nama instrumen kosong: isi nama, misalnya \"Instrumen KKS 2025\".", "The instrument's name is empty: fill it in, e.g. \"Instrumen KKS 2025\".");
        }

        if (document.Tatanan.Count == 0)
        {
            Add(null, "Instrumen tidak punya tatanan: tambahkan minimal satu tatanan.", "The instrument has no tatanan: add at least one.");
        }

        var tatananNumbers = new HashSet<int>();
        foreach (var tatanan in document.Tatanan)
        {
            if (tatanan.Number is < 1 or > 99)
            {
                Add(tatanan.Source, $"Nomor tatanan {tatanan.Number} tidak sah: pakai 1 sampai 99.", $"Tatanan number {tatanan.Number} is invalid: use 1 to 99.");
            }
            else if (!tatananNumbers.Add(tatanan.Number))
            {
                Add(tatanan.Source, $"Tatanan {tatanan.Number} muncul dua kali: hapus salah satunya.", $"Tatanan {tatanan.Number} appears twice: remove one.");
            }

            if (string.IsNullOrWhiteSpace(tatanan.Name))
            {
                Add(tatanan.Source, $"Nama tatanan {tatanan.Number} kosong: isi namanya.", $"Tatanan {tatanan.Number} has no name: fill it in.");
            }

            foreach (var indicator in tatanan.Indicators)
            {
                ValidateIndicator(tatanan.Number, indicator, knownOpds, Add);
            }
        }

        foreach (var duplicate in document.Indicators().GroupBy(i => i.Code, StringComparer.Ordinal).Where(g => g.Key.Length > 0 && g.Count() > 1))
        {
            foreach (var indicator in duplicate.Skip(1))
            {
                Add(indicator.Source, $"Kode {duplicate.Key} sudah dipakai indikator lain: setiap indikator perlu kode sendiri.",
                    $"Code {duplicate.Key} is used by another indicator: every indicator needs its own code.");
            }
        }

        ValidatePrerequisites(document, Add);
        ValidateKelembagaan(document, Add);
        return problems;
    }

    private static void ValidateIndicator(int tatanan, IndicatorDocument indicator, IReadOnlySet<string>? knownOpds, Action<SourceRow?, string, string> add)
    {
        var at = indicator.Source;
        var match = CodePattern().Match(indicator.Code);
        if (!match.Success)
        {
            add(at, $"Kode indikator '{indicator.Code}' tidak sah: tulis T{{tatanan}}.{{nomor}}, misalnya T{tatanan}.3.",
                $"Indicator code '{indicator.Code}' is invalid: write T{{tatanan}}.{{number}}, e.g. T{tatanan}.3.");
        }
        else
        {
            var codeTatanan = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var codeNumber = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            if (codeTatanan != tatanan)
            {
                add(at, $"Kode {indicator.Code} milik tatanan {codeTatanan}, tetapi barisnya ada di tatanan {tatanan}: pindahkan baris atau perbaiki kodenya.",
                    $"Code {indicator.Code} belongs to tatanan {codeTatanan} but the row is in tatanan {tatanan}: move the row or fix the code.");
            }

            if (indicator.Number == 0)
            {
                indicator.Number = codeNumber;
            }
            else if (indicator.Number != codeNumber)
            {
                add(at, $"Nomor {indicator.Number} tidak cocok dengan kode {indicator.Code}: samakan (kode T{tatanan}.{indicator.Number} atau nomor {codeNumber}).",
                    $"Number {indicator.Number} does not match code {indicator.Code}: make them agree.");
            }
        }

        if (string.IsNullOrWhiteSpace(indicator.Name))
        {
            add(at, $"Nama indikator {indicator.Code} kosong: isi kolom Indikator.", $"Indicator {indicator.Code} has no name: fill in the Indikator column.");
        }

        ValidateScale(indicator, add);
        if (indicator.Opds.Count == 0)
        {
            add(at, $"Indikator {indicator.Code} tidak punya OPD penanggung jawab: isi kode OPD, misalnya dinkes (beberapa dipisah koma).",
                $"Indicator {indicator.Code} has no owning OPD: fill in an OPD code, e.g. dinkes (several separated by commas).");
        }

        foreach (var opd in indicator.Opds)
        {
            if (!OpdPattern().IsMatch(opd))
            {
                add(at, $"Kode OPD '{opd}' tidak sah: pakai huruf kecil dan angka tanpa spasi, misalnya dinkes.", $"OPD code '{opd}' is invalid: use lower-case letters and digits without spaces, e.g. dinkes.");
            }
            else if (knownOpds is not null && !knownOpds.Contains(opd))
            {
                add(at, $"OPD '{opd}' tidak terdaftar: pakai salah satu kode OPD yang ada ({string.Join(", ", knownOpds.Order(StringComparer.Ordinal))}) atau daftarkan OPD itu dulu.",
                    $"OPD '{opd}' is not registered: use one of the existing OPD codes or register it first.");
            }
        }

        if (indicator.Opds.Distinct(StringComparer.Ordinal).Count() != indicator.Opds.Count)
        {
            add(at, $"Indikator {indicator.Code} menyebut OPD yang sama dua kali: tulis setiap OPD sekali.", $"Indicator {indicator.Code} names the same OPD twice: name each once.");
        }
    }

    private static void ValidateScale(IndicatorDocument indicator, Action<SourceRow?, string, string> add)
    {
        var steps = indicator.Scale ?? [];
        foreach (var score in InstrumentTemplates.Scores)
        {
            var found = steps.Where(s => s.Score == score).ToList();
            if (found.Count == 0 || string.IsNullOrWhiteSpace(found[0].Condition))
            {
                add(indicator.Source, $"Skala {score} indikator {indicator.Code} kosong: tulis syarat untuk nilai {score}.",
                    $"Scale step {score} of indicator {indicator.Code} is empty: write the condition for a score of {score}.");
            }
            else if (found.Count > 1)
            {
                add(indicator.Source, $"Skala {score} indikator {indicator.Code} ditulis dua kali: sisakan satu.", $"Scale step {score} of indicator {indicator.Code} appears twice: keep one.");
            }
        }

        foreach (var step in steps.Where(s => !InstrumentTemplates.Scores.Contains(s.Score)))
        {
            add(indicator.Source, $"Nilai skala {step.Score} pada indikator {indicator.Code} tidak dikenal: skala KKS hanya 0, 25, 50, 75 dan 100.",
                $"Scale score {step.Score} of indicator {indicator.Code} is unknown: a KKS scale has 0, 25, 50, 75 and 100 only.");
        }
    }

    private static void ValidatePrerequisites(InstrumentDocument document, Action<SourceRow?, string, string> add)
    {
        var levels = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in document.Prerequisites)
        {
            if (string.IsNullOrWhiteSpace(p.AwardLevel))
            {
                add(p.Source, "Tingkat penghargaan kosong: isi Padapa, Wiwerda atau Wistara.", "The award level is empty: fill in Padapa, Wiwerda or Wistara.");
            }
            else if (!levels.Add(p.AwardLevel))
            {
                add(p.Source, $"Tingkat {p.AwardLevel} muncul dua kali: sisakan satu baris.", $"Level {p.AwardLevel} appears twice: keep one row.");
            }

            if (p.MinOdfPercent is < 0 or > 100 || p.MinScorePercent is < 0 or > 100 || p.MaxScorePercent is < 0 or > 100)
            {
                add(p.Source, $"Persentase tingkat {p.AwardLevel} harus 0 sampai 100.", $"The percentages of level {p.AwardLevel} must be 0 to 100.");
            }

            if (p.MaxScorePercent is { } max && max < p.MinScorePercent)
            {
                add(p.Source, $"Nilai maksimal tingkat {p.AwardLevel} ({max}%) lebih kecil dari nilai minimal ({p.MinScorePercent}%): tukar atau perbaiki.",
                    $"Level {p.AwardLevel}'s maximum score ({max}%) is below its minimum ({p.MinScorePercent}%).");
            }
        }
    }

    private static void ValidateKelembagaan(InstrumentDocument document, Action<SourceRow?, string, string> add)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var k in document.Kelembagaan)
        {
            if (string.IsNullOrWhiteSpace(k.Code) || string.IsNullOrWhiteSpace(k.Body) || string.IsNullOrWhiteSpace(k.Name))
            {
                add(k.Source, "Butir kelembagaan perlu kode, lembaga dan nama butir: lengkapi ketiganya.", "A kelembagaan item needs a code, a body and a name: fill in all three.");
            }
            else if (!codes.Add(k.Code))
            {
                add(k.Source, $"Kode kelembagaan {k.Code} muncul dua kali: setiap butir perlu kode sendiri.", $"Kelembagaan code {k.Code} appears twice: every item needs its own code.");
            }
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^T(\d{1,2})\.(\d{1,3})$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    public static partial Regex OpdPattern();
}
