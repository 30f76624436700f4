using Kks.Workflow.Engine.Expressions;
using static Kks.Workflow.Engine.Tests.Expressions.ExpressionTestKit;

namespace Kks.Workflow.Engine.Tests.Expressions;

public sealed class TextFormTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("DINKES", "DINKES")]
    [InlineData("Rp 5.000 {tetap}", "Rp 5.000 {tetap}")]
    [InlineData("harga $5 # bukan ekspresi", "harga $5 # bukan ekspresi")]
    [InlineData("biaya \\${n}", "biaya ${n}")]
    [InlineData("\\#{n} dan \\${n}", "#{n} dan ${n}")]
    public void PlainText_IsLiteralAndReturnsItself(string text, string expected)
    {
        var expression = Expression.Parse(text);
        Assert.True(expression.IsLiteral);
        Assert.Empty(expression.Variables);
        Assert.Equal(expected, expression.Evaluate(DictionaryVariableResolver.Empty, Env));
        Assert.Equal(text, expression.Text);
    }

    [Theory]
    [InlineData("${n}", 5)]
    [InlineData("#{n}", 5)]
    [InlineData("${ n }", 5)]
    [InlineData("${yes}", true)]
    [InlineData("${half}", 0.5)]
    [InlineData("${nothing}", null)]
    public void SingleExpression_KeepsItsType(string text, object? expected)
    {
        var expression = Expression.Parse(text);
        Assert.False(expression.IsLiteral);
        AssertValue(expected, Eval(text));
    }

    [Theory]
    [InlineData("opd-${opd}", "opd-DINKES")]
    [InlineData("Halo ${nama}, ${n} tugas", "Halo Sari, 5 tugas")]
    [InlineData("${n}${n}", "55")]
    [InlineData(" ${n} ", " 5 ")]
    [InlineData("[${nothing}]", "[]")]
    [InlineData("${yes} / ${half} / #{zero}", "true / 0.5 / 0")]
    [InlineData("Tenggat: ${deadline}", "Tenggat: 2024-03-08T16:00:00+07:00")]
    [InlineData("OPD: ${opds}", "OPD: [\"DINKES\",\"BAPPEDA\",\"DISDIK\"]")]
    [InlineData("${dokumen.penulis}", null)]
    [InlineData("x${'}'}y", "x}y")]
    [InlineData("${n} \\${n}", "5 ${n}")]
    public void CompositeText_IsAString(string text, string? expected)
    {
        if (expected is null)
        {
            // A single expression returning an object stays an object...
            Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(Eval(text));
            // ...and reads as JSON through EvaluateString.
            Assert.Equal("{\"nama\":\"Budi\",\"opd\":null}", Expression.Parse(text).EvaluateString(new DictionaryVariableResolver(Variables()), Env));
            return;
        }

        Assert.Equal(expected, Eval(text));
    }

    [Theory]
    [InlineData("${n > 1}", new[] { "n" })]
    [InlineData("${dokumen.penulis.nama == nama}", new[] { "dokumen", "nama" })]
    [InlineData("${a[b].c[0] + d.size() + size(e) + f.contains(g)}", new[] { "a", "b", "d", "e", "f", "g" })]
    [InlineData("Halo ${nama}, ${n} tugas dari #{opd}", new[] { "nama", "n", "opd" })]
    [InlineData("${addWorkingDays(today(), hari)}", new[] { "hari" })]
    [InlineData("${x ? x : x}", new[] { "x" })]
    [InlineData("${empty a.b or not c}", new[] { "a", "c" })]
    [InlineData("${['A', opd]}", new[] { "opd" })]
    [InlineData("${1 + 2}", new string[0])]
    public void Variables_ListsTheRootNames(string text, string[] expected)
    {
        var expression = Expression.Parse(text);
        Assert.Equal(expected.OrderBy(v => v, StringComparer.Ordinal), expression.Variables.OrderBy(v => v, StringComparer.Ordinal));
    }

    [Fact]
    public void Access_ReadsPropertiesAndIndexes()
    {
        Assert.Equal("Laporan", Eval("${dokumen.judul}"));
        Assert.Equal("Laporan", Eval("${dokumen['judul']}"));
        Assert.Equal("Budi", Eval("${dokumen.penulis.nama}"));
        Assert.Equal("Budi", Eval("${dokumen[\"penulis\"]['nama']}"));
        Assert.Null(Eval("${dokumen.penulis.opd}"));
        Assert.Null(Eval("${dokumen.tidakAda}"));
        Assert.Equal("kata kunci", Eval("${dokumen.empty}"));
        Assert.Equal("b.pdf", Eval("${dokumen.lampiran[1]}"));
        Assert.Equal("DINKES", Eval("${opds[0]}"));
        Assert.Equal("DISDIK", Eval("${opds[n - 3]}"));
        Assert.Equal("BAPPEDA", Eval("${['DINKES','BAPPEDA'][1]}"));
        AssertValue(12, Eval("${dokumen.halaman}"));
    }

    [Fact]
    public void ListLiterals_AreLists()
    {
        var constant = Assert.IsAssignableFrom<IReadOnlyList<object?>>(Eval("${['DINKES', 'BAPPEDA', 1, null]}"));
        Assert.Equal(["DINKES", "BAPPEDA", 1L, null], constant);
        var computed = Assert.IsAssignableFrom<IReadOnlyList<object?>>(Eval("${[opd, n + 1, []]}"));
        Assert.Equal("DINKES", computed[0]);
        Assert.Equal(6L, computed[1]);
        Assert.Empty(Assert.IsAssignableFrom<IReadOnlyList<object?>>(computed[2]));
    }

    [Fact]
    public void Resolver_ValuesOfOtherClrTypesAreNormalized()
    {
        var variables = new Dictionary<string, object?> { ["i"] = 3, ["m"] = 2.5m, ["list"] = new List<int> { 1, 2 } };
        AssertValue(4, Eval("${i + 1}", variables));
        AssertValue(5.0, Eval("${m * 2}", variables));
        AssertValue(true, Eval("${list.contains(2)}", variables));
    }

    [Fact]
    public void EvaluateString_ReadsValuesAsText()
    {
        var resolver = new DictionaryVariableResolver(Variables());
        Assert.Equal("5", Expression.Parse("${n}").EvaluateString(resolver, Env));
        Assert.Equal("0.5", Expression.Parse("${half}").EvaluateString(resolver, Env));
        Assert.Equal("2", Expression.Parse("${4 / 2}").EvaluateString(resolver, Env));
        Assert.Equal("true", Expression.Parse("${yes}").EvaluateString(resolver, Env));
        Assert.Null(Expression.Parse("${nothing}").EvaluateString(resolver, Env));
        Assert.Equal("kepala-DINKES", Expression.Parse("kepala-${opd}").EvaluateString(resolver, Env));
        Assert.Equal("2024-03-01T10:30:00+07:00", Expression.Parse("${now()}").EvaluateString(resolver, Env));
    }

    [Fact]
    public void EvaluateCondition_ReturnsBooleans()
    {
        var resolver = new DictionaryVariableResolver(Variables());
        Assert.True(Expression.Parse("${n >= 5}").EvaluateCondition(resolver, Env));
        Assert.False(Expression.Parse("${no}").EvaluateCondition(resolver, Env));
        Assert.True(Expression.Parse("${contains(opds, opd)}").EvaluateCondition(resolver, Env));
    }

    [Fact]
    public void TryParse_ReportsInsteadOfThrowing()
    {
        Assert.True(Expression.TryParse("${n > 1}", out var expression, out var error));
        Assert.NotNull(expression);
        Assert.Null(error);

        Assert.False(Expression.TryParse("${n >}", out expression, out error));
        Assert.Null(expression);
        Assert.Contains("posisi 6", error.Indonesian, StringComparison.Ordinal);
        Assert.Contains("position 6", error.English, StringComparison.Ordinal);
    }

    [Fact]
    public void ParsedExpression_IsReusableAcrossEvaluations()
    {
        var expression = Expression.Parse("${n * 2}");
        for (var i = 0L; i < 100; i++)
        {
            var variables = new Dictionary<string, object?> { ["n"] = i };
            Assert.Equal(i * 2, expression.Evaluate(new DictionaryVariableResolver(variables), Env));
        }
    }
}
