using Kks.Workflow.Benchmarks;
using Kks.Workflow.Engine.Tests.Parsing;

namespace Kks.Workflow.Engine.Tests.Validation;

public sealed class ValidatorBehaviourTests
{
    /// <summary>A model using most of the subset at once: nothing to report.</summary>
    private static readonly string Complete = Bpmn.Process(
        "<bpmn:startEvent id=\"Start\"/>" +
        "<bpmn:userTask id=\"Rakor\" name=\"Rakor\" camunda:candidateGroups=\"sekretariat\"><bpmn:extensionElements>" +
        "<camunda:taskListener event=\"timeout\" delegateExpression=\"${pengingat}\"><bpmn:timerEventDefinition><bpmn:timeDuration>P2D</bpmn:timeDuration></bpmn:timerEventDefinition></camunda:taskListener>" +
        "</bpmn:extensionElements></bpmn:userTask>" +
        "<bpmn:parallelGateway id=\"Split\"/>" +
        "<bpmn:subProcess id=\"PerOpd\"><bpmn:multiInstanceLoopCharacteristics camunda:collection=\"${opdList}\" camunda:elementVariable=\"opd\"/>" +
        "<bpmn:startEvent id=\"SubStart\"/><bpmn:userTask id=\"Lengkapi\" camunda:candidateGroups=\"${opd}\"/><bpmn:endEvent id=\"SubEnd\"/>" +
        "<bpmn:sequenceFlow id=\"S1\" sourceRef=\"SubStart\" targetRef=\"Lengkapi\"/><bpmn:sequenceFlow id=\"S2\" sourceRef=\"Lengkapi\" targetRef=\"SubEnd\"/></bpmn:subProcess>" +
        "<bpmn:boundaryEvent id=\"Ingatkan\" attachedToRef=\"PerOpd\" cancelActivity=\"false\"><bpmn:timerEventDefinition><bpmn:timeCycle>R/P2D</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>" +
        "<bpmn:serviceTask id=\"Kirim\" camunda:type=\"external\" camunda:topic=\"kirim-pengingat\"/><bpmn:endEvent id=\"Terkirim\"/>" +
        "<bpmn:serviceTask id=\"Arsip\" camunda:delegateExpression=\"${arsip}\"/>" +
        "<bpmn:parallelGateway id=\"Join\"/>" +
        "<bpmn:eventBasedGateway id=\"Tunggu\"/>" +
        "<bpmn:intermediateCatchEvent id=\"Balasan\"><bpmn:messageEventDefinition messageRef=\"Msg\"/></bpmn:intermediateCatchEvent>" +
        "<bpmn:intermediateCatchEvent id=\"Batas\"><bpmn:timerEventDefinition><bpmn:timeDate>2025-05-01T00:00:00+07:00</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>" +
        "<bpmn:exclusiveGateway id=\"Ok\" default=\"Tolak\"/>" +
        "<bpmn:callActivity id=\"Verifikasi\" calledElement=\"verifikasi\"><bpmn:extensionElements><camunda:in variables=\"all\"/><camunda:out source=\"hasil\" target=\"hasil\"/></bpmn:extensionElements></bpmn:callActivity>" +
        "<bpmn:endEvent id=\"Selesai\"/><bpmn:endEvent id=\"Gagal\"><bpmn:errorEventDefinition errorRef=\"Err\"/></bpmn:endEvent>" +
        "<bpmn:sequenceFlow id=\"F1\" sourceRef=\"Start\" targetRef=\"Rakor\"/>" +
        "<bpmn:sequenceFlow id=\"F2\" sourceRef=\"Rakor\" targetRef=\"Split\"/>" +
        "<bpmn:sequenceFlow id=\"F3\" sourceRef=\"Split\" targetRef=\"PerOpd\"/>" +
        "<bpmn:sequenceFlow id=\"F4\" sourceRef=\"Split\" targetRef=\"Arsip\"/>" +
        "<bpmn:sequenceFlow id=\"F5\" sourceRef=\"PerOpd\" targetRef=\"Join\"/>" +
        "<bpmn:sequenceFlow id=\"F6\" sourceRef=\"Arsip\" targetRef=\"Join\"/>" +
        "<bpmn:sequenceFlow id=\"F7\" sourceRef=\"Ingatkan\" targetRef=\"Kirim\"/>" +
        "<bpmn:sequenceFlow id=\"F8\" sourceRef=\"Kirim\" targetRef=\"Terkirim\"/>" +
        "<bpmn:sequenceFlow id=\"F9\" sourceRef=\"Join\" targetRef=\"Tunggu\"/>" +
        "<bpmn:sequenceFlow id=\"F10\" sourceRef=\"Tunggu\" targetRef=\"Balasan\"/>" +
        "<bpmn:sequenceFlow id=\"F11\" sourceRef=\"Tunggu\" targetRef=\"Batas\"/>" +
        "<bpmn:sequenceFlow id=\"F12\" sourceRef=\"Balasan\" targetRef=\"Ok\"/>" +
        "<bpmn:sequenceFlow id=\"F13\" sourceRef=\"Batas\" targetRef=\"Gagal\"/>" +
        "<bpmn:sequenceFlow id=\"Setuju\" sourceRef=\"Ok\" targetRef=\"Verifikasi\"><bpmn:conditionExpression>${disetujui}</bpmn:conditionExpression></bpmn:sequenceFlow>" +
        "<bpmn:sequenceFlow id=\"Tolak\" sourceRef=\"Ok\" targetRef=\"Rakor\"/>" +
        "<bpmn:sequenceFlow id=\"F14\" sourceRef=\"Verifikasi\" targetRef=\"Selesai\"/>",
        "<bpmn:message id=\"Msg\" name=\"balasan-${opd}\"/><bpmn:error id=\"Err\" errorCode=\"TERLAMBAT\"/>");

