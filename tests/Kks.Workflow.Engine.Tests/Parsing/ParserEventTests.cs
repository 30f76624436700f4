using Kks.Workflow.Engine.Model;
using Kks.Workflow.Engine.Timers;

namespace Kks.Workflow.Engine.Tests.Parsing;

public sealed class ParserEventTests
{
    private const string Roots =
        "<bpmn:message id=\"Msg\" name=\"dokumen-${opd}\"/><bpmn:error id=\"Err\" name=\"Gagal\" errorCode=\"GAGAL_VERIFIKASI\"/>" +
        "<bpmn:escalation id=\"Esc\" name=\"Terlambat\" escalationCode=\"TERLAMBAT\"/>";

    [Fact]
    public void NoneStartEvent_IsTheNoneStart()
    {
        var process = Bpmn.ParseProcess(Bpmn.Chain(string.Empty));
        var start = Assert.IsType<StartEvent>(process.GetNode("Start"));

        Assert.Null(start.Definition);
        Assert.True(start.IsInterrupting);
        Assert.Same(start, process.NoneStart);
        Assert.Same(start, Assert.Single(process.StartEvents));
    }

    [Theory]
    [InlineData("timeDate", TimerKind.Date, "2025-03-01T09:00:00+07:00")]
    [InlineData("timeDuration", TimerKind.Duration, "P3D")]
    [InlineData("timeCycle", TimerKind.Cycle, "R3/PT10H")]
    [InlineData("timeCycle", TimerKind.Cycle, "0 0 9 ? * MON-FRI")]
    public void TimerStartEvent_KindAndText(string element, TimerKind kind, string text)
    {
        var xml = Bpmn.Process(
            $"<bpmn:startEvent id=\"S\"><bpmn:timerEventDefinition><bpmn:{element} xsi:type=\"bpmn:tFormalExpression\">{text}</bpmn:{element}></bpmn:timerEventDefinition></bpmn:startEvent>");

        var process = Bpmn.ParseProcess(xml);
        var timer = Assert.IsType<TimerEventDefinition>(((StartEvent)process.GetNode("S")).Definition);

        Assert.Equal(kind, timer.Kind);
        Assert.Equal(text, timer.Text.Text);
        Assert.Null(process.NoneStart);
    }

    [Fact]
    public void MessageStartEvent_ResolvesTheMessageName()
    {
        var xml = Bpmn.Process("<bpmn:startEvent id=\"S\" isInterrupting=\"false\"><bpmn:messageEventDefinition messageRef=\"Msg\"/></bpmn:startEvent>", Roots);

        var start = Bpmn.Node<StartEvent>(xml, "S");
        var message = Assert.IsType<MessageEventDefinition>(start.Definition);

        Assert.Equal("Msg", message.MessageRef);
        Assert.Equal("dokumen-${opd}", message.MessageName?.Text);
        Assert.False(start.IsInterrupting);
    }

    [Fact]
    public void StartEventForm_FormKeyAndFields()
    {
        var xml = Bpmn.Process(
            "<bpmn:startEvent id=\"S\" camunda:formKey=\"embedded:app:forms/mulai.html\"><bpmn:extensionElements><camunda:formData>" +
            "<camunda:formField id=\"tahun\" label=\"Tahun\" type=\"long\" defaultValue=\"2025\"/></camunda:formData></bpmn:extensionElements></bpmn:startEvent>");

        var form = Bpmn.Node<StartEvent>(xml, "S").Form;

        Assert.NotNull(form);
        Assert.Equal("embedded:app:forms/mulai.html", form.FormKey);
        var field = Assert.Single(form.Fields);
        Assert.Equal(("tahun", "Tahun", "long", "2025"), (field.Id, field.Label, field.Type, field.DefaultValue?.Text));
    }

    [Fact]
    public void EndEvents_NoneTerminateErrorEscalation()
    {
        var xml = Bpmn.Process(
            "<bpmn:endEvent id=\"None\"/>" +
            "<bpmn:endEvent id=\"Term\"><bpmn:terminateEventDefinition/></bpmn:endEvent>" +
            "<bpmn:endEvent id=\"Error\"><bpmn:errorEventDefinition errorRef=\"Err\"/></bpmn:endEvent>" +
            "<bpmn:endEvent id=\"Escalate\"><bpmn:escalationEventDefinition escalationRef=\"Esc\"/></bpmn:endEvent>",
            Roots);

        var process = Bpmn.ParseProcess(xml);

        Assert.Null(((EndEvent)process.GetNode("None")).Definition);
        Assert.IsType<TerminateEventDefinition>(((EndEvent)process.GetNode("Term")).Definition);
        Assert.Equal(new ErrorEventDefinition("Err", "GAGAL_VERIFIKASI"), ((EndEvent)process.GetNode("Error")).Definition);
        Assert.Equal(new EscalationEventDefinition("Esc", "TERLAMBAT"), ((EndEvent)process.GetNode("Escalate")).Definition);
    }

