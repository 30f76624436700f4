namespace Kks.Workflow.Web.Notifications.Mail;

/// <summary>
/// One rendered message to one address. <see cref="MessageId"/> is derived from the outbox row's idempotency key
/// and the address, so a redelivery after a crash or an outage carries the same Message-ID and is recognisable.
/// </summary>
public sealed record OutgoingMail(string ToAddress, string? ToName, string Subject, string Text, string Html, string MessageId);

/// <summary>Where rendered messages go: the pickup folder or an SMTP server. Throws when the message was not accepted.</summary>
public interface IMailTransport
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);

    /// <summary>Throws at once while the transport knows it cannot deliver (an SMTP outage), before any work is done for a message.</summary>
    void ThrowIfUnavailable()
    {
    }
}
