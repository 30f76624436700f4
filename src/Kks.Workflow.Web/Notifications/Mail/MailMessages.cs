using System.Net.Mail;
using System.Net.Mime;
using System.Security.Cryptography;
using System.Text;

namespace Kks.Workflow.Web.Notifications.Mail;

/// <summary>Builds the System.Net.Mail message (plain text first, HTML as the preferred alternative) and the stable Message-IDs.</summary>
internal static class MailMessages
{
    public static MailMessage Build(OutgoingMail mail, MailOptions options)
    {
        var message = new MailMessage
        {
            From = new MailAddress(options.FromAddress, options.FromName, Encoding.UTF8),
            Subject = mail.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
        };
        message.To.Add(new MailAddress(mail.ToAddress, mail.ToName ?? "", Encoding.UTF8));
        message.Headers.Add("Message-ID", mail.MessageId);
        // multipart/alternative: readers show the last part they understand, so the HTML goes last.
        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(mail.Text, Encoding.UTF8, MediaTypeNames.Text.Plain));
        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(mail.Html, Encoding.UTF8, MediaTypeNames.Text.Html));
        return message;
    }

    /// <summary>
    /// "&lt;hash@domain&gt;": the same outbox row and address always give the same id (a second delivery of one
    /// message is a duplicate a mail client or the test can recognise), different addresses get different ids.
    /// </summary>
    public static string MessageId(string idempotencyKey, string address, string fromAddress)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey + "\n" + address.Trim().ToUpperInvariant()));
        var at = fromAddress.LastIndexOf('@');
        var domain = at >= 0 && at < fromAddress.Length - 1 ? fromAddress[(at + 1)..] : "kks-workflow.local";
        return $"<{Convert.ToHexStringLower(hash)[..40]}@{domain}>";
    }

    /// <summary>A file name for the pickup folder from a Message-ID: the same message overwrites its own file.</summary>
    public static string FileName(string messageId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)))[..32] + ".eml";
}
