using Kks.Workflow.Engine.Expressions;
using static Kks.Workflow.Engine.Tests.Expressions.ExpressionTestKit;

namespace Kks.Workflow.Engine.Tests.Expressions;

/// <summary>Every class of mistake gives an ExpressionException whose two sentences name the offending piece.</summary>
public sealed class ErrorTests
{
    [Theory]
    [InlineData("${n >}", 6, "posisi 6", "expected a value")]
    [InlineData("${'abc}", 3, "tidak ditutup", "closing quote")]
    [InlineData("${n", 1, "'${' tidak ditutup", "Add '}'")]
    [InlineData("Halo #{nama", 6, "'#{' tidak ditutup", "is not closed")]
    [InlineData("${}", 1, "ekspresi kosong", "empty expression")]
    [InlineData("${a = 1}", 5, "'=' tunggal", "Use '=='")]
    [InlineData("${a & b}", 5, "'&' tunggal", "Use '&&' or 'and'")]
    [InlineData("${a | b}", 5, "'|' tunggal", "Use '||' or 'or'")]
    [InlineData("${foo(1)}", 3, "fungsi 'foo' tidak dikenal", "addWorkingDays(date, n)")]
    [InlineData("${execution.getVariable('x')}", 13, "metode 'getVariable' tidak didukung", "x.contains(y)")]
    [InlineData("${opd.toLowerCase()}", 7, "'toLowerCase'", "lower(text)")]
    [InlineData("${date(1, 2)}", 3, "memerlukan 1 argumen, tetapi diberi 2", "takes 1 argument(s), but 2 were given")]
    [InlineData("${x.size(1)}", 3, "x.size()", "takes 0 argument(s)")]
    [InlineData("${concat()}", 3, "1+ argumen", "1+ argument(s)")]
    [InlineData("${format(now())}", 3, "2-3 argumen", "format(date, 'yyyy-MM-dd'[, 'id'])")]
    [InlineData("${date('kemarin')}", 8, "argumen ke-1 dari date('2024-03-01')", "2024-03-01T08:00:00+07:00")]
    [InlineData("${date(5)}", 8, "bukan tanggal", "is not a date")]
    [InlineData("${addDuration(now(), 'P3X')}", 22, "Durasi 'P3X' tidak valid", "Duration 'P3X' is invalid")]
    [InlineData("${subtractDuration(now(), 3)}", 27, "argumen ke-2", "argument 2")]
    [InlineData("${format(now(), '')}", 17, "pola tanggal", "date pattern")]
    [InlineData("${format(now(), 'yyyy', 'fr')}", 25, "'id' atau 'en'", "'id' or 'en'")]
    [InlineData("${1 +* 2}", 6, "ditemukan '*'", "found '*'")]
    [InlineData("${a b}", 5, "ditemukan 'b'", "an operator or '}'")]
    [InlineData("${12abc}", 3, "angka tidak valid", "invalid number")]
    [InlineData("${99999999999999999999}", 3, "terlalu besar", "too large")]
    [InlineData("${1e999}", 3, "terlalu besar", "too large")]
    [InlineData("${a instanceof b}", 5, "'instanceof'", "not supported")]
    [InlineData("${a ${b}}", 5, "'${' tidak boleh", "cannot appear inside")]
    [InlineData("${ a ? b }", 10, "':'", "the 'else' part")]
    [InlineData("${[1, 2}", 8, "']'", "',' or ']'")]
    [InlineData("${(1 + 2}", 9, "')'", "expected ')'")]
    [InlineData("${a.}", 5, "nama properti", "property name")]
    [InlineData("${a.'b'}", 5, "nama properti", "property name")]
    [InlineData("${a;b}", 4, "';'", "unexpected character ';'")]
    [InlineData("${{}}", 3, "'{'", "unexpected character '{'")]
    [InlineData("${DINKES-BAPPEDA'}", 17, "tidak ditutup", "not closed")]
    public void ParseErrors_NameThePositionAndTheFix(string text, int position, string indonesian, string english)
    {
        var error = ParseError(text);
        Assert.Equal(position, error.Position);
        Assert.Equal(text, error.ExpressionText);
        Assert.Contains(indonesian, error.Text.Indonesian, StringComparison.Ordinal);
        Assert.Contains(english, error.Text.English, StringComparison.Ordinal);
        Assert.Contains(text, error.Text.Indonesian, StringComparison.Ordinal);
        Assert.Contains(text, error.Text.English, StringComparison.Ordinal);
        Assert.Equal(error.Text.English, error.Message);
        Assert.False(Expression.TryParse(text, out _, out var reported));
        Assert.Equal(error.Text, reported);
    }

