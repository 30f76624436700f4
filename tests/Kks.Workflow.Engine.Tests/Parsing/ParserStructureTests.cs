using System.Text;
using Kks.Workflow.Engine.Model;

namespace Kks.Workflow.Engine.Tests.Parsing;

public sealed class ParserStructureTests
{
    private const string Linear =
        "<bpmn:startEvent id=\"S\" name=\"Mulai\"/><bpmn:task id=\"T\" name=\"Kerjakan\"/><bpmn:endEvent id=\"E\"/>" +
        "<bpmn:sequenceFlow id=\"F1\" sourceRef=\"S\" targetRef=\"T\"/><bpmn:sequenceFlow id=\"F2\" sourceRef=\"T\" targetRef=\"E\"/>";

    [Fact]
    public void LinearProcess_NodesFlowsAndLinksAreBuilt()
    {
        var defs = Bpmn.Parse(Bpmn.Process(Linear));

        var process = Assert.Single(defs.Processes);
        Assert.Equal("P", process.Id);
        Assert.Equal("Proses", process.Name);
        Assert.True(process.IsExecutable);
        Assert.Equal(["S", "T", "E"], process.Nodes.Select(n => n.Id));
        Assert.Equal([0, 1, 2], process.Nodes.Select(n => n.Index));
        Assert.All(process.Nodes, n => Assert.Same(process, n.Scope));
        Assert.Equal(["F1", "F2"], process.Flows.Select(f => f.Id));
        Assert.Same(process.GetNode("S"), process.NoneStart);
        var task = Assert.IsType<PassThroughTask>(process.GetNode("T"));
        Assert.Equal("task", task.ElementType);
        Assert.Equal("F1", Assert.Single(task.Incoming).Id);
        Assert.Equal("F2", Assert.Single(task.Outgoing).Id);
        Assert.Same(process.GetNode("E"), task.Outgoing[0].Target);
        Assert.Same(process.AllFlows["F1"], task.Incoming[0]);
        Assert.Empty(defs.Unsupported);
        Assert.Empty(defs.ParseProblems);
        Assert.Empty(BpmnValidator.Validate(defs));
    }

    [Fact]
    public void DefinitionsAttributes_AreKept()
    {
        var defs = Bpmn.Parse(Bpmn.Process(Linear).Replace("id=\"Defs\"", "id=\"Defs\" exporter=\"Camunda Modeler\"", StringComparison.Ordinal));

        Assert.Equal("Defs", defs.Id);
        Assert.Equal("http://bpmn.io/schema/bpmn", defs.TargetNamespace);
        Assert.Equal("Camunda Modeler", defs.Exporter);
    }

    [Fact]
    public void IsExecutableMissing_IsNotExecutableLikeCamunda()
    {
        var process = Bpmn.ParseProcess(Bpmn.Process(Linear).Replace(" isExecutable=\"true\"", string.Empty, StringComparison.Ordinal));

        Assert.False(process.IsExecutable);
    }

    [Theory]
    [InlineData("180", 180)]
    [InlineData("P30D", 30)]
    public void HistoryTimeToLive_DaysOrIsoDays(string text, int days)
    {
        var xml = Bpmn.Definitions($"<bpmn:process id=\"P\" isExecutable=\"true\" camunda:historyTimeToLive=\"{text}\" camunda:candidateStarterGroups=\"sekretariat, dinkes\">{Linear}</bpmn:process>");

        var process = Bpmn.ParseProcess(xml);

        Assert.Equal(days, process.HistoryTimeToLiveDays);
        Assert.Equal(["sekretariat", "dinkes"], process.CandidateStarterGroups);
    }

    [Fact]
    public void Documentation_OnProcessAndNodes()
    {
        var xml = Bpmn.Definitions(
            "<bpmn:process id=\"P\" isExecutable=\"true\"><bpmn:documentation>Persiapan KKS</bpmn:documentation>" +
            "<bpmn:startEvent id=\"S\"><bpmn:documentation>Dimulai sekretariat</bpmn:documentation></bpmn:startEvent></bpmn:process>");

        var process = Bpmn.ParseProcess(xml);

        Assert.Equal("Persiapan KKS", process.Documentation);
        Assert.Equal("Dimulai sekretariat", process.GetNode("S").Documentation);
    }

    [Theory]
    [InlineData("semantic")]
    [InlineData("bpmn2")]
    [InlineData("model")]
    public void AnyPrefixForTheBpmnNamespace_Parses(string prefix)
    {
        var xml = Bpmn.Process(Linear)
            .Replace("xmlns:bpmn=", $"xmlns:{prefix}=", StringComparison.Ordinal)
            .Replace("<bpmn:", $"<{prefix}:", StringComparison.Ordinal)
            .Replace("</bpmn:", $"</{prefix}:", StringComparison.Ordinal);

        Assert.Equal(3, Bpmn.ParseProcess(xml).Nodes.Count);
    }

