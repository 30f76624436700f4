using System.Globalization;
using System.Text;

namespace Kks.Workflow.Benchmarks;

/// <summary>
/// Generated valid BPMN models of a chosen size, shaped like the KKS workflow: user tasks for OPDs, decisions with a
/// default flow, external service tasks, reminder timers on some tasks, multi-instance on some. Shared with the
/// engine tests, which check that the generated model validates clean (so the benchmark measures a valid model).
/// </summary>
public static class SampleModels
{
    /// <summary>A model with at least <paramref name="elements"/> flow elements (nodes and sequence flows).</summary>
    public static string Linear(int elements)
    {
        var body = new StringBuilder("<bpmn:startEvent id=\"Start\"/>");
        var count = 1;
        var previous = "Start";
        for (var i = 0; count < elements - 2; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            var multi = i % 5 == 4
                ? "<bpmn:multiInstanceLoopCharacteristics camunda:collection=\"${opdList}\" camunda:elementVariable=\"opd\"/>"
                : string.Empty;
            body.Append(CultureInfo.InvariantCulture, $"<bpmn:userTask id=\"Task_{n}\" name=\"Lengkapi dokumen {n}\" camunda:candidateGroups=\"opd-{n}\" camunda:dueDate=\"${{tenggat}}\">{multi}</bpmn:userTask>");
            body.Append(CultureInfo.InvariantCulture, $"<bpmn:exclusiveGateway id=\"Gateway_{n}\" name=\"Lengkap?\" default=\"Flow_Revisi_{n}\"/>");
            body.Append(CultureInfo.InvariantCulture, $"<bpmn:serviceTask id=\"Service_{n}\" name=\"Kirim catatan\" camunda:type=\"external\" camunda:topic=\"kirim-catatan\"/>");
            body.Append(CultureInfo.InvariantCulture, $"<bpmn:exclusiveGateway id=\"Join_{n}\"/>");
            body.Append(Flow($"Flow_In_{n}", previous, $"Task_{n}"));
            body.Append(Flow($"Flow_Cek_{n}", $"Task_{n}", $"Gateway_{n}"));
            body.Append(Flow($"Flow_Ok_{n}", $"Gateway_{n}", $"Join_{n}", "${lengkap}"));
            body.Append(Flow($"Flow_Revisi_{n}", $"Gateway_{n}", $"Service_{n}"));
            body.Append(Flow($"Flow_Catatan_{n}", $"Service_{n}", $"Join_{n}"));
            count += 9;
            if (i % 4 == 0)
            {
                body.Append(CultureInfo.InvariantCulture, $"<bpmn:boundaryEvent id=\"Remind_{n}\" attachedToRef=\"Task_{n}\" cancelActivity=\"false\"><bpmn:timerEventDefinition><bpmn:timeCycle>R/P2D</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>");
                body.Append(CultureInfo.InvariantCulture, $"<bpmn:serviceTask id=\"Mail_{n}\" camunda:delegateExpression=\"${{mail}}\"/><bpmn:endEvent id=\"Reminded_{n}\"/>");
                body.Append(Flow($"Flow_Remind_{n}", $"Remind_{n}", $"Mail_{n}"));
                body.Append(Flow($"Flow_Mailed_{n}", $"Mail_{n}", $"Reminded_{n}"));
                count += 5;
            }

            previous = $"Join_{n}";
        }

        body.Append("<bpmn:endEvent id=\"End\"/>").Append(Flow("Flow_End", previous, "End"));
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" +
            "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" id=\"Defs\">" +
            $"<bpmn:process id=\"sample\" isExecutable=\"true\">{body}</bpmn:process></bpmn:definitions>";
    }

    private static string Flow(string id, string source, string target, string condition = "") =>
        condition.Length == 0
            ? $"<bpmn:sequenceFlow id=\"{id}\" sourceRef=\"{source}\" targetRef=\"{target}\"/>"
            : $"<bpmn:sequenceFlow id=\"{id}\" sourceRef=\"{source}\" targetRef=\"{target}\"><bpmn:conditionExpression>{condition}</bpmn:conditionExpression></bpmn:sequenceFlow>";
}
