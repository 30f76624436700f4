using Kks.Workflow.Engine.Model;
using Kks.Workflow.Engine.Timers;

namespace Kks.Workflow.Engine.Tests.Parsing;

public sealed class ParserActivityTests
{
    [Theory]
    [InlineData("task")]
    [InlineData("manualTask")]
    public void TaskAndManualTask_PassThrough(string type)
    {
        var task = Bpmn.Node<PassThroughTask>(Bpmn.Chain($"<bpmn:{type} id=\"T\"/>"), "T");

        Assert.Equal(type, task.ElementType);
    }

    [Fact]
    public void UserTask_CamundaAttributes()
    {
        var xml = Bpmn.Chain(
            "<bpmn:userTask id=\"U\" name=\"Unggah bukti\" camunda:assignee=\"${pic}\" camunda:candidateUsers=\"budi, ${kepala}\" " +
            "camunda:candidateGroups=\"OPD-DINKES\" camunda:dueDate=\"${tenggat}\" camunda:followUpDate=\"2025-04-01\" camunda:priority=\"80\" " +
            "camunda:formKey=\"camunda-forms:deployment:bukti.form\" camunda:formRef=\"bukti\" camunda:formRefBinding=\"version\" camunda:formRefVersion=\"2\"/>");

        var task = Bpmn.Node<UserTask>(xml, "U");

        Assert.Equal("${pic}", task.Assignee?.Text);
        Assert.Equal("budi, ${kepala}", task.CandidateUsers?.Text);
        Assert.Equal("OPD-DINKES", task.CandidateGroups?.Text);
        Assert.Equal("${tenggat}", task.DueDate?.Text);
        Assert.Equal("2025-04-01", task.FollowUpDate?.Text);
        Assert.Equal("80", task.Priority?.Text);
        Assert.Equal(new FormInfo("camunda-forms:deployment:bukti.form", "bukti", "version", "2", []), task.Form! with { Fields = [] });
        Assert.Empty(task.Form.Fields);
    }

    [Fact]
    public void UserTask_FormDataWithConstraintsOptionsAndProperties()
    {
        var xml = Bpmn.Chain(
            "<bpmn:userTask id=\"U\" camunda:candidateGroups=\"opd\"><bpmn:extensionElements><camunda:formData>" +
            "<camunda:formField id=\"status\" label=\"Status\" type=\"enum\" defaultValue=\"draft\">" +
            "<camunda:validation><camunda:constraint name=\"required\"/><camunda:constraint name=\"maxlength\" config=\"20\"/></camunda:validation>" +
            "<camunda:value id=\"draft\" name=\"Draf\"/><camunda:value id=\"final\" name=\"Final\"/>" +
            "<camunda:properties><camunda:property id=\"hint\" value=\"Pilih satu\"/></camunda:properties>" +
            "</camunda:formField>" +
            "<camunda:formField id=\"catatan\"/>" +
            "</camunda:formData></bpmn:extensionElements></bpmn:userTask>");

        var form = Bpmn.Node<UserTask>(xml, "U").Form!;

        Assert.Null(form.FormKey);
        var status = form.Fields[0];
        Assert.Equal(("status", "Status", "enum", "draft"), (status.Id, status.Label, status.Type, status.DefaultValue?.Text));
        Assert.Equal([new FormFieldConstraint("required", null), new FormFieldConstraint("maxlength", "20")], status.Constraints);
        Assert.Equal([new FormFieldOption("draft", "Draf"), new FormFieldOption("final", "Final")], status.Options);
        Assert.Equal("Pilih satu", status.Properties["hint"]);
        Assert.Equal("string", form.Fields[1].Type);
    }

