using Kks.Workflow.Engine.State;
using static Kks.Workflow.Engine.Tests.Execution.Elements;

namespace Kks.Workflow.Engine.Tests.Execution;

public sealed class CallActivityTests
{
    private const string ErrorRoot = """<bpmn:error id="err_incomplete" name="Incomplete" errorCode="INCOMPLETE" />""";

    private static string Call(string mappings, string extra = "") =>
        $"""<bpmn:callActivity id="call" calledElement="child" {extra}><bpmn:extensionElements>{mappings}</bpmn:extensionElements></bpmn:callActivity>""";

    /// <summary>The parent (s -> call -> after -> e) and a child (cs -> work -> ce) deployed in the same runtime.</summary>
    private static InMemoryRuntime Runtime(string mappings, string childBody = "", string parentExtra = "", string callExtra = "")
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            {Start()}{Call(mappings, callExtra)}{Bpmn.Task("after")}{End()}{parentExtra}
            {Bpmn.Flows("s->call->after->e")}
            """, extraRoot: ErrorRoot), out _);
        runtime.Deploy(Bpmn.Process(
            childBody.Length > 0 ? childBody : $"""{Start("cs")}{Bpmn.Task("work", group: "${opd}")}{End("ce")}{Bpmn.Flows("cs->work->ce")}""",
            id: "child",
            extraRoot: ErrorRoot));
        return runtime;
    }

    private static ProcessInstanceState Child(InMemoryRuntime runtime, string parent) =>
        runtime.Instances.Single(i => i.SuperInstanceId == parent);

    [Fact]
    public void CallActivity_StartsCalledProcessAndWaitsForIt()
    {
        var runtime = Runtime("""<camunda:in source="opd" target="opd" />""");
        var id = runtime.Start("p", Bpmn.Vars(("opd", "DINKES")));

        Assert.Equal(["call"], runtime.WaitingAt(id));
        var child = Child(runtime, id);
        Assert.Equal("child", child.ProcessKey);
        Assert.Equal(["work"], runtime.WaitingAt(child.Id));
        Assert.Equal(["DINKES"], runtime.Tasks(child.Id).Single().CandidateGroups);
        Assert.Equal(runtime.Instance(id).Executions.Single(e => e.NodeId == "call").Id, child.SuperExecutionId);

        runtime.Complete(child.Id, "work");
        Assert.Equal(InstanceStatus.Completed, runtime.Instance(child.Id).Status);
        Assert.Equal(["after"], runtime.WaitingAt(id));
        Assert.Equal(["s", "call", "after"], runtime.Log(id));
        Assert.Equal(["cs", "work", "ce"], runtime.Log(child.Id));
    }

    [Fact]
    public void InMappings_PassOnlyWhatTheyName()
    {
        var runtime = Runtime("""
            <camunda:in source="opd" target="opd" />
            <camunda:in source="deadline" target="batas" />
            <camunda:in sourceExpression="${'tahun-' + year}" target="label" />
            """);
        var id = runtime.Start("p", Bpmn.Vars(("opd", "DINKES"), ("deadline", "2023-05-01"), ("year", 2023L), ("secret", "x")));
        var child = Child(runtime, id);
        Assert.Equal("DINKES", runtime.Variable(child.Id, "opd"));
        Assert.Equal("2023-05-01", runtime.Variable(child.Id, "batas"));
        Assert.Equal("tahun-2023", runtime.Variable(child.Id, "label"));
        Assert.Null(runtime.Variable(child.Id, "secret"));
        Assert.Null(runtime.Variable(child.Id, "deadline"));
    }

    [Fact]
    public void OutSourceExpression_IsEvaluatedOverTheChildsVariables()
    {
        var runtime = Runtime("""
            <camunda:in source="opd" target="opd" />
            <camunda:out sourceExpression="${score * 2}" target="doubled" />
            <camunda:out sourceExpression="${opd}" target="fromChild" />
            """);
        var id = runtime.Start("p", Bpmn.Vars(("opd", "DINKES")));
        runtime.Complete(Child(runtime, id).Id, "work", ("score", 40L));
        Assert.Equal(80L, runtime.Variable(id, "doubled"));
        Assert.Equal("DINKES", runtime.Variable(id, "fromChild"));
    }

    [Fact]
    public void CalledProcessNotDeployed_ThrowsAndNothingIsStored()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            {Start()}{Bpmn.Task("first")}{Call("")}{Bpmn.Task("after")}{End()}
            {Bpmn.Flows("s->first->call->after->e")}
            """), out _);
        var id = runtime.Start("p");
        var before = runtime.Instance(id);

        var error = Assert.Throws<EngineException>(() => runtime.Complete(id, "first"));

        Assert.Contains("'child'", error.Text.English, StringComparison.Ordinal);
        Assert.Same(before, runtime.Instance(id));
        Assert.Equal(["first"], runtime.WaitingAt(id));
        Assert.Single(runtime.Instances);
    }

    [Fact]
    public void InAll_PassesEveryVisibleVariable()
    {
        var runtime = Runtime("""<camunda:in variables="all" />""");
        var id = runtime.Start("p", Bpmn.Vars(("opd", "DINKES"), ("year", 2023L)));
        var child = Child(runtime, id);
        Assert.Equal("DINKES", runtime.Variable(child.Id, "opd"));
        Assert.Equal(2023L, runtime.Variable(child.Id, "year"));
    }

    [Fact]
    public void OutMappings_CopyBackWhenTheChildCompletes()
    {
        var runtime = Runtime("""
            <camunda:in source="opd" target="opd" />
            <camunda:out source="score" target="opdScore" />
            """);
        var id = runtime.Start("p", Bpmn.Vars(("opd", "DINKES")));
        var child = Child(runtime, id);
        runtime.Complete(child.Id, "work", ("score", 85L), ("internal", "y"));

        Assert.Equal(85L, runtime.Variable(id, "opdScore"));
        Assert.Null(runtime.Variable(id, "score"));
        Assert.Null(runtime.Variable(id, "internal"));
        Assert.Equal(["after"], runtime.WaitingAt(id));
    }

    [Fact]
    public void OutAll_CopiesEveryChildVariableBack()
    {
        var runtime = Runtime("""<camunda:in variables="all" /><camunda:out variables="all" />""");
        var id = runtime.Start("p", Bpmn.Vars(("opd", "DINKES")));
        runtime.Complete(Child(runtime, id).Id, "work", ("score", 85L));
        Assert.Equal(85L, runtime.Variable(id, "score"));
        Assert.Equal("DINKES", runtime.Variable(id, "opd"));
    }

    [Fact]
    public void NoOutMapping_NothingComesBack()
    {
        var runtime = Runtime("""<camunda:in variables="all" />""");
        var id = runtime.Start("p", Bpmn.Vars(("opd", "DINKES")));
        runtime.Complete(Child(runtime, id).Id, "work", ("score", 85L));
        Assert.Null(runtime.Variable(id, "score"));
        Assert.Equal(["after"], runtime.WaitingAt(id));
    }

    [Theory]
    [InlineData("#{execution.processBusinessKey}")] // what Camunda Modeler writes for "business key"
    [InlineData("${execution.processBusinessKey}")]
    public void BusinessKey_PassesTheParentsKey(string expression)
    {
        var runtime = Runtime($"""<camunda:in businessKey="{expression}" /><camunda:in source="opd" target="opd" />""");
        var id = runtime.Start("p", Bpmn.Vars(("opd", "DINKES")), businessKey: "KKS-2023");
        Assert.Equal("KKS-2023", Child(runtime, id).BusinessKey);
    }

    [Fact]
    public void BusinessKey_FromAnExpression()
    {
        var runtime = Runtime("""<camunda:in businessKey="${'KKS-' + opd}" /><camunda:in source="opd" target="opd" />""");
        var id = runtime.Start("p", Bpmn.Vars(("opd", "DINKES")), businessKey: "KKS-2023");
        Assert.Equal("KKS-DINKES", Child(runtime, id).BusinessKey);
    }

    [Fact]
    public void ChildWithoutWaitStates_CompletesAndParentContinuesAtOnce()
    {
        var runtime = Runtime(
            """<camunda:out source="done" target="childDone" />""",
            childBody: $"""{Start("cs")}{Pass("calc")}{End("ce")}{Bpmn.Flows("cs->calc->ce")}""");
        var id = runtime.Start("p");
        Assert.Equal(["after"], runtime.WaitingAt(id));
        Assert.Equal(InstanceStatus.Completed, Child(runtime, id).Status);
    }

    [Fact]
    public void ErrorEndInChild_CaughtByErrorBoundaryOnCallActivity()
    {
        var childBody = $"""
            {Start("cs")}{Bpmn.Task("work", group: "${opd}")}{Exclusive("ok", defaultFlow: "f_ok_ce")}{End("ce")}
            <bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="err_incomplete" /></bpmn:endEvent>
            {Bpmn.Flows("cs->work->ok", "ok->fail:${!complete}", "ok->ce")}
            """;
        var boundary = """<bpmn:boundaryEvent id="caught" attachedToRef="call"><bpmn:errorEventDefinition errorRef="err_incomplete" /></bpmn:boundaryEvent>"""
            + Bpmn.Task("fix") + Bpmn.Flows("caught->fix->e");
        var runtime = Runtime("""<camunda:in source="opd" target="opd" />""", childBody, parentExtra: boundary);
        var id = runtime.Start("p", Bpmn.Vars(("opd", "DINKES")));
        var child = Child(runtime, id);

        runtime.Complete(child.Id, "work", ("complete", false));

        Assert.Equal(["fix"], runtime.WaitingAt(id));
        Assert.Equal(["s", "call", "caught", "fix"], runtime.Log(id));
        Assert.True(runtime.Instance(child.Id).IsEnded);
        Assert.Empty(runtime.Tasks(child.Id));
        Assert.Equal(InstanceStatus.Active, runtime.Instance(id).Status);
    }

    [Fact]
    public void CancellingTheParent_CancelsTheChild()
    {
        var runtime = Runtime("""<camunda:in source="opd" target="opd" />""");
        var id = runtime.Start("p", Bpmn.Vars(("opd", "DINKES")));
        var child = Child(runtime, id);

        runtime.Execute(id, new CancelInstance("dibatalkan"));

        Assert.Equal(InstanceStatus.Cancelled, runtime.Instance(id).Status);
        Assert.Equal(InstanceStatus.Cancelled, runtime.Instance(child.Id).Status);
        Assert.Empty(runtime.Tasks());
    }

    [Fact]
    public void MultiInstanceCallActivity_OneChildPerItemEachWithItsElement()
    {
        var runtime = Runtime(
            """<camunda:in source="opd" target="opd" /><camunda:out source="score" target="lastScore" />""",
            callExtra: "");
        // Re-deploy the parent with a multi-instance call activity.
        runtime.Deploy(Bpmn.Process($"""
            {Start()}<bpmn:callActivity id="call" calledElement="child"><bpmn:extensionElements><camunda:in source="opd" target="opd" /></bpmn:extensionElements>{Loop("${opdList}", "opd")}</bpmn:callActivity>{Bpmn.Task("after")}{End()}
            {Bpmn.Flows("s->call->after->e")}
            """));
        var id = runtime.Start("p", Bpmn.Vars(("opdList", new List<object?> { "DINKES", "BAPPEDA" })));
        var children = runtime.Instances.Where(i => i.SuperInstanceId == id).ToList();
        Assert.Equal(2, children.Count);
        Assert.Equal(["DINKES", "BAPPEDA"], children.Select(c => runtime.Variable(c.Id, "opd")));
        Assert.Equal(["call", "call"], runtime.WaitingAt(id));

        runtime.Complete(children[1].Id, "work");
        Assert.Equal(["call"], runtime.WaitingAt(id));
        runtime.Complete(children[0].Id, "work");
        Assert.Equal(["after"], runtime.WaitingAt(id));
    }
}
