using Kks.Workflow.Web.Notifications.Digests;
using Kks.Workflow.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Kks.Workflow.Web.Tests.Notifications.Deadlines;

[Collection(WebTests.Name)]
public sealed class DigestScheduleTests(WebFixture app)
{
    [Fact]
    public async Task TheApp_SchedulesTheDigestEachWorkingMorningInTheRegencysZone()
    {
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = Assert.IsAssignableFrom<ICronTrigger>(Assert.Single(await scheduler.GetTriggersOfJob(DigestJob.Key)));
        Assert.Equal("0 30 7 ? * MON-FRI", trigger.CronExpressionString);
        Assert.Equal(7, trigger.TimeZone.BaseUtcOffset.TotalHours);
    }
}
