namespace Kks.Workflow.Web.Tests.Designer;

/// <summary>The round-trip comparison itself: it must see a moved shape, a dropped attribute and a dropped element.</summary>
public sealed class RoundTripTests
{
    private static readonly string Model = DesignerModels.Rakor("rt");

    [Fact]
    public void Same_file_loses_nothing_even_with_other_prefixes_and_number_forms()
    {
        var renamed = Model.Replace("bpmn:", "bpmn2:", StringComparison.Ordinal).Replace("xmlns:bpmn=", "xmlns:bpmn2=", StringComparison.Ordinal)
            .Replace("width=\"36\"", "width=\"36.0\"", StringComparison.Ordinal);
        Assert.Empty(RoundTrip.Lost(Model, renamed));
    }

    [Fact]
    public void Moved_shape_dropped_attribute_and_dropped_element_are_reported()
    {
        Assert.NotEmpty(RoundTrip.Lost(Model, Model.Replace("x=\"240\" y=\"80\"", "x=\"241\" y=\"80\"", StringComparison.Ordinal)));
        Assert.NotEmpty(RoundTrip.Lost(Model, Model.Replace(" camunda:candidateGroups=\"sekretariat\"", "", StringComparison.Ordinal)));
        Assert.NotEmpty(RoundTrip.Lost(Model, Model.Replace("<bpmn:incoming>f1</bpmn:incoming>", "", StringComparison.Ordinal)));
    }
}