    [Fact]
    public void ModelUsingTheWholeSubset_HasNoProblems()
    {
        var defs = Bpmn.Parse(Complete);

        Assert.Empty(BpmnValidator.Validate(defs));
        Assert.True(BpmnValidator.IsDeployable([]));
    }

    [Fact]
    public void ProblemsInANonExecutableProcess_AreOnlyWarnings()
    {
        var xml = Bpmn.Definitions(
            "<bpmn:process id=\"Run\" isExecutable=\"true\"><bpmn:startEvent id=\"S\"/><bpmn:endEvent id=\"E\"/><bpmn:sequenceFlow id=\"F\" sourceRef=\"S\" targetRef=\"E\"/></bpmn:process>" +
            "<bpmn:process id=\"Doc\" isExecutable=\"false\"><bpmn:scriptTask id=\"Script\"/><bpmn:sequenceFlow id=\"Lost\" sourceRef=\"Script\" targetRef=\"Nowhere\"/></bpmn:process>");

        var problems = BpmnValidator.Validate(Bpmn.Parse(xml));

        Assert.Equal(
            [(ProblemCodes.DanglingFlow, "Doc"), (ProblemCodes.UnsupportedElement, "Doc")],
            problems.Select(p => (p.Code, p.ProcessId!)));
        Assert.All(problems, p => Assert.Equal(ProblemSeverity.Warning, p.Severity));
        Assert.True(BpmnValidator.IsDeployable(problems));
    }

    [Fact]
    public void StructuralRules_SkipNonExecutableProcesses()
    {
        var xml = Bpmn.Definitions(
            "<bpmn:process id=\"Run\" isExecutable=\"true\"><bpmn:startEvent id=\"S\"/><bpmn:endEvent id=\"E\"/><bpmn:sequenceFlow id=\"F\" sourceRef=\"S\" targetRef=\"E\"/></bpmn:process>" +
            "<bpmn:process id=\"Doc\" isExecutable=\"false\"><bpmn:userTask id=\"Nobody\"/></bpmn:process>");

        Assert.Empty(BpmnValidator.Validate(Bpmn.Parse(xml)));
    }

