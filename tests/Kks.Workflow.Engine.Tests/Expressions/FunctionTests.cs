using static Kks.Workflow.Engine.Tests.Expressions.ExpressionTestKit;

namespace Kks.Workflow.Engine.Tests.Expressions;

public sealed class FunctionTests
{
    [Theory]
    [InlineData("${size(opds)}", 3)]
    [InlineData("${opds.size()}", 3)]
    [InlineData("${size('abc')}", 3)]
    [InlineData("${nama.size()}", 4)]
    [InlineData("${size(nothing)}", 0)]
    [InlineData("${size(dokumen)}", 5)]
    [InlineData("${size(emptyMap)}", 0)]
    [InlineData("${size([])}", 0)]
    [InlineData("${dokumen.lampiran.size() > 1}", true)]
    [InlineData("${opds.isEmpty()}", false)]
    [InlineData("${none.isEmpty()}", true)]
    [InlineData("${kosong.isEmpty()}", true)]
    [InlineData("${nothing.isEmpty()}", true)]
    [InlineData("${contains(opds, 'DINKES')}", true)]
    [InlineData("${contains(['DINKES','BAPPEDA'], opd)}", true)]
    [InlineData("${opds.contains('X')}", false)]
    [InlineData("${opds.contains(upper(lower(opd)))}", true)]
    [InlineData("${contains(nums, 3.0)}", true)]
    [InlineData("${contains(nums, '1')}", false)]
    [InlineData("${contains(nama, 'ar')}", true)]
    [InlineData("${contains(nama, 'AR')}", false)]
    [InlineData("${contains(dokumen, 'judul')}", true)]
    [InlineData("${dokumen.contains('isi')}", false)]
    [InlineData("${contains(nothing, 'x')}", false)]
    [InlineData("${contains([[1], [2]], [2])}", true)]
    [InlineData("${lower('DINKES')}", "dinkes")]
    [InlineData("${upper(nama)}", "SARI")]
    [InlineData("${upper('istimewa')}", "ISTIMEWA")]
    [InlineData("${lower(nothing)}", null)]
    [InlineData("${concat('a', n, nothing, yes)}", "a5true")]
    [InlineData("${concat(opd)}", "DINKES")]
    [InlineData("${concat('kepala-', lower(opd))}", "kepala-dinkes")]
    public void Functions_GiveTheirValues(string text, object? expected) => AssertValue(expected, Eval(text));
}
