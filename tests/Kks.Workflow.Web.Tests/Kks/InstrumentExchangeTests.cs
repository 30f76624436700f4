using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Kks.Workflow.Web.Identity;
using Kks.Workflow.Web.Instruments;
using Kks.Workflow.Web.Instruments.Exchange;
using Kks.Workflow.Web.Tests.Infrastructure;

namespace Kks.Workflow.Web.Tests.Instruments;

[Collection(WebTests.Name)]
public sealed class InstrumentExchangeTests(WebFixture app) : IAsyncLifetime
{
    public async Task InitializeAsync() => await KksTestData.EnsureDemoOpdsAsync(app);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ExcelAndCsv_RoundTrip_ImportWhatWasExported()
    {
        using var sekretariat = await app.UserAsync("kks-sekretariat", Roles.Sekretariat);
        // A copy of the 2025 instrument under its own id (JSON import), so the shipped one stays as loaded.
        var json = (await sekretariat.GetStringAsync("/api/instrumen/kks-2025")).Replace("\"id\": \"kks-2025\"", "\"id\": \"uji-salin\"", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(sekretariat, "uji-salin", Encoding.UTF8.GetBytes(json), "application/json")).StatusCode);
        var original = await sekretariat.GetStringAsync("/api/instrumen/uji-salin");

