using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Web.Api.Access;
using Kks.Workflow.Web.Api.Variables;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Api.Tasks;

/// <summary>
/// Camunda 7's task resource: queries, one task, its variables and form variables (reads here), claim, assignee,
/// complete, update (<see cref="TaskWriteEndpoints"/>) and comments (<see cref="TaskCommentEndpoints"/>). Every read
/// goes through <see cref="AccessPolicy"/>: a task out of the caller's reach is a 404 like a task that does not exist.
/// </summary>
internal static class TaskEndpoints
{
    public static RouteGroupBuilder MapTasks(this RouteGroupBuilder rest)
    {
        ArgumentNullException.ThrowIfNull(rest);
        rest.MapGet("/task", ListFromQueryAsync);
        rest.MapPost("/task", ListFromBodyAsync);
        rest.MapGet("/task/count", CountFromQueryAsync);
        rest.MapPost("/task/count", CountFromBodyAsync);
        rest.MapGet("/task/{id}", GetAsync);
        rest.MapGet("/task/{id}/variables", VariablesAsync);
        rest.MapGet("/task/{id}/variables/{name}", VariableAsync);
        rest.MapGet("/task/{id}/form-variables", FormVariablesAsync);
        rest.MapTaskWrites();
        rest.MapTaskComments();
        return rest;
    }

