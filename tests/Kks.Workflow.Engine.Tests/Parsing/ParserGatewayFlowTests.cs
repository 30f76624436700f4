using Kks.Workflow.Engine.Model;

namespace Kks.Workflow.Engine.Tests.Parsing;

public sealed class ParserGatewayFlowTests
{
    [Theory]
    [InlineData("exclusiveGateway", GatewayKind.Exclusive)]
    [InlineData("parallelGateway", GatewayKind.Parallel)]
    [InlineData("inclusiveGateway", GatewayKind.Inclusive)]
    [InlineData("eventBasedGateway", GatewayKind.EventBased)]
    public void Gateways_Kind(string type, GatewayKind kind)
    {
        var gateway = Bpmn.Node<Gateway>(Bpmn.Chain($"<bpmn:{type} id=\"G\"/>"), "G");

        Assert.Equal(kind, gateway.Kind);
        Assert.Null(gateway.DefaultFlow);
    }

    [Fact]
    public void ExclusiveGateway_DefaultFlowAndConditionsAreLinked()
    {
        var xml = Bpmn.Process(
            "<bpmn:startEvent id=\"S\"/><bpmn:exclusiveGateway id=\"G\" name=\"Disetujui?\" default=\"No\"/><bpmn:endEvent id=\"E1\"/><bpmn:endEvent id=\"E2\"/>" +
            "<bpmn:sequenceFlow id=\"F\" sourceRef=\"S\" targetRef=\"G\"/>" +
            "<bpmn:sequenceFlow id=\"Yes\" name=\"Ya\" sourceRef=\"G\" targetRef=\"E1\"><bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">${approved}</bpmn:conditionExpression></bpmn:sequenceFlow>" +
            "<bpmn:sequenceFlow id=\"No\" sourceRef=\"G\" targetRef=\"E2\"/>");

        var process = Bpmn.ParseProcess(xml);
        var gateway = (Gateway)process.GetNode("G");

        Assert.Equal("No", gateway.DefaultFlowRef);
        Assert.Same(process.AllFlows["No"], gateway.DefaultFlow);
        Assert.True(process.AllFlows["No"].IsDefault);
        Assert.False(process.AllFlows["Yes"].IsDefault);
        Assert.Equal("${approved}", process.AllFlows["Yes"].Condition?.Text);
        Assert.Equal("Ya", process.AllFlows["Yes"].Name);
        Assert.Null(process.AllFlows["No"].Condition);
    }

    [Fact]
    public void ActivityDefaultFlow_IsLinked()
    {
        var xml = Bpmn.Process(
            "<bpmn:startEvent id=\"S\"/><bpmn:task id=\"T\" default=\"D\"/><bpmn:endEvent id=\"E1\"/><bpmn:endEvent id=\"E2\"/>" +
            "<bpmn:sequenceFlow id=\"F\" sourceRef=\"S\" targetRef=\"T\"/>" +
            "<bpmn:sequenceFlow id=\"C\" sourceRef=\"T\" targetRef=\"E1\"><bpmn:conditionExpression>${x}</bpmn:conditionExpression></bpmn:sequenceFlow>" +
            "<bpmn:sequenceFlow id=\"D\" sourceRef=\"T\" targetRef=\"E2\"/>");

        var process = Bpmn.ParseProcess(xml);

        Assert.Same(process.AllFlows["D"], ((Activity)process.GetNode("T")).DefaultFlow);
        Assert.True(process.AllFlows["D"].IsDefault);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" language=\"juel\"")]
    [InlineData(" language=\"JUEL\"")]
    public void JuelCondition_IsAnExpression(string language)
    {
        var xml = Bpmn.Chain(string.Empty).Replace(
            "<bpmn:sequenceFlow id=\"F_Start_End\" sourceRef=\"Start\" targetRef=\"End\"/>",
            $"<bpmn:sequenceFlow id=\"F_Start_End\" sourceRef=\"Start\" targetRef=\"End\"><bpmn:conditionExpression{language}><![CDATA[${{nilai >= 80 && lengkap}}]]></bpmn:conditionExpression></bpmn:sequenceFlow>",
            StringComparison.Ordinal);

        var flow = Bpmn.ParseProcess(xml).AllFlows["F_Start_End"];

        Assert.Equal("${nilai >= 80 && lengkap}", flow.Condition?.Text);
    }

    [Fact]
    public void BlankConditionExpression_IsNoCondition()
    {
        var xml = Bpmn.Chain(string.Empty).Replace(
            "<bpmn:sequenceFlow id=\"F_Start_End\" sourceRef=\"Start\" targetRef=\"End\"/>",
            "<bpmn:sequenceFlow id=\"F_Start_End\" sourceRef=\"Start\" targetRef=\"End\"><bpmn:conditionExpression language=\"http://www.w3.org/1999/XPath\"/></bpmn:sequenceFlow>",
            StringComparison.Ordinal);

        var defs = Bpmn.Parse(xml);

        Assert.Null(defs.Processes.Single().AllFlows["F_Start_End"].Condition);
        Assert.Empty(defs.Unsupported);
    }

    [Fact]
    public void ScriptCondition_IsUnsupported()
    {
        var xml = Bpmn.Chain(string.Empty).Replace(
            "<bpmn:sequenceFlow id=\"F_Start_End\" sourceRef=\"Start\" targetRef=\"End\"/>",
            "<bpmn:sequenceFlow id=\"F_Start_End\" sourceRef=\"Start\" targetRef=\"End\"><bpmn:conditionExpression language=\"javascript\">x &gt; 1</bpmn:conditionExpression></bpmn:sequenceFlow>",
            StringComparison.Ordinal);

        var defs = Bpmn.Parse(xml);

        var unsupported = Assert.Single(defs.Unsupported);
        Assert.Equal(("F_Start_End", "conditionExpression language=\"javascript\""), (unsupported.ElementId, unsupported.Construct));
        Assert.Null(defs.Processes.Single().AllFlows["F_Start_End"].Condition);
    }

    [Fact]
    public void DanglingFlow_IsLeftOutAndReported()
    {
        var xml = Bpmn.Process("<bpmn:startEvent id=\"S\"/><bpmn:sequenceFlow id=\"F\" sourceRef=\"S\" targetRef=\"Nowhere\"/>");

        var defs = Bpmn.Parse(xml);

        Assert.Empty(defs.Processes.Single().Flows);
        Assert.Empty(defs.Processes.Single().GetNode("S").Outgoing);
        var problem = Assert.Single(defs.ParseProblems);
        Assert.Equal((ProblemCodes.DanglingFlow, "F", "P"), (problem.Code, problem.ElementId, problem.ProcessId));
        Assert.Contains("'Nowhere'", problem.Text.Indonesian, StringComparison.Ordinal);
    }
}