    [Fact]
    public void UserTask_TimeoutTaskListenerWithTimer()
    {
        var xml = Bpmn.Chain(
            "<bpmn:userTask id=\"U\" camunda:candidateGroups=\"opd\"><bpmn:extensionElements>" +
            "<camunda:taskListener delegateExpression=\"${pengingat}\" event=\"timeout\" id=\"Ingatkan\">" +
            "<bpmn:timerEventDefinition><bpmn:timeDuration>P2D</bpmn:timeDuration></bpmn:timerEventDefinition>" +
            "</camunda:taskListener></bpmn:extensionElements></bpmn:userTask>");

        var listener = Assert.Single(Bpmn.Node<UserTask>(xml, "U").TaskListeners);

        Assert.Equal(("timeout", "Ingatkan", "${pengingat}"), (listener.Event, listener.Id, listener.DelegateExpression));
        Assert.Equal((TimerKind.Duration, "P2D"), (listener.Timer!.Kind, listener.Timer.Text.Text));
    }

    [Fact]
    public void UserTask_BpmnHumanPerformerAndPotentialOwner()
    {
        var xml = Bpmn.Chain(
            "<bpmn:userTask id=\"U\">" +
            "<bpmn:humanPerformer><bpmn:resourceAssignmentExpression><bpmn:formalExpression>kermit</bpmn:formalExpression></bpmn:resourceAssignmentExpression></bpmn:humanPerformer>" +
            "<bpmn:potentialOwner><bpmn:resourceAssignmentExpression><bpmn:formalExpression>user(gonzo), group(management), sales</bpmn:formalExpression></bpmn:resourceAssignmentExpression></bpmn:potentialOwner>" +
            "</bpmn:userTask>");

        var task = Bpmn.Node<UserTask>(xml, "U");

        Assert.Equal("kermit", task.Assignee?.Text);
        Assert.Equal("gonzo", task.CandidateUsers?.Text);
        Assert.Equal("management,sales", task.CandidateGroups?.Text);
    }

    [Theory]
    [InlineData("serviceTask")]
    [InlineData("sendTask")]
    public void ExternalServiceTask_TopicPriorityAndRetries(string type)
    {
        var xml = Bpmn.Chain(
            $"<bpmn:{type} id=\"S\" camunda:type=\"external\" camunda:topic=\"kirim-email\" camunda:taskPriority=\"10\">" +
            $"<bpmn:extensionElements><camunda:failedJobRetryTimeCycle>R5/PT10M</camunda:failedJobRetryTimeCycle></bpmn:extensionElements></bpmn:{type}>");

        var task = Bpmn.Node<ServiceTask>(xml, "S");

        Assert.Equal(ServiceKind.External, task.Kind);
        Assert.Equal("kirim-email", task.Topic?.Text);
        Assert.Equal("10", task.TaskPriority?.Text);
        Assert.Null(task.HandlerName);
        Assert.Equal(5, task.Retries);
        Assert.Equal("R5/PT10M", task.RetryCycle);
        Assert.Equal(type, task.ElementType);
    }

    [Theory]
    [InlineData("${mail}", "mail")]
    [InlineData("#{archiveService}", "archiveService")]
    [InlineData("${ kirim_surat }", "kirim_surat")]
    public void DelegateExpressionServiceTask_IsAHandler(string expression, string handler)
    {
        var task = Bpmn.Node<ServiceTask>(Bpmn.Chain($"<bpmn:serviceTask id=\"S\" camunda:delegateExpression=\"{expression}\"/>"), "S");

        Assert.Equal(ServiceKind.Handler, task.Kind);
        Assert.Equal(handler, task.HandlerName);
        Assert.Equal(3, task.Retries);
        Assert.Null(task.RetryCycle);
    }

    [Fact]
    public void RetryCycleAsAList_GivesOneRetryPerInterval()
    {
        var xml = Bpmn.Chain(
            "<bpmn:serviceTask id=\"S\" camunda:delegateExpression=\"${mail}\"><bpmn:extensionElements>" +
            "<camunda:failedJobRetryTimeCycle>PT1M,PT5M,PT10M</camunda:failedJobRetryTimeCycle></bpmn:extensionElements></bpmn:serviceTask>");

        Assert.Equal(3, Bpmn.Node<ServiceTask>(xml, "S").Retries);
    }

