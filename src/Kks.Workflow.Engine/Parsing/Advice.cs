namespace Kks.Workflow.Engine.Parsing;

/// <summary>
/// What to do instead of each construct the engine does not run. Each sentence starts with a verb: the validator
/// puts it after the element's name ("... is not supported: replace ...").
/// </summary>
internal static class Advice
{
    public static readonly BilingualText ScriptTask = new(
        "Ganti scriptTask dengan serviceTask bertipe external dan kerjakan skripnya di worker.",
        "Replace the scriptTask with an external service task and run the script in a worker.");

    public static readonly BilingualText BusinessRuleTask = new(
        "Ganti businessRuleTask dengan gateway eksklusif berkondisi, atau dengan serviceTask external yang menilai aturannya di worker.",
        "Replace the businessRuleTask with an exclusive gateway with conditions, or with an external service task whose worker evaluates the rules.");

    public static readonly BilingualText Transaction = new(
        "Ganti transaction dengan subProcess biasa dan tangani kegagalan dengan peristiwa batas error.",
        "Replace the transaction with a plain subProcess and handle failures with error boundary events.");

    public static readonly BilingualText AdHocSubProcess = new(
        "Gambarkan urutan tugasnya dengan alur biasa, atau pakai gateway paralel untuk tugas yang boleh dikerjakan bersamaan.",
        "Draw the order of its tasks with ordinary flows, or use a parallel gateway for tasks that may run side by side.");

    public static readonly BilingualText EventSubProcess = new(
        "Ganti event sub-process dengan peristiwa batas (boundary) pada subProcess yang membungkus langkah-langkah terkait.",
        "Replace the event sub-process with boundary events on a subProcess that wraps the steps concerned.");

    public static readonly BilingualText ComplexGateway = new(
        "Ganti gateway kompleks dengan gateway inklusif atau eksklusif yang berkondisi.",
        "Replace the complex gateway with an inclusive or exclusive gateway with conditions.");

    public static readonly BilingualText Signal = new(
        "Ganti sinyal dengan pesan (message) yang dikirim lewat API, atau dengan timer.",
        "Replace the signal with a message sent through the API, or with a timer.");

    public static readonly BilingualText Conditional = new(
        "Ganti peristiwa kondisional dengan gateway eksklusif berkondisi, atau dengan peristiwa pesan yang dikirim saat datanya berubah.",
        "Replace the conditional event with an exclusive gateway with conditions, or with a message event sent when the data changes.");

    public static readonly BilingualText Compensation = new(
        "Hapus kompensasi dan modelkan pembatalannya sebagai langkah biasa setelah peristiwa batas error.",
        "Remove the compensation and model the undoing as ordinary steps after an error boundary event.");

    public static readonly BilingualText Link = new(
        "Sambungkan kedua bagian dengan alur (sequence flow) biasa.",
        "Connect both parts with an ordinary sequence flow.");

    public static readonly BilingualText Cancel = new(
        "Hapus peristiwa cancel dan pakai subProcess biasa dengan peristiwa akhir error serta peristiwa batas error.",
        "Remove the cancel event and use a plain subProcess with an error end event and an error boundary event.");

    public static readonly BilingualText MessageThrow = new(
        "Ganti dengan sendTask atau serviceTask external yang mengirim pesannya.",
        "Replace it with a sendTask or an external service task that sends the message.");

    public static readonly BilingualText EscalationThrow = new(
        "Pakai peristiwa akhir eskalasi di dalam subProcess, atau serviceTask yang mengirim pemberitahuannya.",
        "Use an escalation end event inside a subProcess, or a service task that sends the notice.");

    public static readonly BilingualText MultipleDefinitions = new(
        "Pakai satu definisi peristiwa per peristiwa, atau pisahkan menjadi beberapa peristiwa di depan gateway berbasis peristiwa.",
        "Use one event definition per event, or split it into several events after an event-based gateway.");

    public static readonly BilingualText EventDefinitionRef = new(
        "Tulis definisi peristiwanya langsung di dalam peristiwa, bukan sebagai rujukan (eventDefinitionRef).",
        "Write the event definition inside the event itself, not as a reference (eventDefinitionRef).");

    public static readonly BilingualText StandardLoop = new(
        "Ganti loop standar dengan multi-instance sekuensial (camunda:collection atau loopCardinality), atau dengan alur balik lewat gateway eksklusif.",
        "Replace the standard loop with a sequential multi-instance (camunda:collection or loopCardinality), or with a flow back through an exclusive gateway.");