    [Theory]
    [InlineData("${x > 1}", "Variabel 'x' tidak dikenal dalam ekspresi '${x > 1}'", "Unknown variable 'x' in expression '${x > 1}'")]
    [InlineData("${yes && typo}", "Variabel 'typo'", "variable 'typo'")]
    [InlineData("${empty belumAda}", "Variabel 'belumAda'", "variable 'belumAda'")]
    [InlineData("${'a' > 1}", "Operator '>' tidak dapat membandingkan String 'a' dengan Long 1", "cannot compare String 'a' with Long 1")]
    [InlineData("${deadline < '2024-03-01'}", "Date 2024-03-08T16:00:00+07:00 dengan String", "date('2024-03-01')")]
    [InlineData("${yes > no}", "Boolean true dengan Boolean false", "cannot compare")]
    [InlineData("${opds >= 1}", "Json [3]", "Json [3]")]
    [InlineData("${!5}", "'5' harus bernilai Boolean", "'5' must be a Boolean")]
    [InlineData("${n && yes}", "'n' harus bernilai Boolean", "but is Long 5")]
    [InlineData("${no || nama}", "'nama' harus bernilai Boolean", "String 'Sari'")]
    [InlineData("${nama ? 1 : 2}", "'nama' harus bernilai Boolean", "must be a Boolean")]
    [InlineData("${-nama}", "Tanda minus", "'-nama'")]
    [InlineData("${yes + 1}", "Operator '+' tidak dapat dipakai untuk Boolean true dan Long 1", "'yes + 1'")]
    [InlineData("${deadline - 1}", "'deadline - 1'", "addWorkingDays")]
    [InlineData("${dokumen * 2}", "Json {…}", "Json {…}")]
    [InlineData("${n / zero}", "Pembagian dengan nol pada 'n / zero'", "Division by zero at 'n / zero'")]
    [InlineData("${n div 0}", "Pembagian dengan nol", "'n div 0'")]
    [InlineData("${n % 0}", "Pembagian dengan nol", "'n % 0'")]
    [InlineData("${half mod 0.0}", "Pembagian dengan nol", "'half mod 0.0'")]
    [InlineData("${9223372036854775807 + 1}", "terlalu besar", "'9223372036854775807 + 1' is too large")]
    [InlineData("${-9223372036854775807 - 2}", "terlalu besar", "too large")]
    [InlineData("${1e308 * 10}", "terlalu besar", "'1e308 * 10' is too large")]
    [InlineData("${nothing.nama}", "Tidak dapat membaca 'nothing.nama' karena 'nothing' bernilai null", "because 'nothing' is null")]
    [InlineData("${dokumen.penulis.opd.kode}", "karena 'dokumen.penulis.opd' bernilai null", "Cannot read 'dokumen.penulis.opd.kode'")]
    [InlineData("${nothing[0]}", "'nothing[0]'", "because 'nothing' is null")]
    [InlineData("${nama.panjang}", "properti 'panjang' dari String 'Sari'", "Only objects (Json) have properties")]
    [InlineData("${opds[5]}", "Indeks 5 di luar daftar pada 'opds[5]'", "the list has 3 items")]
    [InlineData("${opds[-1]}", "Indeks -1", "Index -1")]
    [InlineData("${opds['a']}", "'opds['a']'", "Lists take a whole number")]
    [InlineData("${nama[0]}", "Tidak dapat mengindeks String 'Sari'", "Cannot index String 'Sari'")]
    [InlineData("${addWorkingDays(nama, 1)}", "Argumen ke-1 ('nama') dari addWorkingDays(date, n)", "which cannot be read as a date")]
    [InlineData("${addWorkingDays(now(), 'x')}", "Argumen ke-2", "must be a whole number (Long)")]
    [InlineData("${addWorkingDays(now(), 1.5)}", "Argumen ke-2", "must be a whole number (Long)")]
    [InlineData("${addWorkingDays(now(), 20000)}", "paling banyak 10000 hari kerja", "at most 10000 working days")]
    [InlineData("${addWorkingDays(nothing, 1)}", "('nothing')", "must be a date (Date), but is null")]
    [InlineData("${daysBetween(now(), n)}", "Argumen ke-2 ('n') dari daysBetween(from, to)", "but is Long 5")]
    [InlineData("${workingDaysBetween(date('2024-01-01'), date('2200-01-01'))}", "lebih dari 36600 hari", "longer than 36600 days")]
    [InlineData("${addDuration(now(), n)}", "Argumen ke-2 ('n')", "must be text (String)")]
    [InlineData("${addDuration(now(), nama)}", "bukan durasi ISO 8601 ('Sari')", "'P3D' (3 days)")]
    [InlineData("${addDuration(date('9999-12-30'), 'P1Y')}", "di luar rentang tanggal", "outside the supported date range")]
    [InlineData("${date('0001-01-01')}", "di luar rentang tanggal", "outside the supported date range")]
    [InlineData("${addWorkingDays(date('9999-12-30'), 1)}", "di luar rentang tanggal", "outside the supported date range")]
    [InlineData("${addWorkingDays(max, 1)}", "di luar rentang tanggal", "'addWorkingDays(max, 1)'")]
    [InlineData("${subtractDuration(min, 'P1D')}", "di luar rentang tanggal", "'subtractDuration(min, 'P1D')'")]
    [InlineData("${date(minText)}", "di luar rentang tanggal", "outside the supported date range")]
    [InlineData("${workingDaysBetween(max, now())}", "lebih dari 36600 hari", "'workingDaysBetween(max, now())'")]
    [InlineData("${size(n)}", "Argumen ke-1 ('n') dari size(x)", "must be text, a list or an object")]
    [InlineData("${n.size()}", "Argumen ke-1 ('n') dari x.size()", "but is Long 5")]
    [InlineData("${contains(n, 1)}", "dari contains(listOrText, x)", "must be a list, text or an object")]
    [InlineData("${contains(nama, 1)}", "Argumen ke-2 ('1')", "must be text (String)")]
    [InlineData("${upper(n)}", "dari upper(text)", "must be text (String)")]
    [InlineData("${format(now(), pattern)}", "pola tanggal", "not a valid date pattern")]
    [InlineData("${format(now(), 'yyyy', bahasa)}", "'id' atau 'en'", "must be 'id' or 'en'")]
    public void EvaluationErrors_NameTheOffendingPiece(string text, string indonesian, string english)
    {
        var variables = Variables();
        variables["pattern"] = "";
        variables["bahasa"] = "jv";
        variables["min"] = DateTimeOffset.MinValue;
        variables["max"] = DateTimeOffset.MaxValue;
        variables["minText"] = "0001-01-01";
        var error = EvalError(text, variables);
        Assert.Contains(indonesian, error.Text.Indonesian, StringComparison.Ordinal);
        Assert.Contains(english, error.Text.English, StringComparison.Ordinal);
        Assert.Contains($"'{text}'", error.Text.Indonesian, StringComparison.Ordinal);
        Assert.Contains($"'{text}'", error.Text.English, StringComparison.Ordinal);
        Assert.Equal(text, error.ExpressionText);
        Assert.NotNull(error.Position);
    }

