namespace Kks.Workflow.Engine;

/// <summary>
/// The stable codes of <see cref="ModelProblem"/>: the designer and API clients key on them, so they never change
/// meaning once published.
/// </summary>
public static class ProblemCodes
{
    // The file as a whole.
    public const string NoExecutableProcess = "no-executable-process";
    public const string DuplicateId = "duplicate-id";
    public const string MissingId = "missing-id";
    public const string UnsupportedElement = "unsupported-element";
    public const string BadExpression = "bad-expression";
    public const string BadHistoryTimeToLive = "bad-history-ttl";
    public const string IoParameterNoName = "io-parameter-no-name";

    // Start and end.
    public const string NoStartEvent = "no-start-event";
    public const string MultipleNoneStart = "multiple-none-start";
    public const string SubProcessStartNotNone = "subprocess-start-not-none";

    // Sequence flows and the graph.
    public const string DanglingFlow = "dangling-flow";
    public const string FlowCrossesScope = "flow-crosses-scope";
    public const string FlowIntoStart = "flow-into-start";
    public const string FlowOutOfEnd = "flow-out-of-end";
    public const string FlowIntoBoundary = "flow-into-boundary";
    public const string NodeNoOutgoing = "node-no-outgoing";
    public const string UnreachableNode = "unreachable-node";
    public const string ConditionNotExpression = "condition-not-expression";

    // Gateways and default flows.
    public const string GatewayNoOutgoing = "gateway-no-outgoing";
    public const string ExclusiveNoCondition = "exclusive-no-condition";
    public const string InclusiveNoCondition = "inclusive-no-condition";
    public const string DefaultFlowInvalid = "default-flow-invalid";
    public const string DefaultFlowHasCondition = "default-flow-has-condition";
    public const string ConditionIgnored = "condition-ignored";
    public const string EventGatewayBadTarget = "event-gateway-bad-target";

    // Events.
    public const string EventNoDefinition = "event-no-definition";
    public const string BoundaryBadAttach = "boundary-bad-attach";
    public const string ErrorBoundaryNonInterrupting = "error-boundary-non-interrupting";
    public const string BadTimer = "bad-timer";
    public const string MessageMissing = "message-missing";
    public const string MessageMissingName = "message-missing-name";
    public const string ErrorRefMissing = "error-ref-missing";
    public const string EscalationRefMissing = "escalation-ref-missing";

    // Activities.
    public const string UserTaskNoAssignment = "user-task-no-assignment";
    public const string FormFieldInvalid = "form-field-invalid";
    public const string TaskListenerIncomplete = "task-listener-incomplete";
    public const string DeadlinePolicyUnknown = "deadline-policy-unknown";
    public const string DeadlinePolicyWithoutDueDate = "deadline-policy-without-due-date";
    public const string ServiceTaskNoImplementation = "service-task-no-implementation";
    public const string ExternalNoTopic = "external-no-topic";
    public const string BadRetryCycle = "bad-retry-cycle";
    public const string MultiInstanceNoCollectionOrCardinality = "mi-no-collection-or-cardinality";
    public const string MultiInstanceBadCardinality = "mi-bad-cardinality";
    public const string CallActivityNoElement = "call-activity-no-element";
    public const string CallActivityBadVersion = "call-activity-bad-version";
    public const string CallActivityBadMapping = "call-activity-bad-mapping";
}
