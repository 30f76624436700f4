using System.Net.Mail;

namespace Kks.Workflow.Web.Notifications.Mail;

/// <summary>
/// The embedded default: each message becomes an .eml file in the pickup folder (open it with any mail program),
/// so a new installation shows real mail with no server. SmtpClient writes the file under a random name into a
/// staging folder; it is then moved to a name derived from the Message-ID, so a redelivery replaces it.
/// </summary>
internal sealed class PickupFolderTransport(MailOptions options, string folder) : IMailTransport
{
    public string Folder => folder;

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var staging = Path.Combine(folder, ".staging", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            using (var message = MailMessages.Build(mail, options))
            using (var client = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = staging })
            {
                await client.SendMailAsync(message, cancellationToken).ConfigureAwait(false);
            }

            var written = Directory.EnumerateFiles(staging, "*.eml").Single();
            File.Move(written, Path.Combine(folder, MailMessages.FileName(mail.MessageId)), overwrite: true);
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }
}
