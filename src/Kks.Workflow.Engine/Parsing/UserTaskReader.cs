using System.Xml.Linq;
using Kks.Workflow.Engine.Model;

namespace Kks.Workflow.Engine.Parsing;

/// <summary>A userTask: who does it (Camunda attributes, or BPMN's humanPerformer/potentialOwner), dates, form, timeout listeners.</summary>
internal static class UserTaskReader
{
    public static UserTask Read(XElement e, NodeBasics b, ParseContext ctx)
    {
        var (performer, owners) = Performers(e);
        var (users, groups) = SplitOwners(owners);
        return new UserTask
        {
            Id = b.Id, Name = b.Name, Documentation = b.Documentation, ElementType = b.ElementType,
            Properties = b.Properties, ExtensionAttributes = b.ExtensionAttributes,
            AsyncBefore = b.AsyncBefore, AsyncAfter = b.AsyncAfter, Inputs = b.Inputs, Outputs = b.Outputs,
            MultiInstance = MultiInstanceReader.Read(e, ctx), DefaultFlowRef = Xml.Trimmed(e.Attr("default")),
            Assignee = ctx.Expression(e, e.CamundaAttr("assignee") ?? performer, new("assignee", "the assignee")),
            CandidateUsers = ctx.Expression(e, e.CamundaAttr("candidateUsers") ?? users, new("candidateUsers", "the candidate users")),
            CandidateGroups = ctx.Expression(e, e.CamundaAttr("candidateGroups") ?? groups, new("candidateGroups", "the candidate groups")),
            DueDate = ctx.Expression(e, e.CamundaAttr("dueDate"), new("tanggal tenggat", "the due date")),
            FollowUpDate = ctx.Expression(e, e.CamundaAttr("followUpDate"), new("tanggal tindak lanjut", "the follow-up date")),
            Priority = ctx.Expression(e, e.CamundaAttr("priority"), new("prioritas", "the priority")),
            Form = FormReader.Read(e, ctx),
            TaskListeners = TaskListeners(e, ctx),
            DeadlinePolicy = b.ExtensionAttributes.TryGetValue("deadlinePolicy", out var policy) ? policy.Trim() : null,
        };
    }

    /// <summary>BPMN's own assignment, which Camunda also reads: humanPerformer is the assignee, potentialOwner the candidates.</summary>
    private static (string? Performer, string? Owners) Performers(XElement e)
    {
        static string? Formal(XElement role) =>
            role.BpmnChild("resourceAssignmentExpression")?.BpmnChild("formalExpression")?.OwnText();

        var performer = e.BpmnChildren("humanPerformer").Select(Formal).FirstOrDefault(t => t is not null);
        var owners = e.BpmnChildren("potentialOwner").Select(Formal).OfType<string>().ToList();
        return (performer, owners.Count == 0 ? null : string.Join(",", owners));
    }

    /// <summary>"user(kermit), group(management), sales": Camunda reads a bare name as a group.</summary>
    private static (string? Users, string? Groups) SplitOwners(string? owners)
    {
        if (owners is null)
        {
            return (null, null);
        }

        var users = new List<string>();
        var groups = new List<string>();
        foreach (var part in owners.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("user(", StringComparison.Ordinal) && part.EndsWith(')'))
            {
                users.Add(part[5..^1].Trim());
            }
            else if (part.StartsWith("group(", StringComparison.Ordinal) && part.EndsWith(')'))
            {
                groups.Add(part[6..^1].Trim());
            }
            else
            {
                groups.Add(part);
            }
        }

        return (users.Count == 0 ? null : string.Join(",", users), groups.Count == 0 ? null : string.Join(",", groups));
    }

    /// <summary>Only timeout listeners run (Camunda's way to remind on an open task); any other is unsupported.</summary>
    private static List<TaskListener> TaskListeners(XElement e, ParseContext ctx)
    {
        var result = new List<TaskListener>();
        foreach (var listener in e.CamundaExtensions("taskListener"))
        {
            var eventName = Xml.Trimmed(listener.Attr("event")) ?? string.Empty;
            if (eventName != "timeout")
            {
                ctx.Unsupport(e, $"camunda:taskListener event=\"{eventName}\"", Advice.TaskListenerEvent);
                continue;
            }

            if (listener.Attr("class") is not null || listener.Attr("expression") is not null || listener.CamundaChildren("script").Any())
            {
                ctx.Unsupport(e, "camunda:taskListener class/expression/script", Advice.TaskListenerImplementation);
                continue;
            }

            if (listener.CamundaChildren("field").Any())
            {
                ctx.Unsupport(e, "camunda:field", Advice.Field);
            }

            var delegateExpression = Xml.Trimmed(listener.Attr("delegateExpression"));
            if (delegateExpression is not null)
            {
                // Parsed only to report a typo now; the runtime resolves the delegate by its text.
                ctx.Expression(e, delegateExpression, new("delegateExpression listener", "the listener's delegateExpression"));
            }

            var timer = listener.BpmnChild("timerEventDefinition") is { } definition
                ? EventDefinitionReader.Timer(e, definition, ctx)
                : null;
            result.Add(new TaskListener(eventName, Xml.Trimmed(listener.Attr("id")), delegateExpression, timer));
        }

        return result;
    }
}