    [Fact]
    public void IntermediateCatchEvents_TimerAndMessage()
    {
        var xml = Bpmn.Chain(
            "<bpmn:intermediateCatchEvent id=\"Wait\"><bpmn:timerEventDefinition><bpmn:timeDuration>PT4H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>" +
            "<bpmn:intermediateCatchEvent id=\"Receive\"><bpmn:messageEventDefinition messageRef=\"Msg\"/></bpmn:intermediateCatchEvent>",
            Roots);

        var process = Bpmn.ParseProcess(xml);

        var timer = Assert.IsType<TimerEventDefinition>(((IntermediateCatchEvent)process.GetNode("Wait")).Definition);
        Assert.Equal((TimerKind.Duration, "PT4H"), (timer.Kind, timer.Text.Text));
        Assert.IsType<MessageEventDefinition>(((IntermediateCatchEvent)process.GetNode("Receive")).Definition);
    }

    [Fact]
    public void NoneIntermediateThrowEvent_IsAMilestone()
    {
        var throwEvent = Bpmn.Node<IntermediateThrowEvent>(Bpmn.Chain("<bpmn:intermediateThrowEvent id=\"Milestone\" name=\"Rakor selesai\"/>"), "Milestone");

        Assert.Null(throwEvent.Definition);
        Assert.Equal("Rakor selesai", throwEvent.Name);
    }

    [Fact]
    public void BoundaryEvents_AttachToTheirActivity()
    {
        var xml = Bpmn.Chain(
            "<bpmn:userTask id=\"U\" camunda:candidateGroups=\"opd\"/>",
            Roots,
            "<bpmn:boundaryEvent id=\"Remind\" attachedToRef=\"U\" cancelActivity=\"false\"><bpmn:timerEventDefinition><bpmn:timeCycle>R/P2D</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>" +
            "<bpmn:boundaryEvent id=\"Cancel\" attachedToRef=\"U\"><bpmn:messageEventDefinition messageRef=\"Msg\"/></bpmn:boundaryEvent>" +
            "<bpmn:boundaryEvent id=\"Failed\" attachedToRef=\"U\"><bpmn:errorEventDefinition errorRef=\"Err\"/></bpmn:boundaryEvent>" +
            "<bpmn:boundaryEvent id=\"AnyError\" attachedToRef=\"U\"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>" +
            "<bpmn:boundaryEvent id=\"Late\" attachedToRef=\"U\" cancelActivity=\"false\"><bpmn:escalationEventDefinition escalationRef=\"Esc\"/></bpmn:boundaryEvent>");

        var process = Bpmn.ParseProcess(xml);
        var task = (UserTask)process.GetNode("U");
        var remind = (BoundaryEvent)process.GetNode("Remind");

        Assert.Equal(["Remind", "Cancel", "Failed", "AnyError", "Late"], task.BoundaryEvents.Select(b => b.Id));
        Assert.All(task.BoundaryEvents, b => Assert.Same(task, b.AttachedTo));
        Assert.Equal("U", remind.AttachedToRef);
        Assert.False(remind.CancelActivity);
        Assert.True(((BoundaryEvent)process.GetNode("Cancel")).CancelActivity);
        Assert.Equal(TimerKind.Cycle, Assert.IsType<TimerEventDefinition>(remind.Definition).Kind);
        Assert.Equal(new ErrorEventDefinition("Err", "GAGAL_VERIFIKASI"), ((BoundaryEvent)process.GetNode("Failed")).Definition);
        Assert.Equal(new ErrorEventDefinition(null, null), ((BoundaryEvent)process.GetNode("AnyError")).Definition);
        Assert.IsType<EscalationEventDefinition>(((BoundaryEvent)process.GetNode("Late")).Definition);
    }

    [Fact]
    public void TimerExpression_IsKeptAsAnExpression()
    {
        var xml = Bpmn.Chain("<bpmn:intermediateCatchEvent id=\"Wait\"><bpmn:timerEventDefinition><bpmn:timeDate>${batasWaktu}</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>");

        var timer = (TimerEventDefinition)Bpmn.Node<IntermediateCatchEvent>(xml, "Wait").Definition!;

        Assert.Equal(TimerKind.Date, timer.Kind);
        Assert.False(timer.Text.IsLiteral);
    }

    [Fact]
    public void SignalStartEvent_IsNotMistakenForANoneStart()
    {
        var xml = Bpmn.Process("<bpmn:startEvent id=\"S\"><bpmn:signalEventDefinition/></bpmn:startEvent>");

        var defs = Bpmn.Parse(xml);

        Assert.Null(defs.Processes.Single().NoneStart);
        Assert.Equal("bpmn:signalEventDefinition", Assert.Single(defs.Unsupported).Construct);
    }
}
