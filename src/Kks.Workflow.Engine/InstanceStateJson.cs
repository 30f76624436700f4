using System.Text.Json;
using System.Text.Json.Serialization;
using Kks.Workflow.Engine.Serialization;
using Kks.Workflow.Engine.State;

namespace Kks.Workflow.Engine;

/// <summary>
/// Instance state to JSON and back without loss (dates, whole doubles and nested values keep their kind):
/// what the durable runtime stores in the instance row.
/// </summary>
public static class InstanceStateJson
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>The state as JSON, written by hand (<see cref="InstanceStateWriter"/>): the same text the serializer writes, in about half the time.</summary>
    public static string Serialize(ProcessInstanceState state) => InstanceStateWriter.Serialize(state);

    /// <summary>The same JSON through the reflection serializer: what <see cref="Serialize"/> must equal (the engine tests compare them).</summary>
    internal static string SerializeWithSerializer(ProcessInstanceState state) => JsonSerializer.Serialize(state, Options);

    public static byte[] SerializeToUtf8(ProcessInstanceState state) => JsonSerializer.SerializeToUtf8Bytes(state, Options);

    public static ProcessInstanceState Deserialize(string json) =>
        JsonSerializer.Deserialize<ProcessInstanceState>(json, Options) ?? throw new JsonException("Empty instance state.");

    public static ProcessInstanceState Deserialize(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize<ProcessInstanceState>(utf8, Options) ?? throw new JsonException("Empty instance state.");

    /// <summary>A single variable value as JSON (same tagging as in the state), for history and the API.</summary>
    public static string SerializeValue(object? value) => InstanceStateWriter.SerializeValue(value);

    public static object? DeserializeValue(string json)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        reader.Read();
        return VariableJson.Read(ref reader);
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            IgnoreReadOnlyProperties = true,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new VariableMapConverter());
        options.Converters.Add(new VariableListConverter());
        return options;
    }
}