    [Fact]
    public void AnyError_MakesTheFileUndeployable()
    {
        var problems = Bpmn.Validate(Bpmn.Chain("<bpmn:userTask id=\"U\"/>"));

        Assert.False(BpmnValidator.IsDeployable(problems));
    }

    [Fact]
    public void DuplicateNode_IsLeftOutOfTheModel()
    {
        var defs = Bpmn.Parse(Bpmn.Chain("<bpmn:task id=\"T\" name=\"Satu\"/>", extra: "<bpmn:task id=\"T\" name=\"Dua\"/>"));
        var process = defs.Processes.Single();

        Assert.Equal(["Start", "T", "End"], process.Nodes.Select(n => n.Id));
        Assert.Equal("Satu", process.GetNode("T").Name);
        Assert.Equal("Dua", Assert.Single(defs.ParseProblems).ElementName);
    }

    [Fact]
    public void DuplicateIdAcrossKinds_IsReported()
    {
        var problems = Bpmn.Validate(Bpmn.Chain("<bpmn:task id=\"Msg\"/>", "<bpmn:message id=\"Msg\" name=\"m\"/>"));

        Assert.Equal(ProblemCodes.DuplicateId, Assert.Single(problems).Code);
    }

    [Fact]
    public void ProblemsInsideSubProcesses_AreFound()
    {
        var xml = Bpmn.Chain(
            "<bpmn:subProcess id=\"Sub\"><bpmn:startEvent id=\"SubStart\"/><bpmn:userTask id=\"Deep\" name=\"Dalam\"/><bpmn:endEvent id=\"SubEnd\"/>" +
            "<bpmn:sequenceFlow id=\"S1\" sourceRef=\"SubStart\" targetRef=\"Deep\"/><bpmn:sequenceFlow id=\"S2\" sourceRef=\"Deep\" targetRef=\"SubEnd\"/></bpmn:subProcess>");

        var problem = Assert.Single(Bpmn.Validate(xml));

        Assert.Equal((ProblemCodes.UserTaskNoAssignment, "Deep", "P"), (problem.Code, problem.ElementId, problem.ProcessId));
    }

    [Fact]
    public void TimerOrMessageStartOnly_NeedsNoNoneStart()
    {
        var xml = Bpmn.Process(
            "<bpmn:startEvent id=\"Tiap\"><bpmn:timerEventDefinition><bpmn:timeCycle>0 0 8 ? * MON</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>" +
            "<bpmn:startEvent id=\"Pesan\"><bpmn:messageEventDefinition messageRef=\"M\"/></bpmn:startEvent><bpmn:endEvent id=\"E\"/>" +
            "<bpmn:sequenceFlow id=\"F1\" sourceRef=\"Tiap\" targetRef=\"E\"/><bpmn:sequenceFlow id=\"F2\" sourceRef=\"Pesan\" targetRef=\"E\"/>",
            "<bpmn:message id=\"M\" name=\"mulai\"/>");

        Assert.Empty(Bpmn.Validate(xml));
    }

    [Theory]
    [InlineData("timeDate", "besok pagi")]
    [InlineData("timeDuration", "2 minggu")]
    [InlineData("timeCycle", "R3/tiap hari")]
    [InlineData("timeCycle", "0 0 25 * * ?")]
    public void BadLiteralTimer_NamesTheTextAndAWorkingExample(string kind, string text)
    {
        var xml = Bpmn.Chain($"<bpmn:intermediateCatchEvent id=\"W\"><bpmn:timerEventDefinition><bpmn:{kind}>{text}</bpmn:{kind}></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>");

        var problem = Assert.Single(Bpmn.Validate(xml));

        Assert.Equal((ProblemCodes.BadTimer, "W"), (problem.Code, problem.ElementId));
        Assert.Contains(text, problem.Text.Indonesian, StringComparison.Ordinal);
    }