    public static readonly BilingualText ForCompensation = new(
        "Hapus aktivitas kompensasi dan modelkan pembatalannya sebagai langkah biasa.",
        "Remove the compensation activity and model the undoing as ordinary steps.");

    public static readonly BilingualText ClassOrExpression = new(
        "Ganti dengan camunda:type=\"external\" dan sebuah topic untuk worker, atau camunda:delegateExpression=\"${nama}\" untuk handler bawaan.",
        "Replace it with camunda:type=\"external\" and a topic for a worker, or camunda:delegateExpression=\"${name}\" for a built-in handler.");

    public static readonly BilingualText DelegateShape = new(
        "Tulis camunda:delegateExpression hanya sebagai ${nama}, nama handler bawaan tanpa titik atau argumen.",
        "Write camunda:delegateExpression as just ${name}, a built-in handler's name without dots or arguments.");

    public static readonly BilingualText ServiceType = new(
        "Pakai camunda:type=\"external\" dengan sebuah topic, atau camunda:delegateExpression=\"${nama}\".",
        "Use camunda:type=\"external\" with a topic, or camunda:delegateExpression=\"${name}\".");

    public static readonly BilingualText Connector = new(
        "Ganti connector dengan serviceTask external dan kerjakan panggilan HTTP/SOAP di worker.",
        "Replace the connector with an external service task and make the HTTP/SOAP call in a worker.");

    public static readonly BilingualText Field = new(
        "Ganti camunda:field dengan camunda:inputParameter, yang dibaca handler sebagai variabel lokal.",
        "Replace camunda:field with camunda:inputParameter, which the handler reads as a local variable.");

    public static readonly BilingualText ExecutionListener = new(
        "Hapus execution listener dan modelkan pekerjaannya sebagai serviceTask di alur.",
        "Remove the execution listener and model its work as a service task in the flow.");

    public static readonly BilingualText TaskListenerEvent = new(
        "Hapus task listener ini (mesin hanya menjalankan listener 'timeout' dengan timer, untuk pengingat) dan kerjakan tugasnya sebagai serviceTask sebelum atau sesudah tugas pengguna.",
        "Remove this task listener (the engine only runs 'timeout' listeners with a timer, for reminders) and do its work as a service task before or after the user task.");

    public static readonly BilingualText TaskListenerImplementation = new(
        "Tulis listener timeout dengan camunda:delegateExpression=\"${nama}\".",
        "Write the timeout listener with camunda:delegateExpression=\"${name}\".");

    public static readonly BilingualText Script = new(
        "Ganti skrip dengan ekspresi ${...} atau nilai tetap.",
        "Replace the script with a ${...} expression or a fixed value.");

    public static readonly BilingualText ConditionLanguage = new(
        "Tulis kondisinya sebagai ekspresi ${...} tanpa atribut language.",
        "Write the condition as a ${...} expression without a language attribute.");

    public static readonly BilingualText VariableMappingDelegate = new(
        "Pakai camunda:in dan camunda:out untuk memetakan variabel.",
        "Use camunda:in and camunda:out to map variables.");

    public static readonly BilingualText CalledElementBinding = new(
        "Pakai binding latest, deployment atau version.",
        "Use the binding latest, deployment or version.");

    public static readonly BilingualText CaseRef = new(
        "Panggil sebuah proses BPMN lewat calledElement; kasus CMMN tidak didukung.",
        "Call a BPMN process through calledElement; CMMN cases are not supported.");

    public static readonly BilingualText CamundaErrorEventDefinition = new(
        "Laporkan error dari worker lewat API handleBpmnError dan tangkap dengan peristiwa batas error.",
        "Report the error from the worker through the handleBpmnError API and catch it with an error boundary event.");

    public static readonly BilingualText PotentialStarter = new(
        "Pakai camunda:candidateStarterGroups pada proses.",
        "Use camunda:candidateStarterGroups on the process.");

    public static readonly BilingualText FormHandler = new(
        "Hapus form handler dan pakai camunda:formKey, camunda:formRef atau camunda:formData.",
        "Remove the form handler and use camunda:formKey, camunda:formRef or camunda:formData.");

    public static readonly BilingualText Instantiate = new(
        "Mulai proses dengan peristiwa mulai pesan (message start event).",
        "Start the process with a message start event.");

    public static readonly BilingualText UnknownElement = new(
        "Hapus elemen ini atau ganti dengan tugas, peristiwa atau gateway yang didukung.",
        "Remove this element or replace it with a supported task, event or gateway.");

    public static BilingualText UnknownCamunda(string localName) => new(
        $"Hapus camunda:{localName}, yang tidak dijalankan mesin ini.",
        $"Remove camunda:{localName}, which this engine does not run.");
}
