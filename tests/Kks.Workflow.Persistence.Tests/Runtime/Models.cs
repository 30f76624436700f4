namespace Kks.Workflow.Persistence.Tests.Runtime;

/// <summary>Small BPMN files the runtime suite deploys.</summary>
internal static class Models
{
    private const string Namespaces =
        "xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"";

    public static string Process(string id, string body, string name = "Proses") =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bpmn:definitions {Namespaces} id=\"Defs_{id}\" targetNamespace=\"http://kks\">" +
        $"<bpmn:process id=\"{id}\" name=\"{name}\" isExecutable=\"true\">{body}</bpmn:process></bpmn:definitions>";

    private static string Flows(params string[] chain) =>
        string.Concat(chain.Zip(chain.Skip(1), (a, b) => $"<bpmn:sequenceFlow id=\"f_{a}_{b}\" sourceRef=\"{a}\" targetRef=\"{b}\"/>"));

    /// <summary>start → upload (group dinkes, due) → wait 1 h → verify (group sekda) → end.</summary>
    public static string Review(string name = "Proses") => Process("review", """
        <bpmn:startEvent id="s"/>
        <bpmn:userTask id="upload" name="Unggah bukti" camunda:candidateGroups="dinkes" camunda:dueDate="2025-02-01T00:00:00+07:00"/>
        <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
        <bpmn:userTask id="verify" name="Verifikasi" camunda:candidateGroups="sekda"/>
        <bpmn:endEvent id="e"/>
        """ + Flows("s", "upload", "wait", "verify", "e"), name);

    /// <summary>start → one task (group g) → end.</summary>
    public static string OneTask(string id = "one", string group = "dinkes") => Process(id, $"""
        <bpmn:startEvent id="s"/>
        <bpmn:userTask id="t" name="Tugas" camunda:candidateGroups="{group}"/>
        <bpmn:endEvent id="e"/>
        """ + Flows("s", "t", "e"));

    /// <summary>start → call activity (calls "one") → after (task) → end.</summary>
    public static string Parent() => Process("parent", """
        <bpmn:startEvent id="s"/>
        <bpmn:callActivity id="call" calledElement="one"/>
        <bpmn:userTask id="after" name="Sesudah" camunda:candidateGroups="dinkes"/>
        <bpmn:endEvent id="e"/>
        """ + Flows("s", "call", "after", "e"));

    /// <summary>start → service (handler "mail") → after (task) → end; an error "NO_MAIL" on the service goes to "fix".</summary>
    public static string Service() => Process("service", """
        <bpmn:startEvent id="s"/>
        <bpmn:serviceTask id="mail" name="Kirim surat" camunda:delegateExpression="${mail}"/>
        <bpmn:boundaryEvent id="noMail" attachedToRef="mail"><bpmn:errorEventDefinition errorRef="Err"/></bpmn:boundaryEvent>
        <bpmn:userTask id="after" name="Sesudah" camunda:candidateGroups="dinkes"/>
        <bpmn:userTask id="fix" name="Perbaiki" camunda:candidateGroups="dinkes"/>
        <bpmn:endEvent id="e"/>
        <bpmn:endEvent id="e2"/>
        <bpmn:sequenceFlow id="f_noMail_fix" sourceRef="noMail" targetRef="fix"/>
        <bpmn:sequenceFlow id="f_fix_e2" sourceRef="fix" targetRef="e2"/>
        """ + Flows("s", "mail", "after", "e")).Replace("</bpmn:definitions>", "<bpmn:error id=\"Err\" errorCode=\"NO_MAIL\"/></bpmn:definitions>", StringComparison.Ordinal);

    /// <summary>start → async-before task (group dinkes) → end.</summary>
    public static string AsyncTask() => Process("asyncy", """
        <bpmn:startEvent id="s"/>
        <bpmn:userTask id="t" name="Tugas" camunda:asyncBefore="true" camunda:candidateGroups="dinkes"/>
        <bpmn:endEvent id="e"/>
        """ + Flows("s", "t", "e"));

    /// <summary>A flow into nowhere: the validator refuses it.</summary>
    public static string Invalid() => Process("bad", """
        <bpmn:startEvent id="s"/>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="missing"/>
        """);
}