    [Fact]
    public void TimerWithAnExpression_IsLeftToRunTime()
    {
        var xml = Bpmn.Chain("<bpmn:intermediateCatchEvent id=\"W\"><bpmn:timerEventDefinition><bpmn:timeDate>${tenggat}</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>");

        Assert.Empty(Bpmn.Validate(xml));
    }

    [Fact]
    public void BadTimeoutListenerTimer_IsReportedOnTheTask()
    {
        var xml = Bpmn.Chain(
            "<bpmn:userTask id=\"U\" camunda:assignee=\"a\"><bpmn:extensionElements><camunda:taskListener event=\"timeout\" delegateExpression=\"${x}\">" +
            "<bpmn:timerEventDefinition><bpmn:timeDuration>dua hari</bpmn:timeDuration></bpmn:timerEventDefinition></camunda:taskListener></bpmn:extensionElements></bpmn:userTask>");

        var problem = Assert.Single(Bpmn.Validate(xml));

        Assert.Equal((ProblemCodes.BadTimer, "U"), (problem.Code, problem.ElementId));
    }

    [Theory]
    [InlineData("attachedToRef=\"\"", "not attached")]
    [InlineData("attachedToRef=\"Hilang\"", "does not exist")]
    [InlineData("attachedToRef=\"G\"", "not an activity")]
    [InlineData("attachedToRef=\"Inner\"", "another scope")]
    public void BoundaryBadAttach_SaysWhy(string attach, string why)
    {
        var xml = Bpmn.Chain(
            "<bpmn:exclusiveGateway id=\"G\"/><bpmn:subProcess id=\"Sub\"><bpmn:startEvent id=\"SS\"/><bpmn:task id=\"Inner\"/><bpmn:endEvent id=\"SE\"/>" +
            "<bpmn:sequenceFlow id=\"S1\" sourceRef=\"SS\" targetRef=\"Inner\"/><bpmn:sequenceFlow id=\"S2\" sourceRef=\"Inner\" targetRef=\"SE\"/></bpmn:subProcess>",
            extra: $"<bpmn:boundaryEvent id=\"B\" {attach}><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>" +
                "<bpmn:sequenceFlow id=\"FB\" sourceRef=\"B\" targetRef=\"End\"/>");

        var problem = Assert.Single(Bpmn.Validate(xml));

        Assert.Equal((ProblemCodes.BoundaryBadAttach, "B"), (problem.Code, problem.ElementId));
        Assert.Contains(why, problem.Text.English, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedElement_GetsNoFollowOnNoise()
    {
        var xml = Bpmn.Process(
            "<bpmn:startEvent id=\"S\"/><bpmn:endEvent id=\"E\"/><bpmn:sequenceFlow id=\"F\" sourceRef=\"S\" targetRef=\"E\"/>" +
            "<bpmn:task id=\"Undo\" isForCompensation=\"true\"/>");

        Assert.Equal([ProblemCodes.UnsupportedElement], Bpmn.Validate(xml).Select(p => p.Code));
    }

    [Fact]
    public void Validation_IsDeterministic()
    {
        var xml = Bpmn.Chain("<bpmn:userTask id=\"A\"/><bpmn:userTask id=\"B\"/><bpmn:scriptTask id=\"C\"/>");

        Assert.Equal(Bpmn.Validate(xml), Bpmn.Validate(xml));
    }

    [Fact]
    public void SampleModel_OfTwoHundredElementsValidatesClean()
    {
        var defs = BpmnParser.Parse(SampleModels.Linear(200));

        Assert.True(defs.Processes.Single().AllNodes.Count + defs.Processes.Single().AllFlows.Count >= 200);
        Assert.Empty(BpmnValidator.Validate(defs));
    }
}
