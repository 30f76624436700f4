using System.Diagnostics;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Dispatch;
using Kks.Workflow.Web.Notifications.Mail;
using Xunit.Abstractions;

namespace Kks.Workflow.Web.Tests.Notifications.Mail;

/// <summary>
/// An SMTP outage delays mail, never loses it: 500 reminders fall due while the server is down, the outbox retries
/// them with back-off on a manual clock, the server comes back on the same port, and every reminder arrives. Some
/// sends are accepted by the server but their acknowledgement is lost (a crash between send and mark): those rows
/// go out again, with the same Message-ID, so nothing arrives twice under different ids.
/// </summary>
public sealed class SmtpOutageTests(ITestOutputHelper output)
{
    private const int Reminders = 500;

    [Fact]
    public async Task Outage_500RemindersDue_AllDeliveredAfterRecovery_NoneTwiceWithDifferentMessageIds()
    {
        await using var bed = await MailTestBed.CreateAsync();
        await using var smtp = SmtpTestServer.Create(Path.Combine(bed.Folder, "smtp"));
        var opds = Enumerable.Range(1, 18).Select(i => $"OPD{i:00}").ToList();
        foreach (var opd in opds)
        {
            await bed.AddOpdAsync(opd, "Dinas " + opd);
            await bed.AddUserAsync("opd." + opd.ToLowerInvariant(), $"fp.{opd.ToLowerInvariant()}@kampar.example.go.id", opd);
        }

        var due = new DateTimeOffset(2023, 3, 24, 16, 0, 0, TimeSpan.FromHours(7));
        var expected = new Dictionary<string, string>(StringComparer.Ordinal); // Message-ID -> recipient
        await using (var context = new WorkflowDbContext(bed.Options))
        {
            for (var i = 0; i < Reminders; i++)
            {
                var opd = opds[i % opds.Count];
                var key = MailTestBed.DeadlineKey($"task-{i}", due, 0);
                context.Outbox.Add(MailTestBed.Row("deadline", key,
                    MailTestBed.Deadline($"task-{i}", $"Lengkapi dokumen {i}", opd, "pengingat", -3, due, ["candidate-group"]), bed.Clock.GetUtcNow()));
                var address = $"fp.{opd.ToLowerInvariant()}@kampar.example.go.id";
                expected[MailMessages.MessageId(key, address, bed.Mail.FromAddress)] = address;
            }

            await context.SaveChangesAsync();
        }

        var ackLost = new AckLostSink(bed.Sink(bed.Smtp(smtp.Port)), lose: 25);
        var dispatcher = bed.Dispatcher(ackLost, maxAttempts: 8);
        var watch = Stopwatch.StartNew();

        // Down: every row fails its first attempt (the first send finds the port closed; the transport then fails the
        // others at once for its pause instead of trying the server 500 times) and waits its back-off of 30 s.
        Assert.Equal(0, await bed.DrainAsync(dispatcher));
        var waiting = await bed.OutboxAsync();
        Assert.All(waiting, r => Assert.True(r.Attempts == 1 && r.DeliveredAt is null && r.DeadAt is null && r.LastError is not null));
        Assert.Empty(smtp.Messages());
        output.WriteLine($"failed round: {watch.Elapsed.TotalSeconds:F1} s");

        // Back up; the rows come due again after their back-off, not before.
        await smtp.StartAsync();
        bed.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, await bed.DrainAsync(dispatcher));
        bed.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(Reminders - 25, await bed.DrainAsync(dispatcher));
        output.WriteLine($"after the delivery round: {watch.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(0, await bed.DrainAsync(dispatcher)); // the 25 whose acknowledgement was lost wait their back-off
        bed.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(25, await bed.DrainAsync(dispatcher));
        output.WriteLine($"500 reminders through an outage: {watch.Elapsed.TotalSeconds:F1} s");

        var rows = await bed.OutboxAsync();
        Assert.All(rows, r => Assert.True(r.DeliveredAt is not null && r.DeadAt is null));
        var received = smtp.Messages();
        Assert.Equal(Reminders + 25, received.Count); // the 25 whose acknowledgement was lost arrived twice...
        var byId = received.GroupBy(m => m.MessageId, StringComparer.Ordinal).ToList();
        Assert.Equal(Reminders, byId.Count); // ...under the same Message-ID: 500 distinct messages, each expected
        Assert.True(byId.Select(g => g.Key).ToHashSet(StringComparer.Ordinal).SetEquals(expected.Keys));
        Assert.All(byId, g =>
        {
            Assert.All(g, m => Assert.Equal([expected[g.Key]], m.RcptTos));
            Assert.Single(g.Select(m => m.Subject + "\n" + m.Text).Distinct(StringComparer.Ordinal));
        });
        Assert.Equal(25, byId.Count(g => g.Count() == 2));
    }

    /// <summary>Sends, then for the first few messages throws as if the node died before marking the row delivered.</summary>
    private sealed class AckLostSink(IOutboxSink inner, int lose) : IOutboxSink
    {
        private int _lost;

        public async Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            await inner.DeliverAsync(message, cancellationToken);
            if (Interlocked.Increment(ref _lost) <= lose)
            {
                throw new IOException("connection lost after the server accepted the message");
            }
        }
    }
}
