using Kks.Workflow.Engine.Model;

namespace Kks.Workflow.Engine.Tests.Parsing;

/// <summary>Every construct outside the subset is recorded with the element it is on, never thrown.</summary>
public sealed class ParserUnsupportedTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        { "<bpmn:scriptTask id=\"X\" scriptFormat=\"groovy\"><bpmn:script>x</bpmn:script></bpmn:scriptTask>", "X", "bpmn:scriptTask" },
        { "<bpmn:businessRuleTask id=\"X\" camunda:decisionRef=\"d\"/>", "X", "bpmn:businessRuleTask" },
        { "<bpmn:transaction id=\"X\"><bpmn:startEvent id=\"In\"/></bpmn:transaction>", "X", "bpmn:transaction" },
        { "<bpmn:adHocSubProcess id=\"X\"><bpmn:task id=\"In\"/></bpmn:adHocSubProcess>", "X", "bpmn:adHocSubProcess" },
        { "<bpmn:complexGateway id=\"X\"/>", "X", "bpmn:complexGateway" },
        { "<bpmn:intermediateCatchEvent id=\"X\"><bpmn:signalEventDefinition/></bpmn:intermediateCatchEvent>", "X", "bpmn:signalEventDefinition" },
        { "<bpmn:intermediateCatchEvent id=\"X\"><bpmn:conditionalEventDefinition/></bpmn:intermediateCatchEvent>", "X", "bpmn:conditionalEventDefinition" },
        { "<bpmn:intermediateCatchEvent id=\"X\"><bpmn:linkEventDefinition name=\"a\"/></bpmn:intermediateCatchEvent>", "X", "bpmn:linkEventDefinition" },
        { "<bpmn:intermediateThrowEvent id=\"X\"><bpmn:compensateEventDefinition/></bpmn:intermediateThrowEvent>", "X", "bpmn:compensateEventDefinition" },
        { "<bpmn:intermediateThrowEvent id=\"X\"><bpmn:messageEventDefinition/></bpmn:intermediateThrowEvent>", "X", "bpmn:messageEventDefinition" },
        { "<bpmn:intermediateThrowEvent id=\"X\"><bpmn:escalationEventDefinition/></bpmn:intermediateThrowEvent>", "X", "bpmn:escalationEventDefinition" },
        { "<bpmn:intermediateThrowEvent id=\"X\"><bpmn:signalEventDefinition/></bpmn:intermediateThrowEvent>", "X", "bpmn:signalEventDefinition" },
        { "<bpmn:intermediateCatchEvent id=\"X\"><bpmn:timerEventDefinition/><bpmn:messageEventDefinition/></bpmn:intermediateCatchEvent>", "X", "bpmn:timerEventDefinition+messageEventDefinition" },
        { "<bpmn:intermediateCatchEvent id=\"X\"><bpmn:eventDefinitionRef>TimerDef</bpmn:eventDefinitionRef></bpmn:intermediateCatchEvent>", "X", "bpmn:eventDefinitionRef" },
        { "<bpmn:serviceTask id=\"X\" camunda:class=\"org.Foo\"/>", "X", "camunda:class" },
        { "<bpmn:serviceTask id=\"X\" camunda:expression=\"${bean.run()}\"/>", "X", "camunda:expression" },
        { "<bpmn:serviceTask id=\"X\" camunda:delegateExpression=\"${bean.method()}\"/>", "X", "camunda:delegateExpression=\"${bean.method()}\"" },
        { "<bpmn:serviceTask id=\"X\" camunda:type=\"soap\"/>", "X", "camunda:type=\"soap\"" },
        { "<bpmn:serviceTask id=\"X\"><bpmn:extensionElements><camunda:connector><camunda:connectorId>http-connector</camunda:connectorId></camunda:connector></bpmn:extensionElements></bpmn:serviceTask>", "X", "camunda:connector" },
        { "<bpmn:serviceTask id=\"X\" camunda:delegateExpression=\"${mail}\"><bpmn:extensionElements><camunda:field name=\"to\" stringValue=\"a\"/></bpmn:extensionElements></bpmn:serviceTask>", "X", "camunda:field" },
        { "<bpmn:serviceTask id=\"X\" camunda:type=\"external\" camunda:topic=\"t\"><bpmn:extensionElements><camunda:errorEventDefinition expression=\"${true}\"/></bpmn:extensionElements></bpmn:serviceTask>", "X", "camunda:errorEventDefinition" },
        { "<bpmn:task id=\"X\"><bpmn:extensionElements><camunda:executionListener event=\"start\" class=\"org.Foo\"/></bpmn:extensionElements></bpmn:task>", "X", "camunda:executionListener" },
        { "<bpmn:task id=\"X\"><bpmn:extensionElements><camunda:somethingNew/></bpmn:extensionElements></bpmn:task>", "X", "camunda:somethingNew" },
        { "<bpmn:userTask id=\"X\" camunda:assignee=\"a\"><bpmn:extensionElements><camunda:taskListener event=\"create\" delegateExpression=\"${x}\"/></bpmn:extensionElements></bpmn:userTask>", "X", "camunda:taskListener event=\"create\"" },
        { "<bpmn:userTask id=\"X\" camunda:assignee=\"a\"><bpmn:extensionElements><camunda:taskListener event=\"timeout\" class=\"org.Foo\"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></camunda:taskListener></bpmn:extensionElements></bpmn:userTask>", "X", "camunda:taskListener class/expression/script" },
        { "<bpmn:userTask id=\"X\" camunda:assignee=\"a\" camunda:formHandlerClass=\"org.Foo\" camunda:formKey=\"k\"/>", "X", "camunda:formHandlerClass" },
        { "<bpmn:task id=\"X\"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name=\"a\"><camunda:script scriptFormat=\"groovy\">1</camunda:script></camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:task>", "X", "camunda:script" },
        { "<bpmn:task id=\"X\"><bpmn:standardLoopCharacteristics/></bpmn:task>", "X", "bpmn:standardLoopCharacteristics" },
        { "<bpmn:task id=\"X\" isForCompensation=\"true\"/>", "X", "isForCompensation=\"true\"" },
        { "<bpmn:callActivity id=\"X\" calledElement=\"a\" camunda:calledElementBinding=\"versionTag\"/>", "X", "camunda:calledElementBinding=\"versionTag\"" },
        { "<bpmn:callActivity id=\"X\" camunda:caseRef=\"c\" calledElement=\"a\"/>", "X", "camunda:caseRef" },
        { "<bpmn:callActivity id=\"X\" calledElement=\"a\" camunda:variableMappingClass=\"org.Foo\"/>", "X", "camunda:variableMappingClass" },
        { "<bpmn:receiveTask id=\"X\" instantiate=\"true\"/>", "X", "bpmn:receiveTask instantiate=\"true\"" },
        { "<bpmn:subProcess id=\"X\" triggeredByEvent=\"true\"><bpmn:startEvent id=\"In\"><bpmn:errorEventDefinition/></bpmn:startEvent></bpmn:subProcess>", "X", "bpmn:subProcess triggeredByEvent=\"true\"" },
        { "<bpmn:choreographyLikeTask id=\"X\"/>", "X", "bpmn:choreographyLikeTask" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void UnsupportedConstruct_IsRecordedWithItsElementAndAdvice(string node, string elementId, string construct)
    {
        var defs = Bpmn.Parse(Bpmn.Chain(node));

        var unsupported = Assert.Single(defs.Unsupported, u => u.Construct == construct);
        Assert.Equal(elementId, unsupported.ElementId);
        Assert.Equal("P", unsupported.ProcessId);
        Assert.False(string.IsNullOrWhiteSpace(unsupported.Advice.Indonesian));
        Assert.False(string.IsNullOrWhiteSpace(unsupported.Advice.English));
        var problem = Assert.Single(BpmnValidator.Validate(defs), p => p.Code == ProblemCodes.UnsupportedElement && p.ElementId == elementId);
        Assert.Equal((ProblemSeverity.Error, elementId, "P"), (problem.Severity, problem.ElementId, problem.ProcessId));
    }

    [Theory]
    [InlineData("startEvent", "<bpmn:signalEventDefinition/>")]
    [InlineData("startEvent", "<bpmn:conditionalEventDefinition/>")]
    [InlineData("startEvent", "<bpmn:errorEventDefinition/>")]
    [InlineData("endEvent", "<bpmn:messageEventDefinition/>")]
    [InlineData("endEvent", "<bpmn:signalEventDefinition/>")]
    [InlineData("endEvent", "<bpmn:compensateEventDefinition/>")]
    [InlineData("endEvent", "<bpmn:cancelEventDefinition/>")]
    [InlineData("boundaryEvent", "<bpmn:signalEventDefinition/>")]
    [InlineData("boundaryEvent", "<bpmn:conditionalEventDefinition/>")]
    [InlineData("boundaryEvent", "<bpmn:compensateEventDefinition/>")]
    [InlineData("boundaryEvent", "<bpmn:cancelEventDefinition/>")]
    public void EventDefinitionOutsideTheSubset_IsUnsupported(string eventType, string definition)
    {
        var attach = eventType == "boundaryEvent" ? " attachedToRef=\"Start\"" : string.Empty;
        var defs = Bpmn.Parse(Bpmn.Process($"<bpmn:{eventType} id=\"X\"{attach}>{definition}</bpmn:{eventType}>"));

        var unsupported = Assert.Single(defs.Unsupported);
        Assert.Equal("X", unsupported.ElementId);
        Assert.Equal(eventType, unsupported.ElementType);
    }

    [Fact]
    public void ScriptTask_StaysInTheGraphAsAPlaceholder()
    {
        var process = Bpmn.ParseProcess(Bpmn.Chain("<bpmn:scriptTask id=\"X\" name=\"Hitung skor\"/>"));

        var placeholder = Assert.IsType<PassThroughTask>(process.GetNode("X"));
        Assert.Equal("scriptTask", placeholder.ElementType);
        Assert.Single(placeholder.Incoming);
        Assert.Single(placeholder.Outgoing);
    }

    [Fact]
    public void EventSubProcess_IsLeftOutOfTheGraph()
    {
        var xml = Bpmn.Chain(string.Empty, extra:
            "<bpmn:subProcess id=\"Esp\" triggeredByEvent=\"true\"><bpmn:startEvent id=\"EspStart\"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent></bpmn:subProcess>");

        var defs = Bpmn.Parse(xml);

        Assert.False(defs.Processes.Single().AllNodes.ContainsKey("Esp"));
        Assert.Single(defs.Unsupported);
        Assert.Equal([ProblemCodes.UnsupportedElement], BpmnValidator.Validate(defs).Select(p => p.Code));
    }

    [Fact]
    public void ProcessLevelExecutionListener_IsUnsupportedOnTheProcess()
    {
        var xml = Bpmn.Definitions(
            "<bpmn:process id=\"P\" isExecutable=\"true\"><bpmn:extensionElements><camunda:executionListener event=\"end\" class=\"org.Foo\"/></bpmn:extensionElements>" +
            "<bpmn:startEvent id=\"S\"/><bpmn:endEvent id=\"E\"/><bpmn:sequenceFlow id=\"F\" sourceRef=\"S\" targetRef=\"E\"/></bpmn:process>");

        var unsupported = Assert.Single(Bpmn.Parse(xml).Unsupported);

        Assert.Equal(("P", "process", "camunda:executionListener"), (unsupported.ElementId, unsupported.ElementType, unsupported.Construct));
    }

    [Fact]
    public void SequenceFlowExecutionListener_IsUnsupportedOnTheFlow()
    {
        var xml = Bpmn.Chain(string.Empty).Replace(
            "<bpmn:sequenceFlow id=\"F_Start_End\" sourceRef=\"Start\" targetRef=\"End\"/>",
            "<bpmn:sequenceFlow id=\"F_Start_End\" sourceRef=\"Start\" targetRef=\"End\"><bpmn:extensionElements><camunda:executionListener event=\"take\" delegateExpression=\"${x}\"/></bpmn:extensionElements></bpmn:sequenceFlow>",
            StringComparison.Ordinal);

        Assert.Equal("F_Start_End", Assert.Single(Bpmn.Parse(xml).Unsupported).ElementId);
    }
}
