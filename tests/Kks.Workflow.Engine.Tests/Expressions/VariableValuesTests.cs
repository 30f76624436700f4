using System.Collections.ObjectModel;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kks.Workflow.Engine.Tests.Expressions;

public sealed class VariableValuesTests
{
    public enum Status
    {
        Draft,
        Approved,
    }

    public static TheoryData<object?, object?> Scalars => new()
    {
        { null, null },
        { "teks", "teks" },
        { true, true },
        { 5L, 5L },
        { 5, 5L },
        { (short)5, 5L },
        { (byte)5, 5L },
        { (sbyte)-5, -5L },
        { (ushort)5, 5L },
        { 5u, 5L },
        { 5ul, 5L },
        { (Int128)5, 5L },
        { new System.Numerics.BigInteger(5), 5L },
        { 0.5, 0.5 },
        { 0.1f, 0.1 },
        { (Half)0.5, 0.5 },
        { 2.5m, 2.5 },
        { 3m, 3L },
        { 3.0m, 3L },
        { decimal.MaxValue, (double)decimal.MaxValue },
        { 'x', "x" },
        { Status.Approved, "Approved" },
        { new Guid("b1c7d9e2-0000-4000-8000-000000000001"), "b1c7d9e2-0000-4000-8000-000000000001" },
    };

    [Theory]
    [MemberData(nameof(Scalars))]
    public void Normalize_MapsScalarsToTheModel(object? input, object? expected)
    {
        var normalized = VariableValues.Normalize(input);
        Assert.Equal(expected, normalized);
        Assert.Equal(expected?.GetType(), normalized?.GetType());
        Assert.True(VariableValues.IsNormalized(normalized));
    }

    [Fact]
    public void Normalize_MapsDatesToDateTimeOffset()
    {
        var offset = new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.FromHours(7));
        Assert.Equal(offset, VariableValues.Normalize(offset));
        var utc = Assert.IsType<DateTimeOffset>(VariableValues.Normalize(new DateTime(2024, 3, 1, 1, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(offset, utc);
        var unspecified = Assert.IsType<DateTimeOffset>(VariableValues.Normalize(new DateTime(2024, 3, 1, 1, 0, 0)));
        Assert.Equal(TimeSpan.Zero, unspecified.Offset);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero), VariableValues.Normalize(new DateOnly(2024, 3, 1)));
    }

    [Fact]
    public void Normalize_CopiesCollectionsIntoReadOnlyValues()
    {
        var source = new List<object?> { 1, "a", new[] { 2, 3 }, new Dictionary<string, int> { ["k"] = 4 } };
        var list = Assert.IsType<ReadOnlyCollection<object?>>(VariableValues.Normalize(source));
        Assert.Equal(1L, list[0]);
        Assert.Equal("a", list[1]);
        Assert.Equal([2L, 3L], Assert.IsType<ReadOnlyCollection<object?>>(list[2]));
        Assert.Equal(4L, Assert.IsType<ReadOnlyDictionary<string, object?>>(list[3])["k"]);

        // A later change to the caller's list does not reach the stored value.
        source.Add(5);
        Assert.Equal(4, list.Count);

        // Already normalized values come back as they are.
        Assert.Same(list, VariableValues.Normalize(list));
    }

    [Fact]
    public void Normalize_ReadsJson()
    {
        const string Json = """{"nama":"Sari","n":5,"x":2.5,"ok":true,"none":null,"tags":["a","b"],"nested":{"d":"2024-03-01"}}""";
        foreach (var input in new object[] { JsonDocument.Parse(Json).RootElement, JsonNode.Parse(Json)!, JsonDocument.Parse(Json) })
        {
            var map = Assert.IsType<ReadOnlyDictionary<string, object?>>(VariableValues.Normalize(input));
            Assert.Equal("Sari", map["nama"]);
            Assert.Equal(5L, map["n"]);
            Assert.Equal(2.5, map["x"]);
            Assert.Equal(true, map["ok"]);
            Assert.Null(map["none"]);
            Assert.Equal(["a", "b"], Assert.IsType<ReadOnlyCollection<object?>>(map["tags"]));
            // Dates in JSON stay text; date() in an expression reads them.
            Assert.Equal("2024-03-01", Assert.IsType<ReadOnlyDictionary<string, object?>>(map["nested"])["d"]);
        }

        Assert.Equal(7L, VariableValues.Normalize(JsonValue.Create(7)));
    }

    [Theory]
    [InlineData("Uri")]
    [InlineData("bytes")]
    [InlineData("nan")]
    [InlineData("ulong")]
    [InlineData("intKeys")]
    [InlineData("deep")]
    public void Normalize_RefusesWhatTheModelCannotHold(string kind)
    {
        object value = kind switch
        {
            "Uri" => new Uri("https://example.org"),
            "bytes" => new byte[] { 1, 2 },
            "nan" => double.NaN,
            "ulong" => ulong.MaxValue,
            "intKeys" => new Dictionary<int, string> { [1] = "a" },
            _ => Deep(100),
        };
        var error = Assert.ThrowsAny<EngineException>(() => VariableValues.Normalize(value));
        Assert.NotEmpty(error.Text.Indonesian);
        Assert.NotEmpty(error.Text.English);
    }

    [Theory]
    [InlineData(null, "Null")]
    [InlineData("a", "String")]
    [InlineData(true, "Boolean")]
    [InlineData(5L, "Long")]
    [InlineData(5, "Long")]
    [InlineData(0.5, "Double")]
    public void TypeName_UsesCamundaNames(object? value, string expected) => Assert.Equal(expected, VariableValues.TypeName(value));

    [Fact]
    public void TypeName_NamesDatesAndJson()
    {
        Assert.Equal("Date", VariableValues.TypeName(DateTimeOffset.UnixEpoch));
        Assert.Equal("Json", VariableValues.TypeName(VariableValues.Normalize(new[] { 1 })));
        Assert.Equal("Json", VariableValues.TypeName(VariableValues.Normalize(new Dictionary<string, object?>())));
    }

    private static object Deep(int depth)
    {
        object value = 1;
        for (var i = 0; i < depth; i++)
        {
            value = new List<object> { value };
        }

        return value;
    }
}
