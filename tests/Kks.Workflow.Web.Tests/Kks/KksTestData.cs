using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Identity;
using Kks.Workflow.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kks.Workflow.Web.Tests.Instruments;

internal static class KksTestData
{
    /// <summary>The demo regency's 18 OPDs (the shared fixture does not seed the demo), added once.</summary>
    public static async Task EnsureDemoOpdsAsync(WebFixture app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var known = await db.Opds.Select(o => o.Code).ToListAsync();
        foreach (var opd in DemoRegency.Opds.Where(o => !known.Contains(o.Code)))
        {
            db.Opds.Add(new OpdRecord { Code = opd.Code, Name = opd.Name });
        }

        await db.SaveChangesAsync();
    }

    public static async Task<T> InScopeAsync<T>(WebFixture app, Func<IServiceProvider, Task<T>> action)
    {
        using var scope = app.Services.CreateScope();
        return await action(scope.ServiceProvider);
    }
}
