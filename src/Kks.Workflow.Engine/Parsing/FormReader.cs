using System.Xml.Linq;
using Kks.Workflow.Engine.Model;

namespace Kks.Workflow.Engine.Parsing;

/// <summary>The form of a user task or start event: camunda:formKey / formRef and the camunda:formData fields.</summary>
internal static class FormReader
{
    public static FormInfo? Read(XElement e, ParseContext ctx)
    {
        var formKey = Xml.Trimmed(e.CamundaAttr("formKey"));
        var formRef = Xml.Trimmed(e.CamundaAttr("formRef"));
        var formData = e.CamundaExtensions("formData").FirstOrDefault();
        if (formKey is null && formRef is null && formData is null)
        {
            return null;
        }

        if (e.HasCamundaAttr("formHandlerClass"))
        {
            ctx.Unsupport(e, "camunda:formHandlerClass", Advice.FormHandler);
        }

        var fields = formData?.CamundaChildren("formField").Select(f => Field(e, f, ctx)).ToList() ?? [];
        return new FormInfo(
            formKey,
            formRef,
            Xml.Trimmed(e.CamundaAttr("formRefBinding")),
            Xml.Trimmed(e.CamundaAttr("formRefVersion")),
            fields);
    }

    private static FormField Field(XElement owner, XElement field, ParseContext ctx)
    {
        var id = Xml.Trimmed(field.Attr("id")) ?? string.Empty;
        var options = field.CamundaChildren("value")
            .Select(v => new FormFieldOption(v.Attr("id") ?? string.Empty, Xml.Trimmed(v.Attr("name"))))
            .ToList();
        var constraints = field.CamundaChildren("validation")
            .SelectMany(v => v.CamundaChildren("constraint"))
            .Select(c => new FormFieldConstraint(c.Attr("name") ?? string.Empty, Xml.Trimmed(c.Attr("config"))))
            .ToList();
        return new FormField(
            id,
            Xml.Trimmed(field.Attr("label")),
            // Camunda's form service treats a field without a type as a string field.
            Xml.Trimmed(field.Attr("type")) ?? "string",
            ctx.Expression(owner, field.Attr("defaultValue"), new BilingualText($"nilai bawaan kolom formulir '{id}'", $"a default value for form field '{id}'")),
            options,
            constraints,
            Properties(field));
    }

    /// <summary>A form field's camunda:property entries are keyed by "id" (an element's own properties use "name").</summary>
    private static Dictionary<string, string> Properties(XElement field)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in field.CamundaChildren("properties").SelectMany(p => p.CamundaChildren("property")))
        {
            if (Xml.Trimmed(property.Attr("id") ?? property.Attr("name")) is { } key)
            {
                result[key] = property.Attr("value") ?? string.Empty;
            }
        }

        return result;
    }
}