    /// <summary>
    /// The inbox's question from someone who sees every task goes to <see cref="TaskGroupPage"/> (no EF, no DbContext
    /// rented: the context is resolved only for the other queries).
    /// </summary>
    private static async Task<IResult> ListFromQueryAsync(HttpContext http, TaskGroupPage groupPage, EngineOptions engine, CancellationToken cancellationToken)
    {
        var query = TaskQuery.FromQueryString(http.Request, engine.TimeZone);
        if (TaskGroupPage.Answers(query, http.Caller()))
        {
            var (first, max) = RestQuery.Page(http.Request);
            await groupPage.WritePageAsync(http, query.Text("candidateGroup")!, first, max, cancellationToken).ConfigureAwait(false);
            return Results.Empty;
        }

        var services = http.RequestServices;
        return await ListAsync(http, services.GetRequiredService<WorkflowDbContext>(), services.GetRequiredService<ProcessDefinitionCache>(), engine, query, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> ListFromBodyAsync(HttpContext http, WorkflowDbContext db, ProcessDefinitionCache cache, EngineOptions engine, CancellationToken cancellationToken)
    {
        var body = await RestBody.ReadAsync(http.Request, cancellationToken).ConfigureAwait(false);
        var query = TaskQuery.FromBody(body, engine.TimeZone);
        return await ListAsync(http, db, cache, engine, query, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> ListAsync(HttpContext http, WorkflowDbContext db, ProcessDefinitionCache cache, EngineOptions engine, TaskQuery query, CancellationToken cancellationToken)
    {
        var (first, max) = RestQuery.Page(http.Request);
        var tasks = await TaskSearch.ApplyAsync(db, http.Caller(), query, cancellationToken, groupJoinedByPage: TaskSearch.IsInboxPage(query)).ConfigureAwait(false);
        var page = await TaskJson.WithDefinitions(db, TaskSearch.Page(db, tasks, query, first, max)).ToListAsync(cancellationToken).ConfigureAwait(false);
        return Results.Json(await TaskJson.ManyAsync(db, cache, engine.TimeZone, page, cancellationToken).ConfigureAwait(false), RestJson.Options);
    }

    private static async Task<IResult> CountFromQueryAsync(HttpContext http, TaskGroupPage groupPage, EngineOptions engine, CancellationToken cancellationToken)
    {
        var query = TaskQuery.FromQueryString(http.Request, engine.TimeZone);
        if (TaskGroupPage.Answers(query, http.Caller()))
        {
            await groupPage.WriteCountAsync(http, query.Text("candidateGroup")!, cancellationToken).ConfigureAwait(false);
            return Results.Empty;
        }

        var db = http.RequestServices.GetRequiredService<WorkflowDbContext>();
        var tasks = await TaskSearch.ApplyAsync(db, http.Caller(), query, cancellationToken).ConfigureAwait(false);
        return Results.Json(new { count = await tasks.LongCountAsync(cancellationToken).ConfigureAwait(false) }, RestJson.Options);
    }

    private static async Task<IResult> CountFromBodyAsync(HttpContext http, WorkflowDbContext db, EngineOptions engine, CancellationToken cancellationToken)
    {
        var body = await RestBody.ReadAsync(http.Request, cancellationToken).ConfigureAwait(false);
        var query = TaskQuery.FromBody(body, engine.TimeZone);
        var tasks = await TaskSearch.ApplyAsync(db, http.Caller(), query, cancellationToken).ConfigureAwait(false);
        return Results.Json(new { count = await tasks.LongCountAsync(cancellationToken).ConfigureAwait(false) }, RestJson.Options);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, WorkflowDbContext db, ProcessDefinitionCache cache, EngineOptions engine, CancellationToken cancellationToken)
    {
        var task = await AccessPolicy.TaskAsync(db, http.Caller(), id, cancellationToken).ConfigureAwait(false);
        var state = await TaskVariables.StateAsync(db, task.InstanceId, cancellationToken).ConfigureAwait(false);
        var description = state.Tasks.Find(t => t.Id == task.Id)?.Description;
        return Results.Json(await TaskJson.OneAsync(db, cache, engine.TimeZone, task, description, cancellationToken).ConfigureAwait(false), RestJson.Options);
    }

    private static async Task<IResult> VariablesAsync(string id, HttpContext http, WorkflowDbContext db, EngineOptions engine, CancellationToken cancellationToken)
    {
        var task = await AccessPolicy.TaskAsync(db, http.Caller(), id, cancellationToken).ConfigureAwait(false);
        var state = await TaskVariables.StateAsync(db, task.InstanceId, cancellationToken).ConfigureAwait(false);
        var visible = TaskVariables.Visible(state, task.ExecutionId);
        if (Names(http) is { } only)
        {
            visible = visible.Where(v => only.Contains(v.Key)).ToDictionary(StringComparer.Ordinal);
        }

        return Results.Json(TypedVariables.Write(visible, engine.TimeZone), RestJson.Options);
    }

    private static async Task<IResult> VariableAsync(string id, string name, HttpContext http, WorkflowDbContext db, EngineOptions engine, CancellationToken cancellationToken)
    {
        var task = await AccessPolicy.TaskAsync(db, http.Caller(), id, cancellationToken).ConfigureAwait(false);
        var state = await TaskVariables.StateAsync(db, task.InstanceId, cancellationToken).ConfigureAwait(false);
        return TaskVariables.Visible(state, task.ExecutionId).TryGetValue(name, out var value)
            ? Results.Json(TypedVariables.WriteOne(value, engine.TimeZone), RestJson.Options)
            : throw RestException.NotFound($"Tugas '{id}' tidak melihat variabel bernama '{name}'.", $"task variable with name {name} does not exist");
    }

    private static async Task<IResult> FormVariablesAsync(
        string id, HttpContext http, WorkflowDbContext db, ProcessDefinitionCache cache, EngineOptions engine, TimeProvider clock, CancellationToken cancellationToken)
    {
        var task = await AccessPolicy.TaskAsync(db, http.Caller(), id, cancellationToken).ConfigureAwait(false);
        return Results.Json(await TaskVariables.FormAsync(db, cache, engine, clock, task, Names(http), cancellationToken).ConfigureAwait(false), RestJson.Options);
    }

    /// <summary>Camunda's <c>variableNames</c> parameter: a comma-separated list to narrow the answer to.</summary>
    private static HashSet<string>? Names(HttpContext http)
    {
        return RestQuery.List(http.Request, "variableNames")?.ToHashSet(StringComparer.Ordinal);
    }
}
