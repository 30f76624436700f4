using System.Globalization;
using System.Text;

namespace Kks.Workflow.Web.Tests.Designer;

/// <summary>Drawn BPMN models for the designer's browser tests (with diagram coordinates, as Camunda Modeler saves them).</summary>
internal static class DesignerModels
{
    private const string Head = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">
        """;

    /// <summary>start → "Rapat koordinasi" (secretariat) → end: the small KKS model the scenario extends.</summary>
    public static string Rakor(string key) => StartTaskEnd(key, "Persiapan KKS (uji desainer)", "rakor",
        """<bpmn:userTask id="rakor" name="Catat rapat koordinasi" camunda:candidateGroups="sekretariat">FLOWS</bpmn:userTask>""", namedEvents: true);

    /// <summary>A script task between start and end: outside the engine's subset, refused with its element id.</summary>
    public static string WithScriptTask(string key) => StartTaskEnd(key, "Model tidak valid", "skrip",
        """<bpmn:scriptTask id="skrip" name="Hitung skor" scriptFormat="javascript">FLOWS<bpmn:script>1+1</bpmn:script></bpmn:scriptTask>""", namedEvents: false);

    /// <summary>
    /// "mulai" → one task → "selesai", drawn left to right; FLOWS in <paramref name="taskXml"/> marks where the task's
    /// incoming and outgoing flows go.
    /// </summary>
    private static string StartTaskEnd(string key, string processName, string task, string taskXml, bool namedEvents)
    {
        const string start = "mulai", end = "selesai";
        var (startName, endName) = namedEvents ? (" name=\"Mulai\"", " name=\"Selesai\"") : ("", "");
        var taskElement = taskXml.Replace("FLOWS", "<bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>", StringComparison.Ordinal);
        return Head + $"""
              <bpmn:process id="{key}" name="{processName}" isExecutable="true">
                <bpmn:startEvent id="{start}"{startName}><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
                {taskElement}
                <bpmn:endEvent id="{end}"{endName}><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
                <bpmn:sequenceFlow id="f1" sourceRef="{start}" targetRef="{task}" />
                <bpmn:sequenceFlow id="f2" sourceRef="{task}" targetRef="{end}" />
              </bpmn:process>
              <bpmndi:BPMNDiagram id="BPMNDiagram_1">
                <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="{key}">
                  <bpmndi:BPMNShape id="{start}_di" bpmnElement="{start}"><dc:Bounds x="152" y="102" width="36" height="36" /></bpmndi:BPMNShape>
                  <bpmndi:BPMNShape id="{task}_di" bpmnElement="{task}"><dc:Bounds x="240" y="80" width="100" height="80" /></bpmndi:BPMNShape>
                  <bpmndi:BPMNShape id="{end}_di" bpmnElement="{end}"><dc:Bounds x="392" y="102" width="36" height="36" /></bpmndi:BPMNShape>
                  <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="188" y="120" /><di:waypoint x="240" y="120" /></bpmndi:BPMNEdge>
                  <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="340" y="120" /><di:waypoint x="392" y="120" /></bpmndi:BPMNEdge>
                </bpmndi:BPMNPlane>
              </bpmndi:BPMNDiagram>
            </bpmn:definitions>
            """;
    }

    /// <summary>
    /// A chain of <paramref name="tasks"/> user tasks, each offered to an OPD, laid out in rows of 10: with its start,
    /// end and the flows between them that is 2 × tasks + 3 elements (148 tasks: 299 elements, 149 tasks: 301).
    /// </summary>
    public static string Chain(string key, int tasks)
    {
        var process = new StringBuilder();
        var diagram = new StringBuilder();
        var ids = new List<string> { "mulai" };
        ids.AddRange(Enumerable.Range(1, tasks).Select(i => "t" + i.ToString(CultureInfo.InvariantCulture)));
        ids.Add("selesai");
        (int X, int Y) Position(int index) => (150 + index % 10 * 160, 100 + index / 10 * 140);
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i];
            var (x, y) = Position(i);
            var element = i == 0 ? "startEvent" : i == ids.Count - 1 ? "endEvent" : "userTask";
            var extra = element == "userTask" ? $" name=\"Indikator {i}\" camunda:candidateGroups=\"opd{i % 18}\"" : "";
            process.Append(CultureInfo.InvariantCulture, $"<bpmn:{element} id=\"{id}\"{extra} />");
            var (w, h) = element == "userTask" ? (100, 80) : (36, 36);
            diagram.Append(CultureInfo.InvariantCulture, $"<bpmndi:BPMNShape id=\"{id}_di\" bpmnElement=\"{id}\"><dc:Bounds x=\"{x}\" y=\"{y + (80 - h) / 2}\" width=\"{w}\" height=\"{h}\" /></bpmndi:BPMNShape>");
            if (i > 0)
            {
                var previous = ids[i - 1];
                var (px, py) = Position(i - 1);
                var pw = i - 1 == 0 ? 36 : 100;
                process.Append(CultureInfo.InvariantCulture, $"<bpmn:sequenceFlow id=\"f{i}\" sourceRef=\"{previous}\" targetRef=\"{id}\" />");
                diagram.Append(CultureInfo.InvariantCulture, $"<bpmndi:BPMNEdge id=\"f{i}_di\" bpmnElement=\"f{i}\"><di:waypoint x=\"{px + pw}\" y=\"{py + 40}\" /><di:waypoint x=\"{x}\" y=\"{y + 40}\" /></bpmndi:BPMNEdge>");
            }
        }

        return Head + $"""
              <bpmn:process id="{key}" name="Model besar" isExecutable="true">{process}</bpmn:process>
              <bpmndi:BPMNDiagram id="BPMNDiagram_1"><bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="{key}">{diagram}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
            </bpmn:definitions>
            """;
    }
}
