using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kks.Workflow.Web.Instruments;

/// <summary>The JSON form of an instrument: the shipped files in Kks/Instruments/Data and the API's body.</summary>
public static class InstrumentFiles
{
    /// <summary>The shipped instruments, copied beside the app by the build.</summary>
    public static string ShippedDirectory => Path.Combine(AppContext.BaseDirectory, "Kks", "Instruments", "Data");

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static InstrumentDocument Parse(ReadOnlySpan<byte> utf8)
    {
        return JsonSerializer.Deserialize<InstrumentDocument>(utf8, Json)
               ?? throw new JsonException("The file holds no instrument.");
    }

    public static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
