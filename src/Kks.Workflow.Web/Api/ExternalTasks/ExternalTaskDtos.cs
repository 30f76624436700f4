using System.Text.Json;
using Kks.Workflow.Web.Api.Variables;

namespace Kks.Workflow.Web.Api.ExternalTasks;

/// <summary>Camunda's FetchExternalTasksDto. tenantIdIn, withoutTenantId, processVariables, deserializeValues and includeExtensionProperties are accepted and ignored (no tenants, no extension properties here).</summary>
internal sealed record FetchAndLockRequest(string? WorkerId, int? MaxTasks, bool? UsePriority, long? AsyncResponseTimeout, IReadOnlyList<FetchTopicRequest?>? Topics);

internal sealed record FetchTopicRequest(
    string? TopicName,
    long? LockDuration,
    IReadOnlyList<string>? Variables,
    bool? LocalVariables,
    string? BusinessKey,
    string? ProcessDefinitionId,
    IReadOnlyList<string>? ProcessDefinitionIdIn,
    string? ProcessDefinitionKey,
    IReadOnlyList<string>? ProcessDefinitionKeyIn);

internal sealed record CompleteRequest(string? WorkerId, JsonElement? Variables, JsonElement? LocalVariables);

/// <summary>retries absent is 0, as in Camunda (its field is a Java int): the failure then raises an incident.</summary>
internal sealed record FailureRequest(string? WorkerId, string? ErrorMessage, string? ErrorDetails, int? Retries, long? RetryTimeout);

internal sealed record BpmnErrorRequest(string? WorkerId, string? ErrorCode, string? ErrorMessage, JsonElement? Variables);

internal sealed record ExtendLockRequest(string? WorkerId, long? NewDuration);

/// <summary>Camunda's LockedExternalTaskDto: what a worker gets from fetchAndLock.</summary>
internal sealed record LockedExternalTaskDto(
    string ActivityId,
    string? ActivityInstanceId,
    string? ErrorMessage,
    string? ErrorDetails,
    string ExecutionId,
    string Id,
    string? LockExpirationTime,
    string? CreateTime,
    string ProcessDefinitionId,
    string ProcessDefinitionKey,
    string? ProcessDefinitionVersionTag,
    string ProcessInstanceId,
    int Retries,
    string? WorkerId,
    string? TopicName,
    string? TenantId,
    long Priority,
    string? BusinessKey,
    IReadOnlyDictionary<string, VariableDto> Variables,
    IReadOnlyDictionary<string, string> ExtensionProperties);

/// <summary>Camunda's ExternalTaskDto: GET /external-task and /external-task/{id}.</summary>
internal sealed record ExternalTaskDto(
    string ActivityId,
    string? ActivityInstanceId,
    string? ErrorMessage,
    string ExecutionId,
    string Id,
    string? LockExpirationTime,
    string? CreateTime,
    string ProcessDefinitionId,
    string ProcessDefinitionKey,
    string? ProcessDefinitionVersionTag,
    string ProcessInstanceId,
    int Retries,
    bool Suspended,
    string? WorkerId,
    string? TopicName,
    string? TenantId,
    long Priority,
    string? BusinessKey);
