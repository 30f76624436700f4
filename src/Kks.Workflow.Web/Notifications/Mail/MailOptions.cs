namespace Kks.Workflow.Web.Notifications.Mail;

/// <summary>"Mail": how messages leave the app (a pickup folder by default, or an SMTP server) and who they come from.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>"Pickup" (each message an .eml file in <see cref="PickupDirectory"/>; no server needed) or "Smtp".</summary>
    public string Delivery { get; set; } = "Pickup";

    /// <summary>Relative paths start at Storage:DataDirectory.</summary>
    public string PickupDirectory { get; set; } = "mail";

    public string FromAddress { get; set; } = "kks@localhost";

    public string FromName { get; set; } = "Sekretariat KKS";

    public SmtpSettings Smtp { get; set; } = new();

    public bool UsesSmtp => string.Equals(Delivery, "Smtp", StringComparison.OrdinalIgnoreCase);
}

/// <summary>"Mail:Smtp": the server System.Net.Mail.SmtpClient talks to.</summary>
public sealed class SmtpSettings
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 587;

    /// <summary>Upgrade the connection with STARTTLS before sending (SmtpClient.EnableSsl).</summary>
    public bool StartTls { get; set; } = true;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>How long one send may take before it counts as a failed attempt (retried with back-off).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After the server could not be reached, sends fail at once for this long (the outbox retries them later).</summary>
    public TimeSpan PauseAfterOutage { get; set; } = TimeSpan.FromSeconds(30);
}
