using Kks.Workflow.Engine;
using Kks.Workflow.Web.Notifications.Mail.Admin;
using Kks.Workflow.Web.Notifications.Templates;

namespace Kks.Workflow.Web.Tests.Notifications.Mail;

/// <summary>The small template language, the dates in words and the CSV reader.</summary>
public sealed class TemplateTests
{
    [Fact]
    public void Renderer_EscapesInHtml_KeepsTextAsIs_EachAndIfBlocks()
    {
        var values = new Dictionary<string, object?>
        {
            ["name"] = "<b>Andi</b> & \"Budi\"",
            ["late"] = 0,
            ["items"] = new List<object?> { new Dictionary<string, object?> { ["n"] = "a<" }, new Dictionary<string, object?> { ["n"] = "b" } },
        };
        const string template = "Hi {{name}}{{#if late}} late{{else}} on time{{/if}}:{{#each items}} [{{n}}/{{name}}]{{/each}}{{missing}}.";
        Assert.Equal("Hi &lt;b&gt;Andi&lt;/b&gt; &amp; &quot;Budi&quot; on time: [a&lt;/&lt;b&gt;Andi&lt;/b&gt; &amp; &quot;Budi&quot;] [b/&lt;b&gt;Andi&lt;/b&gt; &amp; &quot;Budi&quot;].",
            TemplateRenderer.Render(template, values, html: true));
        Assert.Equal("Hi <b>Andi</b> & \"Budi\" on time: [a</<b>Andi</b> & \"Budi\"] [b/<b>Andi</b> & \"Budi\"].", TemplateRenderer.Render(template, values, html: false));
    }

    [Fact]
    public void Subject_IsOneLine_WhateverTheValues()
    {
        var mail = MailTemplates.Render("pemberitahuan", "id", new Dictionary<string, object?> { ["judul"] = "Rapat\r\nBcc: x@y.z", ["pesan"] = "p", ["link"] = "https://kks/" });
        Assert.Equal("[KKS] Rapat Bcc: x@y.z", mail.Subject);
    }

    [Fact]
    public void EveryTemplate_HasBothLanguages_AndRenders()
    {
        Assert.Equal(["digest-opd", "digest-pimpinan", "eskalasi", "pemberitahuan", "pengingat", "reset-sandi"], MailTemplates.Names());
        foreach (var name in MailTemplates.Names())
        {
            var id = MailTemplates.Render(name, "id", new Dictionary<string, object?>());
            var en = MailTemplates.Render(name, "en", new Dictionary<string, object?>());
            Assert.StartsWith("[KKS]", id.Subject, StringComparison.Ordinal);
            Assert.NotEqual(id.Text, en.Text);
            Assert.Contains("<html", en.Html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Asia/Jakarta", "Jumat, 24 Maret 2023 pukul 16.00 WIB", "Friday, 24 March 2023 at 16:00 WIB")]
    [InlineData("Asia/Makassar", "Jumat, 24 Maret 2023 pukul 17.00 WITA", "Friday, 24 March 2023 at 17:00 WITA")]
    [InlineData("Asia/Jayapura", "Jumat, 24 Maret 2023 pukul 18.00 WIT", "Friday, 24 March 2023 at 18:00 WIT")]
    public void Dates_InWords_InTheRegencysZone(string zone, string indonesian, string english)
    {
        var moment = new DateTimeOffset(2023, 3, 24, 9, 0, 0, TimeSpan.Zero);
        var timeZone = TimeZoneInfo.FindSystemTimeZoneById(zone);
        Assert.Equal(indonesian, MailDates.DateTime(moment, timeZone, "id"));
        Assert.Equal(english, MailDates.DateTime(moment, timeZone, "en"));
        Assert.Equal("Minggu, 1 Januari 2023", MailDates.Date(new DateTimeOffset(2022, 12, 31, 17, 0, 0, TimeSpan.Zero), Zones.Jakarta, "id"));
    }

    [Fact]
    public void Csv_QuotedFieldsSemicolonsAndLineNumbers()
    {
        var table = CsvTable.Parse("\uFEFFKode;Nama\r\nA;\"Dinas; \"\"A\"\"\"\r\n\r\nB;\"dua\nbaris\"\nC;Tiga");
        Assert.Equal(["kode", "nama"], table.Header);
        Assert.Equal([2, 4, 6], table.Rows.Select(r => r.Row));
        Assert.Equal("Dinas; \"A\"", table.Rows[0].Fields[1]);
        Assert.Equal("dua\nbaris", table.Rows[1].Fields[1]);
        Assert.Equal("Tiga", CsvTable.Field(table.Rows[2].Fields, table.Column("name", "nama")));
    }
}
