using static Kks.Workflow.Engine.Tests.Expressions.ExpressionTestKit;

namespace Kks.Workflow.Engine.Tests.Expressions;

public sealed class OperatorTests
{
    [Theory]
    // Literals.
    [InlineData("${42}", 42)]
    [InlineData("${4.5}", 4.5)]
    [InlineData("${.5}", 0.5)]
    [InlineData("${1e3}", 1000.0)]
    [InlineData("${2.5E-1}", 0.25)]
    [InlineData("${'satu'}", "satu")]
    [InlineData("${\"dua\"}", "dua")]
    [InlineData("${'it\\'s'}", "it's")]
    [InlineData("${\"say \\\"hi\\\"\"}", "say \"hi\"")]
    [InlineData("${'back\\\\slash'}", "back\\slash")]
    [InlineData("${'C:\\data'}", "C:\\data")]
    [InlineData("${'a}b'}", "a}b")]
    [InlineData("${true}", true)]
    [InlineData("${false}", false)]
    [InlineData("${null}", null)]
    // Arithmetic: long stays long, double wins, / is always double.
    [InlineData("${1 + 2}", 3)]
    [InlineData("${n - 7}", -2)]
    [InlineData("${n * 3}", 15)]
    [InlineData("${7 / 2}", 3.5)]
    [InlineData("${8 div 2}", 4.0)]
    [InlineData("${7 % 3}", 1)]
    [InlineData("${7 mod 3}", 1)]
    [InlineData("${-7 % 3}", -1)]
    [InlineData("${7.5 % 2}", 1.5)]
    [InlineData("${n + half}", 5.5)]
    [InlineData("${half * 4}", 2.0)]
    [InlineData("${-n}", -5)]
    [InlineData("${-half}", -0.5)]
    [InlineData("${- -n}", 5)]
    [InlineData("${nothing + 1}", 1)]
    [InlineData("${nothing + nothing}", 0)]
    [InlineData("${-nothing}", 0)]
    // + with a string concatenates (a deliberate extension of JUEL).
    [InlineData("${'opd-' + opd}", "opd-DINKES")]
    [InlineData("${'n=' + n}", "n=5")]
    [InlineData("${n + '!'}", "5!")]
    [InlineData("${'x' + nothing}", "x")]
    [InlineData("${'ok: ' + yes}", "ok: true")]
    [InlineData("${1 + 2 + 'a'}", "3a")]
    [InlineData("${'a' + 1 + 2}", "a12")]
    // Precedence and grouping.
    [InlineData("${1 + 2 * 3}", 7)]
    [InlineData("${(1 + 2) * 3}", 9)]
    [InlineData("${10 - 4 - 3}", 3)]
    [InlineData("${2 * 3 % 4}", 2)]
    [InlineData("${1 + 2 == 3}", true)]
    [InlineData("${1 < 2 == true}", true)]
    [InlineData("${true || false && false}", true)]
    [InlineData("${(true || false) && false}", false)]
    [InlineData("${!yes || yes}", true)]
    [InlineData("${not yes and no}", false)]
    [InlineData("${-2 * -3}", 6)]
    [InlineData("${empty kosong == true}", true)]
    [InlineData("${yes ? 1 : 2}", 1)]
    [InlineData("${no ? 1 : 2}", 2)]
    [InlineData("${no ? 1 : yes ? 2 : 3}", 2)]
    [InlineData("${n > 3 ? 'besar' : 'kecil'}", "besar")]
    [InlineData("${yes ? no ? 'a' : 'b' : 'c'}", "b")]
    [InlineData("${((((n))))}", 5)]
    public void Operators_GiveJuelValues(string text, object? expected) => AssertValue(expected, Eval(text));

