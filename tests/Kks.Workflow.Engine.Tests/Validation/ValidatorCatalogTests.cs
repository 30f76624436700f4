using System.Reflection;
using Kks.Workflow.Engine.Tests.Parsing;

namespace Kks.Workflow.Engine.Tests.Validation;

/// <summary>One small file per problem code: the code is reported on the right element, and nothing else is.</summary>
public sealed class ValidatorCatalogTests
{
    private const string Start = "<bpmn:startEvent id=\"Start\"/>";
    private const string End = "<bpmn:endEvent id=\"End\"/>";

    private static string Flow(string id, string from, string to, string condition = "") =>
        condition.Length == 0
            ? $"<bpmn:sequenceFlow id=\"{id}\" sourceRef=\"{from}\" targetRef=\"{to}\"/>"
            : $"<bpmn:sequenceFlow id=\"{id}\" sourceRef=\"{from}\" targetRef=\"{to}\"><bpmn:conditionExpression>{condition}</bpmn:conditionExpression></bpmn:sequenceFlow>";

    private static string Timer(string kind, string text) =>
        $"<bpmn:timerEventDefinition><bpmn:{kind}>{text}</bpmn:{kind}></bpmn:timerEventDefinition>";

    private static string Gateway(string type, string outgoing, string attributes = "") =>
        Bpmn.Process($"{Start}<bpmn:{type} id=\"G\" name=\"Disetujui?\"{attributes}/><bpmn:endEvent id=\"E1\"/><bpmn:endEvent id=\"E2\"/>{Flow("F0", "Start", "G")}{outgoing}");