    [Fact]
    public void ReceiveTask_WaitsForItsMessage()
    {
        var xml = Bpmn.Chain("<bpmn:receiveTask id=\"R\" messageRef=\"M\"/>", "<bpmn:message id=\"M\" name=\"surat-balasan\"/>");

        var task = Bpmn.Node<ReceiveTask>(xml, "R");

        Assert.Equal(new MessageEventDefinition("M", task.Message!.MessageName), task.Message);
        Assert.Equal("surat-balasan", task.Message.MessageName?.Text);
    }

    [Fact]
    public void CallActivity_ElementBindingVersionAndMappings()
    {
        var xml = Bpmn.Chain(
            "<bpmn:callActivity id=\"C\" calledElement=\"verifikasi_${jenis}\" camunda:calledElementBinding=\"version\" camunda:calledElementVersion=\"3\">" +
            "<bpmn:extensionElements>" +
            "<camunda:in businessKey=\"#{execution.processBusinessKey}\"/>" +
            "<camunda:in source=\"opd\" target=\"opdDiperiksa\"/>" +
            "<camunda:in sourceExpression=\"${nilai * 2}\" target=\"ganda\"/>" +
            "<camunda:in variables=\"all\" local=\"true\"/>" +
            "<camunda:out source=\"hasil\" target=\"hasilVerifikasi\"/>" +
            "<camunda:out variables=\"all\"/>" +
            "</bpmn:extensionElements></bpmn:callActivity>");

        var call = Bpmn.Node<CallActivity>(xml, "C");

        Assert.Equal("verifikasi_${jenis}", call.CalledElement.Text);
        Assert.Equal("version", call.Binding);
        Assert.Equal("3", call.Version?.Text);
        Assert.Equal(4, call.In.Count);
        Assert.True(call.In[0].IsBusinessKey);
        Assert.Equal("#{execution.processBusinessKey}", call.In[0].SourceExpression?.Text);
        Assert.Equal(("opd", "opdDiperiksa"), (call.In[1].Source, call.In[1].Target));
        Assert.Equal("${nilai * 2}", call.In[2].SourceExpression?.Text);
        Assert.True(call.In[3].All);
        Assert.True(call.In[3].Local);
        Assert.Equal(("hasil", "hasilVerifikasi"), (call.Out[0].Source, call.Out[0].Target));
        Assert.True(call.Out[1].All);
        Assert.False(call.Out[1].Local);
    }

    [Fact]
    public void CallActivity_DefaultsToLatest()
    {
        var call = Bpmn.Node<CallActivity>(Bpmn.Chain("<bpmn:callActivity id=\"C\" calledElement=\"anak\"/>"), "C");

        Assert.Equal("latest", call.Binding);
        Assert.Null(call.Version);
    }

    [Fact]
    public void MultiInstance_CamundaAttributes()
    {
        var xml = Bpmn.Chain(
            "<bpmn:userTask id=\"U\" camunda:assignee=\"${opd}\"><bpmn:multiInstanceLoopCharacteristics isSequential=\"true\" camunda:collection=\"${opdList}\" camunda:elementVariable=\"opd\">" +
            "<bpmn:loopCardinality>${jumlah}</bpmn:loopCardinality>" +
            "<bpmn:completionCondition>${nrOfCompletedInstances >= 10}</bpmn:completionCondition>" +
            "</bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>");

        var mi = Bpmn.Node<UserTask>(xml, "U").MultiInstance!;

        Assert.True(mi.IsSequential);
        Assert.Equal("${opdList}", mi.Collection?.Text);
        Assert.Equal("opd", mi.ElementVariable);
        Assert.Equal("${jumlah}", mi.LoopCardinality?.Text);
        Assert.Equal("${nrOfCompletedInstances >= 10}", mi.CompletionCondition?.Text);
    }