    [Fact]
    public void UnknownVariable_PointsAtTheName()
    {
        var error = EvalError("${n > 1 && nilai > 60}");
        Assert.Equal(12, error.Position);
        Assert.StartsWith("Variabel 'nilai' tidak dikenal dalam ekspresi '${n > 1 && nilai > 60}'.", error.Text.Indonesian, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("${5}", "Long 5")]
    [InlineData("${nama}", "String 'Sari'")]
    [InlineData("${nothing}", "null")]
    [InlineData("${yesText}", "String 'true'")]
    [InlineData("disetujui", "String 'disetujui'")]
    public void EvaluateCondition_RefusesNonBooleans(string text, string described)
    {
        var expression = Expression.Parse(text);
        var error = Assert.Throws<ExpressionException>(() => expression.EvaluateCondition(new DictionaryVariableResolver(Variables()), Env));
        Assert.Contains($"Kondisi '{text}' harus menghasilkan Boolean", error.Text.Indonesian, StringComparison.Ordinal);
        Assert.Contains($"but gives {described}", error.Text.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Limits_AreEnforcedAtParseTime()
    {
        var tooLong = ParseError("${n}" + new string(' ', 4000));
        Assert.Contains("longer than 4000 characters", tooLong.Text.English, StringComparison.Ordinal);

        var deepParentheses = ParseError("${" + new string('(', 65) + "1" + new string(')', 65) + "}");
        Assert.Contains("more than 64 levels", deepParentheses.Text.English, StringComparison.Ordinal);
        Assert.NotNull(Expression.Parse("${" + new string('(', 60) + "1" + new string(')', 60) + "}"));

        var deepLists = ParseError("${" + new string('[', 100) + new string(']', 100) + "}");
        Assert.Contains("more than 64 levels", deepLists.Text.English, StringComparison.Ordinal);

        var deepNot = ParseError("${" + new string('!', 1000) + "yes}");
        Assert.Contains("more than 64 levels", deepNot.Text.English, StringComparison.Ordinal);

        var deepCalls = ParseError("${" + string.Concat(Enumerable.Repeat("lower(", 100)) + "'a'" + new string(')', 100) + "}");
        Assert.Contains("more than 64 levels", deepCalls.Text.English, StringComparison.Ordinal);

        var longChain = ParseError("${" + string.Join(" || ", Enumerable.Repeat("opd == 'X'", 270)) + "}");
        Assert.Contains("too complex", longChain.Text.English, StringComparison.Ordinal);
        Assert.Contains("contains(['A','B','C'], opd)", longChain.Text.English, StringComparison.Ordinal);

        var longPath = ParseError("${a" + string.Concat(Enumerable.Repeat(".b", 1000)) + "}");
        Assert.Contains("too complex", longPath.Text.English, StringComparison.Ordinal);
    }

    [Fact]
    public void StringResults_AreCapped()
    {
        var big = new string('x', 600_000);
        var variables = new Dictionary<string, object?> { ["big"] = big };
        Assert.Equal(big.Length * 1L, ((string)Eval("${big}", variables)!).Length);

        var concatenated = EvalError("${big + big}", variables);
        Assert.Contains("longer than 1048576 characters", concatenated.Text.English, StringComparison.Ordinal);
        Assert.Contains("'big + big'", concatenated.Text.English, StringComparison.Ordinal);

        var template = EvalError("${big}${big}", variables);
        Assert.Contains("longer than 1048576 characters", template.Text.English, StringComparison.Ordinal);

        var joined = EvalError("${concat(big, '-', big)}", variables);
        Assert.Contains("longer than 1048576 characters", joined.Text.English, StringComparison.Ordinal);

        // Doubling inside one expression cannot escape the cap either.
        var doubled = EvalError("${concat(big + 'a', big + 'b')}", variables);
        Assert.Contains("characters", doubled.Text.English, StringComparison.Ordinal);
    }

    [Fact]
    public void WorkingDays_WithNoWorkingDayInTheCalendar_FailClearly()
    {
        var environment = Env with { Calendar = new NeverWorking() };
        var error = Assert.Throws<ExpressionException>(() => Eval("${addWorkingDays(now(), 1)}", environment: environment));
        Assert.Contains("'addWorkingDays(now(), 1)'", error.Text.English, StringComparison.Ordinal);
        Assert.Contains("working-day calendar", error.Text.English, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedResolverValues_FailAsExpressionErrors()
    {
        var variables = new Dictionary<string, object?> { ["alat"] = new Uri("https://example.org") };
        var error = EvalError("${alat == 1}", variables);
        Assert.Contains("'alat'", error.Text.English, StringComparison.Ordinal);
        Assert.Contains("Uri", error.Text.English, StringComparison.Ordinal);
    }

    private sealed class NeverWorking : IWorkingCalendar
    {
        public bool IsWorkingDay(DateOnly day) => false;
    }
}