        var xlsx = await sekretariat.GetByteArrayAsync("/api/instrumen/uji-salin/ekspor?format=xlsx");
        Assert.Equal((byte)'P', xlsx[0]); // a zip package
        using (var package = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(xlsx), false))
        {
            // Valid against the Office Open XML schema, so Excel opens it without a repair prompt.
            Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(package).Select(e => e.Description));
            Assert.Equal(["Instrumen", "Tatanan", "Tatanan 1 Sehat Mandiri", "Tatanan 2 Perkim", "Tatanan 3 Pendidikan", "Tatanan 4 Pasar",
                "Tatanan 5 Perkantoran & Perindu", "Tatanan 6 Pariwisata", "Tatanan 7 Lalin", "Tatanan 8 Perlindungan Sosial", "Tatanan 9 Penanggulangan Bencan",
                "Prasyarat", "Kelembagaan"],
                package.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value));
        }

        var imported = await PutAsync(sekretariat, "uji-salin", xlsx, InstrumentEndpoints.XlsxType);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Contains("\"indicators\":136", await imported.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(original, await sekretariat.GetStringAsync("/api/instrumen/uji-salin"));

        var csv = await sekretariat.GetByteArrayAsync("/api/instrumen/uji-salin/ekspor?format=csv");
        Assert.StartsWith("Tatanan,Nama Tatanan,No,Kode,Indikator,Definisi Operasional,Sumber Data,Bukti Dukung,Skala 0", Encoding.UTF8.GetString(csv).TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(sekretariat, "uji-salin", csv, "text/csv")).StatusCode);
        Assert.Equal(original, await sekretariat.GetStringAsync("/api/instrumen/uji-salin"));

        var list = JsonDocument.Parse(await sekretariat.GetStringAsync("/api/instrumen")).RootElement.EnumerateArray().Single(i => i.GetProperty("id").GetString() == "uji-salin");
        Assert.Equal(("csv", 136, 136), (list.GetProperty("origin").GetString(), list.GetProperty("indicatorCount").GetInt32(), list.GetProperty("templateIndicatorCount").GetInt32()));
    }

    [Fact]
    public async Task ExcelImport_BadRows_EveryRowReportedWithItsNumberAndNothingStored()
    {
        string?[] header = ["No", "Kode", "Indikator", "Definisi Operasional", "Sumber Data", "Bukti Dukung", "Skala 0", "Skala 25", "Skala 50", "Skala 75", "Skala 100", "OPD Penanggung Jawab"];
        object?[] Row(object? no, string code, string name, string opds, string? scale50 = "Separuh") =>
            [no, code, name, "Definisi", "Dinkes", "Laporan", "Tidak ada", "Sedikit", scale50, "Hampir", "Lengkap", opds];
        var workbook = Xlsx.Write([
            new Xlsx.Sheet("Instrumen", [["Kolom", "Isi"], ["Id", "uji-buruk"], ["Siklus", 2027], ["Nama", "Instrumen uji"]]),
            new Xlsx.Sheet("Tatanan", [["No", "Nama Tatanan", "Nama Sheet"], [1, "Sehat Mandiri", "Tatanan 1 Sehat Mandiri"]]),
            new Xlsx.Sheet("Tatanan 1 Sehat Mandiri", [
                header,
                Row(1, "T1.1", "Kematian ibu", "dinkes"),            // row 2: good
                Row(2, "X1", "Kode salah", "dinkes"),                 // row 3: bad code
                Row(3, "T1.3", "", "dinkes"),                         // row 4: no name
                Row(4, "T1.4", "OPD salah ketik", "dinkess"),         // row 5: unknown OPD
                Row(5, "T1.5", "Skala bolong", "dinkes", null),       // row 6: empty scale step
                Row("lima", "T1.6", "Nomor bukan angka", "dinkes"),   // row 7: number is text
                Row(1, "T1.1", "Kode kembar", "dinkes"),              // row 8: duplicate code
                Row(9, "T2.9", "Tatanan lain", "dlh"),                // row 9: code of another tatanan
            ]),
        ]);
        using var sekretariat = await app.UserAsync("kks-sekretariat", Roles.Sekretariat);
        var response = await PutAsync(sekretariat, "uji-buruk", workbook, InstrumentEndpoints.XlsxType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("InstrumentImportException", body.GetProperty("type").GetString());
        Assert.StartsWith("Impor ditolak, tidak ada yang disimpan", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        var problems = body.GetProperty("problems").EnumerateArray().Select(p => (Row: p.GetProperty("row").GetInt32(), Message: p.GetProperty("message").GetString()!)).ToList();
        Assert.All(problems, p => Assert.NotEqual(2, p.Row));
        Assert.Equal([3, 4, 5, 6, 7, 8, 9], problems.Select(p => p.Row).Distinct().Order());
        Assert.Contains(problems, p => p.Row == 3 && p.Message.Contains("tidak sah: tulis T{tatanan}.{nomor}", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Row == 4 && p.Message.Contains("isi kolom Indikator", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Row == 5 && p.Message.Contains("OPD 'dinkess' tidak terdaftar", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Row == 6 && p.Message.Contains("Skala 50 indikator T1.5 kosong", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Row == 7 && p.Message.Contains("bukan bilangan bulat", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Row == 8 && p.Message.Contains("sudah dipakai", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Row == 9 && p.Message.Contains("milik tatanan 2", StringComparison.Ordinal));
        Assert.Contains("Sheet 'Tatanan 1 Sehat Mandiri', baris 5:", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await sekretariat.GetAsync("/api/instrumen/uji-buruk")).StatusCode);
    }

    [Fact]
    public async Task CsvImport_SemicolonFileWithBadRows_ReportsRowsAndKeepsTheStoredInstrument()
    {
        using var sekretariat = await app.UserAsync("kks-sekretariat", Roles.Sekretariat);
        const string good = "Tatanan;Nama Tatanan;Kode;Indikator;OPD Penanggung Jawab\r\n1;Sehat Mandiri;T1.1;Kematian ibu;dinkes\r\n1;Sehat Mandiri;T1.2;\"Kematian; neonatus\";dinkes, dppkbp3a\r\n";
        var created = await PutAsync(sekretariat, "uji-csv?siklus=2027&nama=Instrumen%20CSV", Encoding.UTF8.GetBytes(good), "text/csv");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var stored = await sekretariat.GetStringAsync("/api/instrumen/uji-csv");
        Assert.Contains("Kematian; neonatus", stored, StringComparison.Ordinal);
        Assert.Contains("[TEMPLAT] Belum ada data", stored, StringComparison.Ordinal); // no scale columns: the marked template

        const string bad = "Tatanan;Kode;Indikator;OPD Penanggung Jawab\r\n1;T1.1;Kematian ibu;dinkes\r\n;T1.2;Tanpa tatanan;dinkes\r\n1;T1.3;Tanpa OPD;\r\n";
        var refused = await PutAsync(sekretariat, "uji-csv", Encoding.UTF8.GetBytes(bad), "text/csv");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problems = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("sheet").GetString(), p.GetProperty("row").GetInt32())).ToList();
        Assert.Equal([("CSV", 3), ("CSV", 4)], problems);
        Assert.Equal(stored, await sekretariat.GetStringAsync("/api/instrumen/uji-csv"));
    }

    [Fact]
    public async Task Import_NotAWorkbookOrWrongRole_Refused()
    {
        using var sekretariat = await app.UserAsync("kks-sekretariat", Roles.Sekretariat);
        var junk = await PutAsync(sekretariat, "uji-sampah", Encoding.UTF8.GetBytes("bukan excel"), InstrumentEndpoints.XlsxType);
        Assert.Equal(HttpStatusCode.BadRequest, junk.StatusCode);
        Assert.Contains("bukan buku kerja Excel", await junk.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var unknownType = await PutAsync(sekretariat, "uji-sampah", [1, 2, 3], "application/pdf");
        Assert.Equal(HttpStatusCode.BadRequest, unknownType.StatusCode);

        using var pimpinan = await app.UserAsync("kks-pimpinan", Roles.Pimpinan);
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(pimpinan, "uji-sampah", [1], "text/csv")).StatusCode);
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, string idAndQuery, byte[] body, string contentType)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await client.PutAsync("/api/instrumen/" + idAndQuery, content);
    }
}
