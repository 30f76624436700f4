using System.Xml.Linq;
using Kks.Workflow.Engine.Expressions;
using Kks.Workflow.Engine.Model;
using Kks.Workflow.Engine.Validation;

namespace Kks.Workflow.Engine.Parsing;

/// <summary>
/// What one parse collects besides the model: problems the model cannot hold, unsupported constructs, the ids
/// seen so far (to find duplicates) and the file's messages, errors and escalations (to resolve references).
/// </summary>
internal sealed class ParseContext
{
    private readonly Dictionary<string, XElement> _ids = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unsupportedIds = new(StringComparer.Ordinal);
    private int _synthetic;

    public List<ModelProblem> Problems { get; } = [];

    public List<UnsupportedConstruct> Unsupported { get; } = [];

    /// <summary>The process being read; problems and unsupported constructs are filed under it.</summary>
    public string? ProcessId { get; set; }

    public Dictionary<string, MessageInfo> Messages { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ErrorInfo> Errors { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, EscalationInfo> Escalations { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The element's id, registered to find duplicates. An element without one gets a made-up id that no XML id can
    /// equal ('#' is not allowed in one), so the model stays whole while the problem is reported.
    /// </summary>
    public string IdOf(XElement element)
    {
        var id = Xml.Trimmed(element.Attr("id"));
        if (id is null)
        {
            id = $"{element.Name.LocalName}#{++_synthetic}";
            Problem(element, id, ProblemCodes.MissingId, label => new BilingualText(
                $"{label.Indonesian} tidak punya id: simpan ulang dari pemodel BPMN, yang memberi setiap elemen sebuah id.",
                $"{label.English} has no id: save the file again from the BPMN modeler, which gives every element an id."));
            return id;
        }

        if (!_ids.TryAdd(id, element))
        {
            var first = _ids[id];
            var other = ElementLabel.Inline(first.Name.LocalName, id, first.Attr("name"));
            Problem(element, id, ProblemCodes.DuplicateId, label => new BilingualText(
                $"{label.Indonesian} memakai id yang sama dengan {other.Indonesian}: beri salah satunya id yang unik.",
                $"{label.English} uses the same id as {other.English}: give one of them a unique id."));
        }

        return id;
    }

    /// <summary>Records a fault the model cannot hold; the text builder gets the element's label to open the sentence.</summary>
    public void Problem(XElement element, string? id, string code, Func<BilingualText, BilingualText> text)
    {
        var name = Xml.Trimmed(element.Attr("name"));
        Problems.Add(new ModelProblem(
            ProcessId,
            id,
            name,
            code,
            ProblemSeverity.Error,
            text(ElementLabel.Of(element.Name.LocalName, id, name))));
    }

    public void Problem(XElement element, string code, Func<BilingualText, BilingualText> text) =>
        Problem(element, Xml.Trimmed(element.Attr("id")), code, text);

    /// <summary>Records that <paramref name="owner"/> uses <paramref name="construct"/>, which the engine does not run.</summary>
    public void Unsupport(XElement owner, string construct, BilingualText advice)
    {
        if (Xml.Trimmed(owner.Attr("id")) is { } id)
        {
            _unsupportedIds.Add(id);
        }

        Unsupported.Add(new UnsupportedConstruct(Xml.Trimmed(owner.Attr("id")), Xml.Trimmed(owner.Attr("name")), construct, advice)
        {
            ProcessId = ProcessId,
            ElementType = owner.Name.LocalName,
        });
    }

    /// <summary>True when something about the element was recorded as unsupported (e.g. a signal start event, which must not count as a none start).</summary>
    public bool IsUnsupported(string id) => _unsupportedIds.Contains(id);

    /// <summary>
    /// Parses an expression written in the file. Blank text is no expression (null); text that does not parse is
    /// reported as <see cref="ProblemCodes.BadExpression"/> with the raw text and also gives null.
    /// </summary>
    public Expression? Expression(XElement owner, string? text, BilingualText what)
    {
        var trimmed = Xml.Trimmed(text);
        if (trimmed is null)
        {
            return null;
        }

        if (Expressions.Expression.TryParse(trimmed, out var expression, out var error) && expression is not null)
        {
            return expression;
        }

        // The expression parser's own sentence names the position and the fix; it only needs the element in front.
        var reason = ElementLabel.Continue(error ?? new BilingualText(
            $"Ekspresi '{trimmed}' tidak bisa dibaca: perbaiki penulisannya.",
            $"Expression '{trimmed}' cannot be read: correct it."));
        Problem(owner, ProblemCodes.BadExpression, label => new BilingualText(
            $"{label.Indonesian}, {what.Indonesian}: {reason.Indonesian}",
            $"{label.English}, {what.English}: {reason.English}"));
        return null;
    }

    /// <summary>An expression standing for "nothing written", for model properties that must not be null.</summary>
    public static Expression Empty() => Expressions.Expression.Parse(string.Empty);
}
