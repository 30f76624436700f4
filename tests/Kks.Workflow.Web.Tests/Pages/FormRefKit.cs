using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kks.Workflow.Web.Tests.Pages;

/// <summary>A process whose one user task names a form-js form with camunda:formRef, deployed with the form (a .form file).</summary>
internal static class FormRefKit
{
    public static string Schema(string formId) => $$$"""
        {"id": "{{{formId}}}", "type": "default", "schemaVersion": 16, "components": [
          {"type": "textfield", "key": "ringkasan", "label": "Ringkasan bukti", "validate": {"required": true, "maxLength": 200}},
          {"type": "number", "key": "persen", "label": "Persentase RT terlayani", "validate": {"required": true, "min": 0, "max": 100}},
          {"type": "textfield", "key": "catatan", "label": "Catatan"}
        ]}
        """;

    public static string Bpmn(string key, string formId, string opd) => TestBpmn.Process(key, $"""
        <bpmn:startEvent id="mulai" />
        <bpmn:userTask id="isi" name="Isi formulir sampah" camunda:candidateGroups="{opd}" camunda:formRef="{formId}" camunda:formRefBinding="latest" />
        <bpmn:endEvent id="selesai" />
        {TestBpmn.Flows("mulai", "isi", "selesai")}
        """);

    /// <summary>Deploys both files and starts one instance; answers its id.</summary>
    public static async Task<string> StartAsync(IServiceProvider services, string key, string formId, string opd)
    {
        await services.GetRequiredService<DeploymentService>().DeployFilesAsync(new DeploymentRequest(key,
            [new DeploymentFile(key + ".bpmn", Bpmn(key, formId, opd)), new DeploymentFile(formId + ".form", Schema(formId))]));
        var runtime = services.GetRequiredService<WorkflowRuntime>();
        return (await runtime.StartAsync(key, new Dictionary<string, object?> { ["catatan"] = "awal" }, "form-" + key)).InstanceId;
    }
}
