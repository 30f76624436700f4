using System.Globalization;
using System.Text.Json;
using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Api.Access;
using Kks.Workflow.Web.Evidence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Pages.Tugas;

/// <summary>
/// Tugas: what is asked, the form, evidence, comments and history of one task, and its actions. Every read and write goes
/// through <see cref="AccessPolicy"/>; an action that loses a race (someone else claimed or sent the task first) shows
/// what happened instead of an error page.
/// </summary>
public sealed class IndexModel(TaskView view, WorkflowDbContext db, WorkflowRuntime runtime, EvidenceStore evidence, EngineOptions engine, TimeProvider clock, Texts texts)
    : PageModel
{
    public const int MaxComment = 4000;
    public const int MaxReason = 500;

    public TaskPageData? Data { get; private set; }

    public Caller Me { get; private set; } = null!;

    public DateTimeOffset Now { get; private set; }

    public TimeZoneInfo Zone => engine.TimeZone;

    /// <summary>Field errors of the last post (field id to message), and one message for the whole page.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public string? Problem { get; private set; }

    /// <summary>What the last action did (a key of the Task resources), shown once after the redirect.</summary>
    [FromQuery(Name = "pesan")]
    public string? Notice { get; set; }

    /// <summary>Values posted back into the form when it had errors.</summary>
    public Dictionary<string, string?> Posted { get; } = new(StringComparer.Ordinal);

    /// <summary>The hidden input the page's script fills with the form-js viewer's data on Kirim and Simpan draf.</summary>
    public const string FormJsField = "formjs_data";

    /// <summary>The form-js data just posted, shown again when the server refused it.</summary>
    public string? FormJsPosted { get; private set; }

    /// <summary>Errors of the form-js fields (key to message), listed above the viewer.</summary>
    public IEnumerable<KeyValuePair<string, string>> FormJsErrors => Data?.FormSchema is null ? [] : Errors.Where(e => Data.Fields.All(f => f.Id != e.Key));

    public bool IsOpen => Data?.Open is not null;

    /// <summary>Admin, secretariat, or a focal point who may work it (it is not held by someone else).</summary>
    public bool CanWork => IsOpen && (Me.ManagesAll || (Me.IsOpd && (Data!.Open!.Assignee is null || Data.Open.Assignee == Me.UserId)));

    public bool CanClaim => IsOpen && Data!.Open!.Assignee is null && (Me.ManagesAll || Me.IsOpd);

    public bool CanRelease => IsOpen && Data!.Open!.Assignee is { } holder && (holder == Me.UserId || Me.ManagesAll);

    public bool Manages => IsOpen && Me.ManagesAll;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) => await ShowAsync(id, cancellationToken).ConfigureAwait(false);

    public Task<IActionResult> OnPostKlaimAsync(string id, CancellationToken cancellationToken) =>
        ActAsync(id, "Done_Claimed", async task =>
        {
            await runtime.ClaimTaskAsync(task.Id, Me.UserId, cancellationToken).ConfigureAwait(false);
            return null;
        }, cancellationToken);

    public Task<IActionResult> OnPostLepaskanAsync(string id, CancellationToken cancellationToken) =>
        ActAsync(id, "Done_Released", async task =>
        {
            if (!CanRelease)
            {
                return Fail("Err_NotHolder");
            }

            await runtime.UnclaimTaskAsync(task.Id, Me.UserId, cancellationToken).ConfigureAwait(false);
            return null;
        }, cancellationToken);

    public Task<IActionResult> OnPostSimpanAsync(string id, CancellationToken cancellationToken) =>
        ActAsync(id, "Done_Draft", async task =>
        {
            if (!CanWork)
            {
                return Fail("Err_NotHolder");
            }

            var values = PostedFields(Data!.Fields);
            if (Data.FormSchema is not null && Request.Form.TryGetValue(FormJsField, out var formJs) && FormJsValues.IsObject(formJs.ToString()))
            {
                values[TaskView.FormJsDraftKey] = formJs.ToString();
            }

            var draft = await db.TaskDrafts.FirstOrDefaultAsync(d => d.TaskId == task.Id && d.UserId == Me.UserId, cancellationToken).ConfigureAwait(false);
            if (draft is null)
            {
                db.TaskDrafts.Add(draft = new TaskDraftRecord { TaskId = task.Id, UserId = Me.UserId, ValuesJson = "{}" });
            }

            draft.ValuesJson = JsonSerializer.Serialize(values);
            draft.SavedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }, cancellationToken);

    public Task<IActionResult> OnPostKirimAsync(string id, CancellationToken cancellationToken) =>
        ActAsync(id, "Done_Sent", async task =>
        {
            if (!CanWork)
            {
                return Fail("Err_NotHolder");
            }

            if (Data!.FormRef is not null && Data.FormSchema is null)
            {
                // The named form is not deployed: sending without it would skip what the model asks.
                return Fail("Err_FormRefMissing", Data.FormRef);
            }

            var posted = PostedFields(Data.Fields);
            var (variables, errors) = FormValues.Read(Data.Fields, posted, Zone, texts.For("Task"));
            if (Data.FormSchema is not null)
            {
                // The viewer's data, checked again here against the deployed schema: the browser is never trusted.
                var formJs = Request.Form.TryGetValue(FormJsField, out var raw) ? raw.ToString() : null;
                var (formVariables, formErrors) = FormJsValues.Read(Data.FormSchema, formJs, texts.For("Task"));
                foreach (var (name, value) in formVariables)
                {
                    variables[name] = value;
                }

                foreach (var (field, message) in formErrors)
                {
                    errors[field] = message;
                }

                if (formErrors.Count > 0 && FormJsValues.IsObject(formJs))
                {
                    FormJsPosted = formJs;
                }
            }

            if (errors.Count > 0)
            {
                foreach (var (field, message) in errors)
                {
                    Errors[field] = message;
                }

                foreach (var (field, value) in posted)
                {
                    Posted[field] = value;
                }

                return Fail("Err_Form");
            }

            await runtime.CompleteTaskAsync(task.Id, variables, Me.UserId, idempotencyKey: null, cancellationToken).ConfigureAwait(false);
            await db.TaskDrafts.Where(d => d.TaskId == task.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }, cancellationToken);

    public Task<IActionResult> OnPostKomentarAsync(string id, [FromForm(Name = "pesan_komentar")] string? message, CancellationToken cancellationToken) =>
        ActAsync(id, "Done_Comment", async task =>
        {
            var text = message?.Trim();
            if (string.IsNullOrEmpty(text) || text.Length > MaxComment)
            {
                Errors["komentar"] = texts.For("Task")["Err_Comment", MaxComment];
                return Fail("Err_Comment", MaxComment);
            }

            db.TaskComments.Add(new TaskCommentRecord
            {
                Id = Guid.NewGuid().ToString("N"), TaskId = task.Id, InstanceId = task.InstanceId, UserId = Me.UserId, Time = clock.GetUtcNow(), Message = text,
            });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }, cancellationToken);

    public Task<IActionResult> OnPostUnggahAsync(string id, [FromForm(Name = "berkas")] List<IFormFile>? files, CancellationToken cancellationToken) =>
        ActAsync(id, "Done_Uploaded", async task =>
        {
            if (!CanWork)
            {
                return Fail("Err_NotHolder");
            }

            if (files is null || files.Count == 0)
            {
                return Fail("Err_NoFile");
            }

            var english = PageRegistration.LanguageOf(CultureInfo.CurrentUICulture) == "en";
            var refused = new List<string>();
            foreach (var file in files)
            {
                try
                {
                    await using var stream = file.OpenReadStream();
                    await evidence.SaveAsync(task, Me.UserId, file.FileName, stream, cancellationToken).ConfigureAwait(false);
                }
                catch (EvidenceRejectedException rejected)
                {
                    refused.Add(rejected.For(english));
                }
            }

            if (refused.Count > 0)
            {
                Problem = string.Join(" ", refused);
                return Page();
            }

            return null;
        }, cancellationToken);

    public Task<IActionResult> OnPostAlihkanAsync(string id, [FromForm(Name = "kepada")] string? assignee, CancellationToken cancellationToken) =>
        ActAsync(id, "Done_Reassigned", async task =>
        {
            if (!Me.ManagesAll)
            {
                return Fail("Err_ManagersOnly");
            }

            var target = string.IsNullOrWhiteSpace(assignee) ? null : assignee.Trim();
            if (target is not null && !await db.Users.AnyAsync(u => u.UserName == target, cancellationToken).ConfigureAwait(false))
            {
                Errors["kepada"] = texts.For("Task")["Err_NoSuchUser", target];
                return Fail("Err_NoSuchUser", target);
            }

            await runtime.SetAssigneeAsync(task.Id, target, Me.UserId, cancellationToken).ConfigureAwait(false);
            return null;
        }, cancellationToken);

    public Task<IActionResult> OnPostTenggatAsync(string id, [FromForm(Name = "tanggal")] string? date, [FromForm(Name = "jam")] string? time,
        [FromForm(Name = "alasan")] string? reason, CancellationToken cancellationToken) =>
        ActAsync(id, "Done_DueChanged", async task =>
        {
            if (!Me.ManagesAll)
            {
                return Fail("Err_ManagersOnly");
            }

            var why = reason?.Trim();
            if (string.IsNullOrEmpty(why) || why.Length > MaxReason)
            {
                Errors["alasan"] = texts.For("Task")["Err_Reason", MaxReason];
                return Fail("Err_Reason", MaxReason);
            }

            if (!DateTime.TryParseExact($"{date} {(string.IsNullOrEmpty(time) ? "17:00" : time)}", "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                Errors["tanggal"] = texts.For("Task")["Err_DueDate"];
                return Fail("Err_DueDate");
            }

            var due = new DateTimeOffset(local, Zone.GetUtcOffset(local));
            await runtime.ExecuteOnTaskAsync(task.Id, [new UpdateTask(task.Id) { DueDate = due, UserId = Me.UserId, Reason = why }], cancellationToken).ConfigureAwait(false);
            return null;
        }, cancellationToken);

    /// <summary>
    /// Runs one action on the open task: reloads it through the policy, refuses read-only roles, runs it, and redirects
    /// back (post-redirect-get) with a notice. A task gone in the meantime shows who completed it; a lost claim race
    /// says who holds it.
    /// </summary>
    private async Task<IActionResult> ActAsync(string id, string notice, Func<UserTaskRecord, Task<IActionResult?>> action, CancellationToken cancellationToken)
    {
        var shown = await ShowAsync(id, cancellationToken).ConfigureAwait(false);
        if (Data is null)
        {
            return shown;
        }

        if (Data.Open is not { } task)
        {
            Problem = texts.For("Task")["Err_AlreadyDone"];
            return Page();
        }

        if (!Me.ManagesAll && !Me.IsOpd)
        {
            return Fail("Err_ReadOnly");
        }

        try
        {
            if (await action(task).ConfigureAwait(false) is { } failed)
            {
                return failed;
            }
        }
        catch (TaskConflictException)
        {
            await ShowAsync(id, cancellationToken).ConfigureAwait(false);
            return Fail("Err_TakenByOther", Data?.Open?.Assignee ?? "");
        }
        catch (NotFoundException)
        {
            await ShowAsync(id, cancellationToken).ConfigureAwait(false);
            Problem = texts.For("Task")["Err_AlreadyDone"];
            return Page();
        }
        catch (ConcurrencyConflictException)
        {
            return Fail("Err_Busy");
        }
        catch (EngineException engineError)
        {
            var english = PageRegistration.LanguageOf(CultureInfo.CurrentUICulture) == "en";
            Problem = english ? engineError.Text.English : engineError.Text.Indonesian;
            return Page();
        }

        return Redirect($"/tugas/{Uri.EscapeDataString(id)}?pesan={notice}");
    }

    private async Task<IActionResult> ShowAsync(string id, CancellationToken cancellationToken)
    {
        Me = Caller.From(User);
        Now = clock.GetUtcNow();
        Data = await view.ReadAsync(Me, id, cancellationToken).ConfigureAwait(false);
        if (Data is null)
        {
            // The same answer for a task that does not exist and one out of reach: ids leak nothing.
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    private PageResult Fail(string key, params object[] arguments)
    {
        Problem ??= texts.For("Task")[key, arguments];
        return Page();
    }

    private Dictionary<string, string?> PostedFields(IReadOnlyList<Engine.Model.FormField> fields) =>
        fields.ToDictionary(f => f.Id, f => Request.Form.TryGetValue("f_" + f.Id, out var value) ? (string?)value.ToString() : null, StringComparer.Ordinal);

    /// <summary>The value a field shows: what was just posted (with errors), else the draft, variable or default.</summary>
    public string? ValueOf(string fieldId) =>
        Posted.TryGetValue(fieldId, out var posted) ? posted : Data?.Values.GetValueOrDefault(fieldId);
}