    [Fact]
    public void DefaultNamespace_Parses()
    {
        var xml = "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"D\">" +
            "<process id=\"P\" isExecutable=\"true\"><startEvent id=\"S\"/><endEvent id=\"E\"/><sequenceFlow id=\"F\" sourceRef=\"S\" targetRef=\"E\"/></process></definitions>";

        var process = Bpmn.ParseProcess(xml);

        Assert.Equal(["S", "E"], process.Nodes.Select(n => n.Id));
        Assert.Single(process.Flows);
    }

    [Fact]
    public void ActivitiNamespace_IsReadAsCamunda()
    {
        var xml = Bpmn.Chain("<bpmn:userTask id=\"U\" activiti:assignee=\"demo\"/>");

        Assert.Equal("demo", Bpmn.Node<UserTask>(xml, "U").Assignee?.Text);
    }

    [Fact]
    public void KksAttributes_LandInExtensionAttributesByLocalName()
    {
        var xml = Bpmn.Chain("<bpmn:userTask id=\"U\" camunda:candidateGroups=\"opd\" kks:deadlinePolicy=\"working-days\" kks:indicator=\"1.2\"/>");

        var task = Bpmn.Node<UserTask>(xml, "U");

        Assert.Equal("working-days", task.ExtensionAttributes["deadlinePolicy"]);
        Assert.Equal("1.2", task.ExtensionAttributes["indicator"]);
        Assert.Equal("http://kks-workflow.id/schema/1.0/bpmn", BpmnParser.KksNamespace);
    }

    [Fact]
    public void UnknownExtensionNamespaces_AreIgnored()
    {
        var xml = Bpmn.Chain(
                "<bpmn:userTask id=\"U\" camunda:assignee=\"a\" signavio:x=\"1\"><bpmn:extensionElements><signavio:signavioMetaData metaKey=\"bgcolor\" metaValue=\"#fff\"/><zeebe:taskDefinition type=\"x\"/></bpmn:extensionElements></bpmn:userTask>");

        var defs = Bpmn.Parse(xml);

        Assert.Empty(defs.Unsupported);
        Assert.Empty(BpmnValidator.Validate(defs));
    }

    [Fact]
    public void PoolsLanesDataAndDiagram_AreToleratedAndIgnored()
    {
        var xml = Bpmn.Definitions(
            "<bpmn:collaboration id=\"C\"><bpmn:participant id=\"Pool\" name=\"Dinkes\" processRef=\"P\"/><bpmn:messageFlow id=\"MF\" sourceRef=\"Pool\" targetRef=\"T\"/></bpmn:collaboration>" +
            "<bpmn:process id=\"P\" isExecutable=\"true\">" +
            "<bpmn:laneSet id=\"LS\"><bpmn:lane id=\"L\" name=\"Sekretariat\"><bpmn:flowNodeRef>S</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>" +
            Linear +
            "<bpmn:dataObject id=\"DO\"/><bpmn:dataObjectReference id=\"DOR\" dataObjectRef=\"DO\"/><bpmn:dataStoreReference id=\"DSR\"/>" +
            "<bpmn:textAnnotation id=\"TA\"><bpmn:text>Catatan</bpmn:text></bpmn:textAnnotation><bpmn:association id=\"A\" sourceRef=\"T\" targetRef=\"TA\"/>" +
            "<bpmn:group id=\"G\"/></bpmn:process>" +
            "<bpmn:category id=\"Cat\"/><bpmn:itemDefinition id=\"Item\"/>" +
            "<bpmndi:BPMNDiagram id=\"D\" xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\"><bpmndi:BPMNPlane id=\"Pl\" bpmnElement=\"C\"/></bpmndi:BPMNDiagram>");

        var defs = Bpmn.Parse(xml);

        Assert.Equal(["S", "T", "E"], defs.Processes.Single().Nodes.Select(n => n.Id));
        Assert.Empty(defs.Unsupported);
        Assert.Empty(BpmnValidator.Validate(defs));
    }

