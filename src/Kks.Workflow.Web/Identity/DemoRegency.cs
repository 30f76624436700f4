namespace Kks.Workflow.Web.Identity;

/// <summary>The demo regency (Kabupaten Kampar, Riau) and the 18 OPDs at its KKS table (see ../shared/KKS.md).</summary>
internal static class DemoRegency
{
    /// <summary>A reserved-looking domain: demo addresses must never reach a real mailbox.</summary>
    public const string MailDomain = "kampar.example";

    public sealed record Opd(string Code, string Name, string? HeadName = null);

    public static readonly IReadOnlyList<Opd> Opds =
    [
        new("setda", "Sekretariat Daerah (Bagian Kesra dan Bagian Hukum)"),
        new("bappeda", "Badan Perencanaan Pembangunan Daerah"),
        new("dinkes", "Dinas Kesehatan"),
        new("pupr", "Dinas Pekerjaan Umum dan Penataan Ruang"),
        new("perkim", "Dinas Perumahan dan Kawasan Permukiman"),
        new("dlh", "Dinas Lingkungan Hidup"),
        new("dishub", "Dinas Perhubungan"),
        new("dispar", "Dinas Pariwisata"),
        new("ketapang", "Dinas Ketahanan Pangan"),
        new("disperindag", "Dinas Perindustrian dan Perdagangan"),
        new("disnaker", "Dinas Tenaga Kerja"),
        new("disdik", "Dinas Pendidikan"),
        new("dinsos", "Dinas Sosial"),
        new("dppkbp3a", "Dinas Pengendalian Penduduk, KB, Pemberdayaan Perempuan dan Perlindungan Anak"),
        new("dpmd", "Dinas Pemberdayaan Masyarakat dan Desa"),
        new("bpbd", "Badan Penanggulangan Bencana Daerah"),
        new("satpolpp", "Satuan Polisi Pamong Praja"),
        new("diskominfo", "Dinas Komunikasi dan Informatika"),
    ];
}