    /// <summary>(code, file, element the problem is on, severity, other codes the same file rightly also gets).</summary>
    public static TheoryData<string, string, string?, ProblemSeverity, string[]> Cases => new()
    {
        { ProblemCodes.NoExecutableProcess, Bpmn.Process($"{Start}{End}{Flow("F", "Start", "End")}", executable: false), null, ProblemSeverity.Error, [] },
        { ProblemCodes.DuplicateId, Bpmn.Chain("<bpmn:task id=\"T\" name=\"Satu\"/>", extra: "<bpmn:task id=\"T\" name=\"Dua\"/>"), "T", ProblemSeverity.Error, [] },
        { ProblemCodes.MissingId, Bpmn.Chain(string.Empty, extra: "<bpmn:sequenceFlow sourceRef=\"Start\" targetRef=\"End\"/>"), "sequenceFlow#1", ProblemSeverity.Error, [] },
        { ProblemCodes.UnsupportedElement, Bpmn.Chain("<bpmn:scriptTask id=\"X\" name=\"Hitung skor\"/>"), "X", ProblemSeverity.Error, [] },
        { ProblemCodes.BadExpression, Bpmn.Chain("<bpmn:userTask id=\"U\" name=\"Periksa\" camunda:assignee=\"${pic +}\"/>"), "U", ProblemSeverity.Error, [ProblemCodes.UserTaskNoAssignment] },
        { ProblemCodes.BadHistoryTimeToLive, Bpmn.Definitions($"<bpmn:process id=\"P\" name=\"Proses\" isExecutable=\"true\" camunda:historyTimeToLive=\"selamanya\">{Start}{End}{Flow("F", "Start", "End")}</bpmn:process>"), "P", ProblemSeverity.Error, [] },
        { ProblemCodes.IoParameterNoName, Bpmn.Chain("<bpmn:task id=\"T\"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter>1</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:task>"), "T", ProblemSeverity.Error, [] },
        { ProblemCodes.NoStartEvent, Bpmn.Process($"<bpmn:task id=\"T\"/>{End}{Flow("F", "T", "End")}"), "P", ProblemSeverity.Error, [] },
        { ProblemCodes.MultipleNoneStart, Bpmn.Process($"{Start}<bpmn:startEvent id=\"Start2\"/>{End}{Flow("F", "Start", "End")}{Flow("F2", "Start2", "End")}"), "Start2", ProblemSeverity.Error, [] },
        { ProblemCodes.SubProcessStartNotNone, Bpmn.Chain($"<bpmn:subProcess id=\"Sub\"><bpmn:startEvent id=\"SubStart\">{Timer("timeDuration", "P1D")}</bpmn:startEvent><bpmn:endEvent id=\"SubEnd\"/>{Flow("SF", "SubStart", "SubEnd")}</bpmn:subProcess>"), "SubStart", ProblemSeverity.Error, [ProblemCodes.NoStartEvent] },
        { ProblemCodes.DanglingFlow, Bpmn.Chain(string.Empty, extra: Flow("Lost", "Start", "Nowhere")), "Lost", ProblemSeverity.Error, [] },
        { ProblemCodes.FlowCrossesScope, Bpmn.Chain($"<bpmn:subProcess id=\"Sub\"><bpmn:startEvent id=\"SubStart\"/><bpmn:endEvent id=\"SubEnd\"/>{Flow("SF", "SubStart", "SubEnd")}</bpmn:subProcess>", extra: Flow("Jump", "Start", "SubEnd")), "Jump", ProblemSeverity.Error, [] },
        { ProblemCodes.FlowIntoStart, Bpmn.Chain("<bpmn:task id=\"T\"/>", extra: Flow("Back", "T", "Start")), "Start", ProblemSeverity.Error, [] },
        { ProblemCodes.FlowOutOfEnd, Bpmn.Chain("<bpmn:task id=\"T\"/>", extra: "<bpmn:task id=\"After\"/>" + Flow("Out", "End", "After") + "<bpmn:endEvent id=\"End2\"/>" + Flow("F9", "After", "End2")), "End", ProblemSeverity.Error, [] },
        { ProblemCodes.FlowIntoBoundary, Bpmn.Chain("<bpmn:userTask id=\"U\" camunda:assignee=\"a\"/>", extra: $"<bpmn:boundaryEvent id=\"B\" attachedToRef=\"U\">{Timer("timeDuration", "P1D")}</bpmn:boundaryEvent>{Flow("FB", "B", "End")}{Flow("Into", "Start", "B")}"), "B", ProblemSeverity.Error, [] },
        { ProblemCodes.NodeNoOutgoing, Bpmn.Process($"{Start}<bpmn:task id=\"T\" name=\"Buntu\"/>{Flow("F", "Start", "T")}"), "T", ProblemSeverity.Error, [] },
        { ProblemCodes.UnreachableNode, Bpmn.Chain("<bpmn:task id=\"T\"/>", extra: "<bpmn:task id=\"Orphan\" name=\"Yatim\"/>" + Flow("FO", "Orphan", "End")), "Orphan", ProblemSeverity.Warning, [] },
        { ProblemCodes.ConditionNotExpression, Bpmn.Process($"{Start}{End}{Flow("F", "Start", "End", "approved")}"), "F", ProblemSeverity.Error, [] },
        { ProblemCodes.GatewayNoOutgoing, Bpmn.Process($"{Start}<bpmn:exclusiveGateway id=\"G\"/>{Flow("F", "Start", "G")}"), "G", ProblemSeverity.Error, [] },
        { ProblemCodes.ExclusiveNoCondition, Gateway("exclusiveGateway", Flow("Ya", "G", "E1") + Flow("Tidak", "G", "E2")), "G", ProblemSeverity.Error, [] },
        { ProblemCodes.InclusiveNoCondition, Gateway("inclusiveGateway", Flow("Ya", "G", "E1", "${a}") + Flow("Tidak", "G", "E2")), "G", ProblemSeverity.Error, [] },
        { ProblemCodes.DefaultFlowInvalid, Gateway("exclusiveGateway", Flow("Ya", "G", "E1", "${a}") + Flow("Tidak", "G", "E2", "${!a}"), " default=\"F0\""), "G", ProblemSeverity.Error, [] },
        { ProblemCodes.DefaultFlowHasCondition, Gateway("exclusiveGateway", Flow("Ya", "G", "E1", "${a}") + Flow("Tidak", "G", "E2", "${!a}"), " default=\"Tidak\""), "Tidak", ProblemSeverity.Error, [] },
        { ProblemCodes.ConditionIgnored, Gateway("parallelGateway", Flow("Ya", "G", "E1", "${a}") + Flow("Tidak", "G", "E2")), "Ya", ProblemSeverity.Warning, [] },
        { ProblemCodes.EventGatewayBadTarget, Bpmn.Process($"{Start}<bpmn:eventBasedGateway id=\"G\"/><bpmn:task id=\"T\"/><bpmn:intermediateCatchEvent id=\"W\">{Timer("timeDuration", "P1D")}</bpmn:intermediateCatchEvent>{End}{Flow("F0", "Start", "G")}{Flow("F1", "G", "T")}{Flow("F2", "G", "W")}{Flow("F3", "T", "End")}{Flow("F4", "W", "End")}"), "G", ProblemSeverity.Error, [] },
        { ProblemCodes.EventNoDefinition, Bpmn.Chain("<bpmn:intermediateCatchEvent id=\"C\" name=\"Tunggu\"/>"), "C", ProblemSeverity.Error, [] },
        { ProblemCodes.BoundaryBadAttach, Bpmn.Chain("<bpmn:task id=\"T\"/>", extra: $"<bpmn:boundaryEvent id=\"B\" attachedToRef=\"Start\">{Timer("timeDuration", "P1D")}</bpmn:boundaryEvent>{Flow("FB", "B", "End")}"), "B", ProblemSeverity.Error, [] },
        { ProblemCodes.ErrorBoundaryNonInterrupting, Bpmn.Chain("<bpmn:task id=\"T\"/>", extra: $"<bpmn:boundaryEvent id=\"B\" attachedToRef=\"T\" cancelActivity=\"false\"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>{Flow("FB", "B", "End")}"), "B", ProblemSeverity.Error, [] },
        { ProblemCodes.BadTimer, Bpmn.Chain($"<bpmn:intermediateCatchEvent id=\"W\" name=\"Tunggu\">{Timer("timeDuration", "3 hari")}</bpmn:intermediateCatchEvent>"), "W", ProblemSeverity.Error, [] },
        { ProblemCodes.MessageMissing, Bpmn.Chain("<bpmn:intermediateCatchEvent id=\"M\"><bpmn:messageEventDefinition/></bpmn:intermediateCatchEvent>"), "M", ProblemSeverity.Error, [] },
        { ProblemCodes.MessageMissingName, Bpmn.Chain("<bpmn:receiveTask id=\"R\" messageRef=\"Msg\"/>", "<bpmn:message id=\"Msg\"/>"), "R", ProblemSeverity.Error, [] },
        { ProblemCodes.ErrorRefMissing, Bpmn.Process($"{Start}<bpmn:endEvent id=\"End\"><bpmn:errorEventDefinition errorRef=\"Hilang\"/></bpmn:endEvent>{Flow("F", "Start", "End")}"), "End", ProblemSeverity.Error, [] },
        { ProblemCodes.EscalationRefMissing, Bpmn.Process($"{Start}<bpmn:endEvent id=\"End\"><bpmn:escalationEventDefinition/></bpmn:endEvent>{Flow("F", "Start", "End")}"), "End", ProblemSeverity.Error, [] },
        { ProblemCodes.UserTaskNoAssignment, Bpmn.Chain("<bpmn:userTask id=\"U\" name=\"Unggah bukti\"/>"), "U", ProblemSeverity.Error, [] },
        { ProblemCodes.FormFieldInvalid, Bpmn.Chain("<bpmn:userTask id=\"U\" camunda:assignee=\"a\"><bpmn:extensionElements><camunda:formData><camunda:formField id=\"warna\" type=\"color\"/></camunda:formData></bpmn:extensionElements></bpmn:userTask>"), "U", ProblemSeverity.Error, [] },
        { ProblemCodes.TaskListenerIncomplete, Bpmn.Chain("<bpmn:userTask id=\"U\" camunda:assignee=\"a\"><bpmn:extensionElements><camunda:taskListener event=\"timeout\" delegateExpression=\"${pengingat}\"/></bpmn:extensionElements></bpmn:userTask>"), "U", ProblemSeverity.Error, [] },
        { ProblemCodes.DeadlinePolicyUnknown, Bpmn.Chain("<bpmn:userTask id=\"U\" camunda:assignee=\"a\" camunda:dueDate=\"2023-03-24T16:00:00+07:00\" kks:deadlinePolicy=\"\"/>"), "U", ProblemSeverity.Error, [] },
        { ProblemCodes.DeadlinePolicyWithoutDueDate, Bpmn.Chain("<bpmn:userTask id=\"U\" camunda:assignee=\"a\" kks:deadlinePolicy=\"standar\"/>"), "U", ProblemSeverity.Warning, [] },
        { ProblemCodes.ServiceTaskNoImplementation, Bpmn.Chain("<bpmn:serviceTask id=\"S\" name=\"Kirim\"/>"), "S", ProblemSeverity.Error, [] },
        { ProblemCodes.ExternalNoTopic, Bpmn.Chain("<bpmn:serviceTask id=\"S\" camunda:type=\"external\"/>"), "S", ProblemSeverity.Error, [] },
        { ProblemCodes.BadRetryCycle, Bpmn.Chain("<bpmn:serviceTask id=\"S\" camunda:type=\"external\" camunda:topic=\"t\"><bpmn:extensionElements><camunda:failedJobRetryTimeCycle>lima kali</camunda:failedJobRetryTimeCycle></bpmn:extensionElements></bpmn:serviceTask>"), "S", ProblemSeverity.Error, [] },
        { ProblemCodes.MultiInstanceNoCollectionOrCardinality, Bpmn.Chain("<bpmn:userTask id=\"U\" camunda:assignee=\"a\"><bpmn:multiInstanceLoopCharacteristics/></bpmn:userTask>"), "U", ProblemSeverity.Error, [] },
        { ProblemCodes.MultiInstanceBadCardinality, Bpmn.Chain("<bpmn:userTask id=\"U\" camunda:assignee=\"a\"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>tiga</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>"), "U", ProblemSeverity.Error, [] },
        { ProblemCodes.CallActivityNoElement, Bpmn.Chain("<bpmn:callActivity id=\"C\"/>"), "C", ProblemSeverity.Error, [] },
        { ProblemCodes.CallActivityBadVersion, Bpmn.Chain("<bpmn:callActivity id=\"C\" calledElement=\"anak\" camunda:calledElementBinding=\"version\"/>"), "C", ProblemSeverity.Error, [] },
        { ProblemCodes.CallActivityBadMapping, Bpmn.Chain("<bpmn:callActivity id=\"C\" calledElement=\"anak\"><bpmn:extensionElements><camunda:in source=\"a\"/></bpmn:extensionElements></bpmn:callActivity>"), "C", ProblemSeverity.Error, [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ProblemFile_IsReportedPreciselyWithABilingualSentence(string code, string xml, string? elementId, ProblemSeverity severity, string[] also)
    {
        var problems = Bpmn.Validate(xml);

        var problem = Assert.Single(problems, p => p.Code == code);
        Assert.Equal(elementId, problem.ElementId);
        Assert.Equal(severity, problem.Severity);
        Assert.Equal(elementId is null ? null : "P", problem.ProcessId);
        Assert.Equal(also.Append(code).Order(StringComparer.Ordinal), problems.Select(p => p.Code).Distinct().Order(StringComparer.Ordinal));
        foreach (var text in new[] { problem.Text.Indonesian, problem.Text.English })
        {
            Assert.False(string.IsNullOrWhiteSpace(text));
            Assert.EndsWith(".", text, StringComparison.Ordinal);
            Assert.Contains(':', text);
            if (elementId is not null && !elementId.Contains('#', StringComparison.Ordinal))
            {
                Assert.Contains(elementId, text, StringComparison.Ordinal);
            }

            if (problem.ElementName is { } name)
            {
                Assert.Contains($"'{name}'", text, StringComparison.Ordinal);
            }
        }

        Assert.NotEqual(problem.Text.Indonesian, problem.Text.English);
    }

    [Fact]
    public void EveryProblemCode_HasACatalogueCase()
    {
        var codes = typeof(ProblemCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);
        var covered = Cases.Select(c => (string)c[0]).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(codes.Except(covered));
        Assert.All(codes, c => Assert.Matches("^[a-z]+(-[a-z]+)*$", c));
    }

    [Fact]
    public void ExclusiveGatewayWithoutConditions_ReadsAsGoodIndonesian()
    {
        var problem = Assert.Single(Bpmn.Validate(Gateway("exclusiveGateway", Flow("Ya", "G", "E1") + Flow("Tidak", "G", "E2"))));

        Assert.Equal(
            "Gateway eksklusif 'Disetujui?' (G) punya dua alur keluar tanpa kondisi (Ya, Tidak): beri setiap alur sebuah kondisi atau tandai satu sebagai alur default.",
            problem.Text.Indonesian);
        Assert.Equal(
            "Exclusive gateway 'Disetujui?' (G) has two outgoing flows without a condition (Ya, Tidak): give each flow a condition or mark one as the default flow.",
            problem.Text.English);
    }
}
