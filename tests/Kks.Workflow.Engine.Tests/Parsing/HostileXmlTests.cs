using System.Text;

namespace Kks.Workflow.Engine.Tests.Parsing;

/// <summary>Hostile or broken uploads end as a clear <see cref="BpmnParseException"/>: never a hang, a crash or an out-of-memory.</summary>
public sealed class HostileXmlTests
{
    private const string Open = "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"D\">";
    private const string Close = "</bpmn:definitions>";

    [Fact]
    public void ExternalEntity_IsRefusedAsADtd()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" +
            Open + "<bpmn:process id=\"P\" name=\"&xxe;\"/>" + Close;

        var ex = Assert.Throws<BpmnParseException>(() => BpmnParser.Parse(xml));

        Assert.Contains("DTD", ex.Text.Indonesian, StringComparison.Ordinal);
        Assert.Contains("DOCTYPE", ex.Text.English, StringComparison.Ordinal);
    }

    [Fact]
    public void BillionLaughs_IsRefusedAsADtd()
    {
        var entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (var i = 1; i < 10; i++)
        {
            entities.Append(System.Globalization.CultureInfo.InvariantCulture, $"<!ENTITY lol{i} \"&lol{i - 1};&lol{i - 1};&lol{i - 1};&lol{i - 1};&lol{i - 1};&lol{i - 1};&lol{i - 1};&lol{i - 1};&lol{i - 1};&lol{i - 1};\">");
        }

        var xml = $"<?xml version=\"1.0\"?><!DOCTYPE lolz [{entities}]>{Open}<bpmn:process id=\"P\" name=\"&lol9;\"/>{Close}";

        var ex = Assert.Throws<BpmnParseException>(() => BpmnParser.Parse(xml));

        Assert.Contains("DTD", ex.Text.English, StringComparison.Ordinal);
    }

    [Fact]
    public void ExternalDtdReference_IsRefused()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE definitions SYSTEM \"http://127.0.0.1:9/evil.dtd\">" + Open + Close;

        Assert.Contains("DTD", Assert.Throws<BpmnParseException>(() => BpmnParser.Parse(xml)).Text.English, StringComparison.Ordinal);
    }

    [Fact]
    public void XInclude_IsNotFollowed()
    {
        var xml = Open + "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file:///etc/passwd\" parse=\"text\"/>" +
            "<bpmn:process id=\"P\" isExecutable=\"true\"/>" + Close;

        var defs = BpmnParser.Parse(xml);

        Assert.Equal("P", defs.Processes.Single().Id);
    }

    [Fact]
    public void DeepNesting_IsRefusedWithItsLine()
    {
        var depth = 100_000;
        var xml = Open + "\n" + string.Concat(Enumerable.Repeat("<x>", depth)) + string.Concat(Enumerable.Repeat("</x>", depth)) + Close;

        var ex = Assert.Throws<BpmnParseException>(() => BpmnParser.Parse(xml));

        Assert.Contains(BpmnParser.MaxDepth.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Text.English, StringComparison.Ordinal);
        Assert.Equal(2, ex.LineNumber);
    }

    [Fact]
    public void DeeplyNestedSubProcesses_AreRefusedNotRecursedInto()
    {
        var depth = BpmnParser.MaxDepth + 10;
        var xml = Open + "<bpmn:process id=\"P\" isExecutable=\"true\">" +
            string.Concat(Enumerable.Range(0, depth).Select(i => $"<bpmn:subProcess id=\"S{i}\">")) +
            string.Concat(Enumerable.Repeat("</bpmn:subProcess>", depth)) + "</bpmn:process>" + Close;

        Assert.Throws<BpmnParseException>(() => BpmnParser.Parse(xml));
    }

    [Fact]
    public void NestingWithinTheLimit_Parses()
    {
        const int depth = 100;
        var xml = Open + "<bpmn:process id=\"P\" isExecutable=\"true\">" +
            string.Concat(Enumerable.Range(0, depth).Select(i => $"<bpmn:subProcess id=\"S{i}\"><bpmn:startEvent id=\"St{i}\"/>")) +
            string.Concat(Enumerable.Repeat("</bpmn:subProcess>", depth)) + "</bpmn:process>" + Close;

        var process = BpmnParser.Parse(xml).Processes.Single();

        Assert.Equal(2 * depth, process.AllNodes.Count);
    }

    [Fact]
    public void HundredMegabyteStreamOfUnknownLength_IsRefusedEarly()
    {
        using var stream = new EndlessXmlStream(100L * 1024 * 1024, seekable: false);

        var ex = Assert.Throws<BpmnParseException>(() => BpmnParser.Parse(stream));

        Assert.Contains("MB", ex.Text.English, StringComparison.Ordinal);
        Assert.True(stream.BytesRead <= BpmnParser.MaxDocumentSize + 64 * 1024, $"read {stream.BytesRead} bytes");
    }

    [Fact]
    public void HundredMegabyteSeekableStream_IsRefusedWithoutReading()
    {
        using var stream = new EndlessXmlStream(100L * 1024 * 1024, seekable: true);

        Assert.Throws<BpmnParseException>(() => BpmnParser.Parse(stream));
        Assert.Equal(0, stream.BytesRead);
    }

    [Fact]
    public void HugeString_IsRefused()
    {
        var xml = Open + new string(' ', BpmnParser.MaxDocumentSize) + Close;

        Assert.Contains("MB", Assert.Throws<BpmnParseException>(() => BpmnParser.Parse(xml)).Text.Indonesian, StringComparison.Ordinal);
    }

    [Fact]
    public void MillionsOfTinyElements_AreRefused()
    {
        var xml = Open + string.Concat(Enumerable.Repeat("<a/>", BpmnParser.MaxNodes + 1)) + Close;

        var ex = Assert.Throws<BpmnParseException>(() => BpmnParser.Parse(xml));

        Assert.Contains("nodes", ex.Text.English, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("bukan xml sama sekali")]
    [InlineData("{\"definitions\": []}")]
    [InlineData("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><bpmn:process>")]
    [InlineData("<a><b></a>")]
    [InlineData("<bpmn:definitions>")]
    public void NotWellFormed_IsAParseException(string xml)
    {
        var ex = Assert.Throws<BpmnParseException>(() => BpmnParser.Parse(xml));

        Assert.False(string.IsNullOrWhiteSpace(ex.Text.Indonesian));
        Assert.False(string.IsNullOrWhiteSpace(ex.Text.English));
        Assert.IsAssignableFrom<EngineException>(ex);
    }

    [Fact]
    public void TruncatedFile_ReportsLineAndPosition()
    {
        var xml = Open + "\n<bpmn:process id=\"P\">\n<bpmn:startEvent id=\"S\">\n";

        var ex = Assert.Throws<BpmnParseException>(() => BpmnParser.Parse(xml));

        Assert.NotNull(ex.LineNumber);
        Assert.NotNull(ex.LinePosition);
        Assert.Contains("baris", ex.Text.Indonesian, StringComparison.Ordinal);
    }

    [Fact]
    public void BinaryGarbage_IsAParseException()
    {
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);
        using var stream = new MemoryStream(bytes);

        Assert.Throws<BpmnParseException>(() => BpmnParser.Parse(stream));
    }

    [Theory]
    [InlineData("<html><body/></html>", "html")]
    [InlineData("<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" id=\"d\"/>", "DMN")]
    [InlineData("<definitions xmlns=\"http://schema.omg.org/spec/BPMN/2.0\" id=\"d\"/>", "schema.omg.org")]
    [InlineData("<bpmn:process xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"p\"/>", "process")]
    public void OtherDocument_IsRefusedAsNotBpmn(string xml, string named)
    {
        var ex = Assert.Throws<BpmnParseException>(() => BpmnParser.Parse(xml));

        Assert.Contains("BPMN", ex.Text.English, StringComparison.Ordinal);
        Assert.Contains(named, ex.Text.English, StringComparison.Ordinal);
    }

    [Fact]
    public void CallerStream_IsLeftOpen()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Open + Close));

        BpmnParser.Parse(stream);

        Assert.True(stream.CanRead);
    }

    /// <summary>
    /// A BPMN opening followed by an endless comment-free text of spaces, produced on demand so the test itself
    /// never holds 100 MB. Reports a length when seekable, like a file would.
    /// </summary>
    private sealed class EndlessXmlStream(long length, bool seekable) : Stream
    {
        private static readonly byte[] Head = Encoding.UTF8.GetBytes(Open + "<bpmn:documentation>");

        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => seekable;

        public override bool CanWrite => false;

        public override long Length => seekable ? length : throw new NotSupportedException();

        public override long Position
        {
            get => BytesRead;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - BytesRead);
            buffer.AsSpan(offset, n).Fill((byte)'x');
            if (BytesRead < Head.Length)
            {
                var head = Head.AsSpan((int)BytesRead);
                head[..Math.Min(head.Length, n)].CopyTo(buffer.AsSpan(offset));
            }

            BytesRead += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
