using Kks.Workflow.Engine.Model;

namespace Kks.Workflow.Engine.Validation;

internal static class Scopes
{
    /// <summary>The process and every sub-process inside it, outermost first.</summary>
    public static IEnumerable<IFlowScope> All(ProcessModel process)
    {
        var pending = new Stack<IFlowScope>();
        pending.Push(process);
        while (pending.TryPop(out var scope))
        {
            yield return scope;
            foreach (var subProcess in scope.Nodes.OfType<SubProcess>().Reverse())
            {
                pending.Push(subProcess);
            }
        }
    }

    /// <summary>"Flow_1, Flow_2" for a message.</summary>
    public static string Ids(IEnumerable<FlowElement> elements) => string.Join(", ", elements.Select(e => e.Id));

    private static readonly string[] NumbersId = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh"];
    private static readonly string[] NumbersEn = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

    /// <summary>A small count in words, as a sentence reads better with "dua alur" than "2 alur".</summary>
    public static BilingualText Count(int n) =>
        n < NumbersId.Length
            ? new BilingualText(NumbersId[n], NumbersEn[n])
            : new BilingualText(n.ToString(System.Globalization.CultureInfo.InvariantCulture), n.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