    [Fact]
    public void MultiInstance_BpmnLoopDataInputRefAndInputDataItem()
    {
        var xml = Bpmn.Chain(
            "<bpmn:subProcess id=\"Sub\"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopDataInputRef>opdList</bpmn:loopDataInputRef>" +
            "<bpmn:inputDataItem name=\"opd\"/></bpmn:multiInstanceLoopCharacteristics><bpmn:startEvent id=\"SS\"/></bpmn:subProcess>");

        var mi = Bpmn.Node<SubProcess>(xml, "Sub").MultiInstance!;

        Assert.False(mi.IsSequential);
        Assert.Equal("opdList", mi.Collection?.Text);
        Assert.Equal("opd", mi.ElementVariable);
    }

    [Fact]
    public void AsyncFlags_IncludingTheOldAsyncAttribute()
    {
        var xml = Bpmn.Chain(
            "<bpmn:task id=\"A\" camunda:asyncBefore=\"true\"/><bpmn:task id=\"B\" camunda:asyncAfter=\"true\"/><bpmn:task id=\"C\" camunda:async=\"true\"/>");

        var process = Bpmn.ParseProcess(xml);

        Assert.Equal((true, false), (process.GetNode("A").AsyncBefore, process.GetNode("A").AsyncAfter));
        Assert.Equal((false, true), (process.GetNode("B").AsyncBefore, process.GetNode("B").AsyncAfter));
        Assert.True(process.GetNode("C").AsyncBefore);
        Assert.False(process.GetNode("Start").AsyncBefore);
    }

    [Fact]
    public void InputOutput_TextListAndMap()
    {
        var xml = Bpmn.Chain(
            "<bpmn:serviceTask id=\"S\" camunda:delegateExpression=\"${mail}\"><bpmn:extensionElements><camunda:inputOutput>" +
            "<camunda:inputParameter name=\"kepada\">${opd.email}</camunda:inputParameter>" +
            "<camunda:inputParameter name=\"kosong\"/>" +
            "<camunda:inputParameter name=\"tembusan\"><camunda:list><camunda:value>sekda@kab.go.id</camunda:value><camunda:value>${kadis}</camunda:value>" +
            "<camunda:list><camunda:value>x</camunda:value></camunda:list></camunda:list></camunda:inputParameter>" +
            "<camunda:inputParameter name=\"data\"><camunda:map><camunda:entry key=\"tahun\">2025</camunda:entry>" +
            "<camunda:entry key=\"daftar\"><camunda:list><camunda:value>a</camunda:value></camunda:list></camunda:entry></camunda:map></camunda:inputParameter>" +
            "<camunda:outputParameter name=\"terkirim\">${true}</camunda:outputParameter>" +
            "</camunda:inputOutput></bpmn:extensionElements></bpmn:serviceTask>");

        var task = Bpmn.Node<ServiceTask>(xml, "S");

        Assert.Equal(["kepada", "kosong", "tembusan", "data"], task.Inputs.Select(i => i.Name));
        Assert.Equal("${opd.email}", Assert.IsType<IoText>(task.Inputs[0].Value).Text?.Text);
        Assert.Null(Assert.IsType<IoText>(task.Inputs[1].Value).Text);
        var list = Assert.IsType<IoList>(task.Inputs[2].Value);
        Assert.Equal(3, list.Items.Count);
        Assert.Equal("${kadis}", Assert.IsType<IoText>(list.Items[1]).Text?.Text);
        Assert.Equal("x", Assert.IsType<IoText>(Assert.Single(Assert.IsType<IoList>(list.Items[2]).Items)).Text?.Text);
        var map = Assert.IsType<IoMap>(task.Inputs[3].Value);
        Assert.Equal(["tahun", "daftar"], map.Entries.Select(e => e.Key));
        Assert.Equal("2025", Assert.IsType<IoText>(map.Entries[0].Value).Text?.Text);
        Assert.IsType<IoList>(map.Entries[1].Value);
        Assert.Equal("terkirim", Assert.Single(task.Outputs).Name);
    }
}
