using System.Net;
using System.Net.Mail;

namespace Kks.Workflow.Web.Notifications.Mail;

/// <summary>
/// Sends through an SMTP server with System.Net.Mail.SmtpClient (host, port, STARTTLS, user, password from
/// "Mail:Smtp"). A client per message: SmtpClient is not thread-safe and the outbox sends one message at a time;
/// any failure (server down, refused) throws, and the outbox retries the row later with back-off.
/// </summary>
internal sealed class SmtpTransport(MailOptions options) : IMailTransport
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
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

        await client.SendMailAsync(message, cancellationToken).ConfigureAwait(false);
    }
}
