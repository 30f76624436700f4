namespace Kks.Workflow.Engine;

/// <summary>
/// A sentence for people in Bahasa Indonesia (shown first) and in English. Every problem the engine
/// reports to a user carries both, so the web layer can show the user's language without a lookup.
/// </summary>
public sealed record BilingualText(string Indonesian, string English)
{
    public override string ToString() => Indonesian + " / " + English;
}
