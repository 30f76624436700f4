using Kks.Workflow.Engine.Model;

namespace Kks.Workflow.Engine.Validation;

/// <summary>
/// How a message names an element: its kind in words, its name and its id, e.g. "Tugas pengguna 'Isi data'
/// (Task_1)". Civil servants know the name they drew; the id finds the element in the designer.
/// </summary>
internal static class ElementLabel
{
    private static readonly Dictionary<string, (string Id, string En)> Kinds = new(StringComparer.Ordinal)
    {
        ["process"] = ("proses", "process"),
        ["startEvent"] = ("peristiwa mulai", "start event"),
        ["endEvent"] = ("peristiwa akhir", "end event"),
        ["intermediateCatchEvent"] = ("peristiwa antara", "intermediate catch event"),
        ["intermediateThrowEvent"] = ("peristiwa lempar antara", "intermediate throw event"),
        ["boundaryEvent"] = ("peristiwa batas", "boundary event"),
        ["task"] = ("tugas", "task"),
        ["manualTask"] = ("tugas manual", "manual task"),
        ["userTask"] = ("tugas pengguna", "user task"),
        ["serviceTask"] = ("tugas layanan", "service task"),
        ["sendTask"] = ("tugas kirim", "send task"),
        ["receiveTask"] = ("tugas terima", "receive task"),
        ["scriptTask"] = ("tugas skrip", "script task"),
        ["businessRuleTask"] = ("tugas aturan bisnis", "business rule task"),
        ["subProcess"] = ("subproses", "sub-process"),
        ["transaction"] = ("transaksi", "transaction"),
        ["adHocSubProcess"] = ("subproses ad-hoc", "ad-hoc sub-process"),
        ["callActivity"] = ("aktivitas panggil", "call activity"),
        ["exclusiveGateway"] = ("gateway eksklusif", "exclusive gateway"),
        ["parallelGateway"] = ("gateway paralel", "parallel gateway"),
        ["inclusiveGateway"] = ("gateway inklusif", "inclusive gateway"),
        ["eventBasedGateway"] = ("gateway berbasis peristiwa", "event-based gateway"),
        ["complexGateway"] = ("gateway kompleks", "complex gateway"),
        ["sequenceFlow"] = ("alur", "sequence flow"),
        ["message"] = ("pesan", "message"),
        ["error"] = ("error", "error"),
        ["escalation"] = ("eskalasi", "escalation"),
        ["definitions"] = ("berkas", "file"),
    };

    /// <summary>The label starting with a capital, to open a sentence.</summary>
    public static BilingualText Of(string? elementType, string? id, string? name) => Build(elementType, id, name, capital: true);

    public static BilingualText Of(FlowElement element) => Of(element.ElementType, element.Id, element.Name);

    /// <summary>The label in lower case, for the middle of a sentence.</summary>
    public static BilingualText Inline(FlowElement element) => Build(element.ElementType, element.Id, element.Name, capital: false);

    public static BilingualText Inline(string? elementType, string? id, string? name) => Build(elementType, id, name, capital: false);

    private static BilingualText Build(string? elementType, string? id, string? name, bool capital)
    {
        var (kindId, kindEn) = elementType is not null && Kinds.TryGetValue(elementType, out var k)
            ? k
            : (elementType ?? "elemen", elementType ?? "element");
        if (capital)
        {
            kindId = Capitalize(kindId);
            kindEn = Capitalize(kindEn);
        }

        // Modelers keep the line breaks typed into a shape's label; a sentence wants them as spaces.
        name = name is null ? null : string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var suffix = (name, id) switch
        {
            ({ Length: > 0 }, { Length: > 0 }) => $" '{name}' ({id})",
            ({ Length: > 0 }, _) => $" '{name}'",
            (_, { Length: > 0 }) => $" {id}",
            _ => string.Empty,
        };
        return new BilingualText(kindId + suffix, kindEn + suffix);
    }

    internal static string Capitalize(string text) =>
        text.Length == 0 ? text : string.Concat(char.ToUpperInvariant(text[0]).ToString(), text.AsSpan(1));

    /// <summary>Lower-cases the first letter to continue a sentence, unless the word is an acronym ("ISO", "OPD").</summary>
    internal static string Uncapitalize(string text) =>
        text.Length == 0 || (text.Length > 1 && !char.IsLower(text[1]))
            ? text
            : string.Concat(char.ToLowerInvariant(text[0]).ToString(), text.AsSpan(1));

    /// <summary>Another component's sentence continued after a colon: first letter lowered, one final period.</summary>
    internal static BilingualText Continue(BilingualText sentence) => new(
        Uncapitalize(sentence.Indonesian.TrimEnd().TrimEnd('.')) + ".",
        Uncapitalize(sentence.English.TrimEnd().TrimEnd('.')) + ".");
}
