using System.Net;
using System.Net.Mail;
using System.Net.Sockets;

namespace Kks.Workflow.Web.Notifications.Mail;

/// <summary>
/// Sends through an SMTP server with System.Net.Mail.SmtpClient (host, port, STARTTLS, user, password from
/// "Mail:Smtp"). A client per message: SmtpClient is not thread-safe and the outbox sends one message at a time.
/// Any failure throws, and the outbox retries the row later with back-off. When the server cannot be reached at
/// all, further sends fail at once for <see cref="SmtpSettings.PauseAfterOutage"/> instead of each waiting for the
/// connection timeout: an outage with 500 messages due costs one timeout, not 500 (which would also outlast the
/// outbox lease).
/// </summary>
internal sealed class SmtpTransport(MailOptions options, TimeProvider clock) : IMailTransport
{
    private readonly Lock _gate = new();
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private string? _outage;

    public void ThrowIfUnavailable()
    {
        lock (_gate)
        {
            if (clock.GetUtcNow() < _pausedUntil)
            {
                throw new SmtpException(SmtpStatusCode.ServiceNotAvailable,
                    $"SMTP server {options.Smtp.Host}:{options.Smtp.Port} unreachable ({_outage}); next try after {_pausedUntil:O}");
            }
        }
    }

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ThrowIfUnavailable();
        var smtp = options.Smtp;
        using var message = MailMessages.Build(mail, options);
        using var client = new SmtpClient(smtp.Host, smtp.Port)
        {
            EnableSsl = smtp.StartTls,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = (int)smtp.Timeout.TotalMilliseconds,
        };
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
        }

        try
        {
            await client.SendMailAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (SmtpException error)
        {
            // "Failure sending mail." says nothing to the admin reading the dead letter: name the server and the cause.
            var cause = error.InnerException is { } inner ? $"{error.Message} {inner.Message}" : error.Message;
            if (IsOutage(error))
            {
                lock (_gate)
                {
                    _outage = cause;
                    _pausedUntil = clock.GetUtcNow() + smtp.PauseAfterOutage;
                }
            }

            throw new SmtpException(error.StatusCode, $"SMTP server {smtp.Host}:{smtp.Port}: {cause}");
        }
    }

    /// <summary>The server was not reached (refused, unreachable, timed out), as opposed to refusing this one message.</summary>
    private static bool IsOutage(SmtpException error) =>
        error.InnerException is SocketException or IOException or TimeoutException
        || error.StatusCode is SmtpStatusCode.ServiceNotAvailable
        || (error.StatusCode is SmtpStatusCode.GeneralFailure && error.InnerException is not null);
}