    [Fact]
    public void SubProcess_IsReadRecursivelyWithItsOwnScope()
    {
        var xml = Bpmn.Chain(
            "<bpmn:subProcess id=\"Sub\" name=\"Verifikasi\">" +
            "<bpmn:startEvent id=\"SubStart\"/><bpmn:subProcess id=\"Inner\"><bpmn:startEvent id=\"InnerStart\"/></bpmn:subProcess><bpmn:endEvent id=\"SubEnd\"/>" +
            "<bpmn:sequenceFlow id=\"SF1\" sourceRef=\"SubStart\" targetRef=\"Inner\"/><bpmn:sequenceFlow id=\"SF2\" sourceRef=\"Inner\" targetRef=\"SubEnd\"/>" +
            "</bpmn:subProcess>");

        var process = Bpmn.ParseProcess(xml);
        var sub = Assert.IsType<SubProcess>(process.GetNode("Sub"));
        var inner = Assert.IsType<SubProcess>(process.GetNode("Inner"));

        Assert.Equal(["Start", "Sub", "End"], process.Nodes.Select(n => n.Id));
        Assert.Equal(["SubStart", "Inner", "SubEnd"], sub.Nodes.Select(n => n.Id));
        Assert.Equal(["SF1", "SF2"], sub.Flows.Select(f => f.Id));
        Assert.Same(sub, process.GetNode("SubStart").Scope);
        Assert.Same(sub.Nodes[0], sub.NoneStart);
        Assert.Same(inner, process.GetNode("InnerStart").Scope);
        Assert.Equal(1, inner.Index);
        Assert.True(process.AllNodes.ContainsKey("InnerStart"));
        Assert.True(process.AllFlows.ContainsKey("SF2"));
        Assert.DoesNotContain(process.Flows, f => f.Id == "SF1");
    }

    [Fact]
    public void FlowsWrittenBeforeTheirNodes_AreLinked()
    {
        var xml = Bpmn.Process(
            "<bpmn:sequenceFlow id=\"F1\" sourceRef=\"S\" targetRef=\"E\"/><bpmn:startEvent id=\"S\"/><bpmn:endEvent id=\"E\"/>");

        var process = Bpmn.ParseProcess(xml);

        Assert.Same(process.GetNode("E"), process.GetNode("S").Outgoing.Single().Target);
    }

    [Fact]
    public void Messages_ErrorsAndEscalations_AreCollected()
    {
        var defs = Bpmn.Parse(Bpmn.Definitions(
            "<bpmn:message id=\"M\" name=\"dokumen-diterima\"/><bpmn:error id=\"Err\" name=\"Gagal\" errorCode=\"GAGAL\"/>" +
            "<bpmn:escalation id=\"Esc\" name=\"Lapor\" escalationCode=\"LAPOR\"/><bpmn:signal id=\"Sig\" name=\"s\"/>"));

        Assert.Equal(new MessageInfo("M", "dokumen-diterima"), defs.Messages["M"]);
        Assert.Equal(new ErrorInfo("Err", "Gagal", "GAGAL"), defs.Errors["Err"]);
        Assert.Equal(new EscalationInfo("Esc", "Lapor", "LAPOR"), defs.Escalations["Esc"]);
    }

    [Theory]
    [InlineData("ISO-8859-1")]
    [InlineData("windows-1252")]
    public void StreamWithA8BitEncoding_IsDecodedByItsDeclaration(string encoding)
    {
        var xml = Bpmn.Process(Linear.Replace("Kerjakan", "Prüfen", StringComparison.Ordinal))
            .Replace("encoding=\"UTF-8\"", $"encoding=\"{encoding}\"", StringComparison.Ordinal);
        using var stream = new MemoryStream(Encoding.Latin1.GetBytes(xml));

        var process = BpmnParser.Parse(stream).Processes.Single();

        Assert.Equal("Prüfen", process.GetNode("T").Name);
    }

    [Fact]
    public void StreamAndString_GiveTheSameModel()
    {
        var xml = Bpmn.Process(Linear);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));

        var fromStream = BpmnParser.Parse(stream).Processes.Single();
        var fromString = BpmnParser.Parse(xml).Processes.Single();

        Assert.Equal(fromString.Nodes.Select(n => (n.Id, n.ElementType)), fromStream.Nodes.Select(n => (n.Id, n.ElementType)));
        Assert.Equal(fromString.Flows.Select(f => f.Id), fromStream.Flows.Select(f => f.Id));
    }

    [Fact]
    public void CamundaProperties_OnAnyNode()
    {
        var xml = Bpmn.Chain(
            "<bpmn:task id=\"T\"><bpmn:extensionElements><camunda:properties>" +
            "<camunda:property name=\"indikator\" value=\"1.2\"/><camunda:property name=\"bobot\" value=\"3\"/>" +
            "</camunda:properties></bpmn:extensionElements></bpmn:task>");

        var task = Bpmn.Node<PassThroughTask>(xml, "T");

        Assert.Equal("1.2", task.Properties["indikator"]);
        Assert.Equal("3", task.Properties["bobot"]);
    }
}
