namespace Kks.Workflow.Web.Tests.Notifications.Mail;

/// <summary>The last retry fails: the row becomes a dead letter with the SMTP error, and nothing tries it again by itself.</summary>
public sealed class DeadLetterTests
{
    [Fact]
    public async Task SmtpDownThroughEveryAttempt_RowIsDeadWithLastError_AndStaysDead()
    {
        await using var bed = await MailTestBed.CreateAsync();
        await using var smtp = SmtpTestServer.Create(Path.Combine(bed.Folder, "smtp"));
        await bed.AddLeaderAsync("sekda", "H. Sekda", "sekda@kampar.example.go.id");
        var due = new DateTimeOffset(2023, 3, 24, 16, 0, 0, TimeSpan.FromHours(7));
        await bed.AddOutboxAsync("deadline", "deadline:t-dead:202303240900:5", MailTestBed.Deadline("t-dead", "Tugas", "DINKES", "eskalasi", 10, due, ["leader:sekda"]));
        var dispatcher = bed.Dispatcher(bed.Sink(bed.Smtp(smtp.Port)), maxAttempts: 3);

        Assert.Equal(0, await bed.DrainAsync(dispatcher));
        bed.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, await bed.DrainAsync(dispatcher));
        var row = Assert.Single(await bed.OutboxAsync());
        Assert.Null(row.DeadAt);
        Assert.Equal(2, row.Attempts);
        bed.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(0, await bed.DrainAsync(dispatcher));

        row = Assert.Single(await bed.OutboxAsync());
        Assert.Equal(3, row.Attempts);
        Assert.Equal(bed.Clock.GetUtcNow(), row.DeadAt);
        Assert.Null(row.DeliveredAt);
        Assert.Contains("SMTP", row.LastError, StringComparison.OrdinalIgnoreCase);

        await smtp.StartAsync();
        bed.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await bed.DrainAsync(dispatcher));
        Assert.Empty(smtp.Messages());
    }
}