    [Theory]
    [InlineData("${n == 5}", true)]
    [InlineData("${n eq 5}", true)]
    [InlineData("${n != 5}", false)]
    [InlineData("${n ne 4}", true)]
    [InlineData("${n == 5.0}", true)]
    [InlineData("${half == 0.5}", true)]
    [InlineData("${opd == 'DINKES'}", true)]
    [InlineData("${opd == 'dinkes'}", false)]
    [InlineData("${n == '5'}", false)]
    [InlineData("${yes == 'true'}", false)]
    [InlineData("${nothing == null}", true)]
    [InlineData("${null == null}", true)]
    [InlineData("${n == null}", false)]
    [InlineData("${null != n}", true)]
    [InlineData("${yes == true}", true)]
    [InlineData("${deadline == date('2024-03-08T16:00')}", true)]
    [InlineData("${deadline == date('2024-03-08T09:00Z')}", true)]
    [InlineData("${deadline == deadlineText}", false)]
    [InlineData("${opds == ['DINKES','BAPPEDA','DISDIK']}", true)]
    [InlineData("${opds == ['DINKES','BAPPEDA']}", false)]
    [InlineData("${nums == [1, 2.5, 3]}", true)]
    [InlineData("${none == []}", true)]
    [InlineData("${emptyMap == dokumen}", false)]
    [InlineData("${dokumen == dokumen}", true)]
    [InlineData("${n < 6}", true)]
    [InlineData("${n lt 5}", false)]
    [InlineData("${n > 4.5}", true)]
    [InlineData("${n gt 5}", false)]
    [InlineData("${n <= 5}", true)]
    [InlineData("${n le 4}", false)]
    [InlineData("${n >= 5.0}", true)]
    [InlineData("${n ge 6}", false)]
    [InlineData("${'apel' < 'jeruk'}", true)]
    [InlineData("${'Z' < 'a'}", true)]
    [InlineData("${'abc' >= 'abc'}", true)]
    [InlineData("${deadline > now()}", true)]
    [InlineData("${deadline < date('2024-03-08')}", false)]
    [InlineData("${nothing > 1}", false)]
    [InlineData("${nothing < 1}", false)]
    [InlineData("${nothing <= nothing}", true)]
    [InlineData("${nothing < nothing}", false)]
    public void Comparisons_FollowTheValueModel(string text, bool expected) => Assert.Equal(expected, Eval(text));

    [Theory]
    [InlineData("${empty nothing}", true)]
    [InlineData("${empty kosong}", true)]
    [InlineData("${empty none}", true)]
    [InlineData("${empty emptyMap}", true)]
    [InlineData("${empty opds}", false)]
    [InlineData("${empty nama}", false)]
    [InlineData("${empty zero}", false)]
    [InlineData("${empty no}", false)]
    [InlineData("${not empty nama}", true)]
    [InlineData("${!empty dokumen.penulis.opd}", false)]
    // Logical operands: booleans, null as false, "true"/"false" text as in JUEL.
    [InlineData("${yes && yes}", true)]
    [InlineData("${yes and no}", false)]
    [InlineData("${no || yes}", true)]
    [InlineData("${no or no}", false)]
    [InlineData("${!no}", true)]
    [InlineData("${not yes}", false)]
    [InlineData("${!nothing}", true)]
    [InlineData("${nothing || yes}", true)]
    [InlineData("${yesText && yes}", true)]
    [InlineData("${!noText}", true)]
    [InlineData("${nothing ? 'a' : 'b'}", "b")]
    public void EmptyAndTruthiness_FollowTheRules(string text, object expected) => AssertValue(expected, Eval(text));

    [Fact]
    public void ShortCircuit_SkipsTheRightSide()
    {
        // The right sides would fail (unknown variable, division by zero) if evaluated.
        Assert.Equal(false, Eval("${no && missing > 1}"));
        Assert.Equal(true, Eval("${yes || 1 / zero > 1}"));
        Assert.Equal(1L, Eval("${yes ? 1 : missing}"));
        Assert.Equal(true, Eval("${not empty dokumen && dokumen.halaman > 10}"));
    }

    [Fact]
    public void LargeIntegers_StayExact()
    {
        AssertValue(9_223_372_036_854_775_807L, Eval("${9223372036854775806 + 1}"));
        AssertValue(-9_223_372_036_854_775_807L, Eval("${-9223372036854775807}"));
        AssertValue(0L, Eval("${n % -1}"));
    }
}
