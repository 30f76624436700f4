using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Kks.Workflow.Web.Evidence;
using Kks.Workflow.Web.Instruments.Exchange;

namespace Kks.Workflow.Web.Readiness;

/// <summary>How far a pack being written is: files written of the total, and bytes sent.</summary>
public sealed record PackProgress(int Files, int TotalFiles, long Bytes, long TotalBytes, bool Done, string? Error);

/// <summary>
/// The verification pack: a ZIP with a folder per tatanan and indicator holding the indicator's approved evidence,
/// plus <c>00-indeks.xlsx</c> (the readiness report and a sheet listing every file's place in the pack). Written
/// straight into the response body entry by entry (the evidence is copied from its stored file in 80 KB steps), so
/// a 2 GB pack never sits in memory or on disk. Progress is kept per request token for the page to poll
/// (<see cref="PackProgressBoard"/>): a plain download link plus a small poll works on any office browser.
/// </summary>
public sealed class VerificationPack(EvidenceStore store)
{
    public async Task WriteAsync(CampaignReadiness readiness, Stream output, string baseUrl, Action<PackProgress> report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readiness);
        ArgumentNullException.ThrowIfNull(report);
        var entries = Plan(readiness);
        var totalBytes = entries.Sum(e => e.File.SizeBytes);
        var index = new List<object?[]> { new object?[] { "Tatanan", ProvinceResults.CodeColumn, "Indikator", "OPD", "Berkas", "Lokasi dalam Paket", "Ukuran (byte)", "Ada" } };
        var body = new AsyncOnlyStream(output);
        await using (body.ConfigureAwait(false))
        {
            var archive = await ZipArchive.CreateAsync(body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8, cancellationToken).ConfigureAwait(false);
            await using (archive.ConfigureAwait(false))
            {
                long written = 0;
                var files = 0;
                foreach (var entry in entries)
                {
                    var path = store.PathOf(entry.File.ContentHash);
                    var exists = File.Exists(path);
                    index.Add([entry.Indicator.TatananNumber, entry.Indicator.Code, entry.Indicator.Name, entry.File.OpdCode, entry.File.FileName, entry.Path, entry.File.SizeBytes, exists]);
                    // Stored, not deflated: PDF, JPEG, PNG, XLSX and DOCX are compressed already.
                    var zipEntry = archive.CreateEntry(exists ? entry.Path : entry.Path + ".HILANG.txt", CompressionLevel.NoCompression);
                    var target = await zipEntry.OpenAsync(cancellationToken).ConfigureAwait(false);
                    await using (target.ConfigureAwait(false))
                    {
                        if (exists)
                        {
                            var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
                            await using (source.ConfigureAwait(false))
                            {
                                await source.CopyToAsync(target, 81920, cancellationToken).ConfigureAwait(false);
                            }
                        }
                        else
                        {
                            await target.WriteAsync(Encoding.UTF8.GetBytes(
                                $"Berkas {entry.File.FileName} (SHA-256 {entry.File.ContentHash}) tidak ditemukan di penyimpanan bukti: unggah ulang di tugas OPD-nya.\n"), cancellationToken).ConfigureAwait(false);
                        }
                    }

                    written += entry.File.SizeBytes;
                    report(new PackProgress(++files, entries.Count, written, totalBytes, false, null));
                    await body.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                var workbook = ReadinessWorkbook.Write(readiness, baseUrl, new Xlsx.Sheet("Isi Paket", index, [8, 8, 40, 12, 30, 60, 12, 6]));
                var indexEntry = archive.CreateEntry("00-indeks.xlsx", CompressionLevel.Fastest);
                var indexStream = await indexEntry.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using (indexStream.ConfigureAwait(false))
                {
                    await indexStream.WriteAsync(workbook, cancellationToken).ConfigureAwait(false);
                }
            }

            await body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        report(new PackProgress(entries.Count, entries.Count, totalBytes, totalBytes, true, null));
    }

    /// <summary>Each approved file's place: "T1 Nama tatanan/T1.3 Nama indikator/[opd-]berkas", names made safe and unique.</summary>
    internal static List<(IndicatorReadiness Indicator, EvidenceRef File, string Path)> Plan(CampaignReadiness readiness)
    {
        var result = new List<(IndicatorReadiness, EvidenceRef, string)>();
        foreach (var indicator in readiness.Indicators.Where(i => i.Evidence.Count > 0))
        {
            var folder = $"{Safe($"T{indicator.TatananNumber} {indicator.TatananName}")}/{Safe($"{indicator.Code} {indicator.Name}")}";
            var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var file in indicator.Evidence)
            {
                var name = indicator.Parts.Count > 1 ? $"{file.OpdCode}-{file.FileName}" : file.FileName;
                var unique = name;
                for (var n = 2; !used.Add(unique); n++)
                {
                    unique = $"{Path.GetFileNameWithoutExtension(name)} ({n.ToString(CultureInfo.InvariantCulture)}){Path.GetExtension(name)}";
                }

                result.Add((indicator, file, $"{folder}/{unique}"));
            }
        }

        return result;
    }

    private static string Safe(string name)
    {
        var cleaned = new string(name.Select(c => char.IsLetterOrDigit(c) || c is ' ' or '.' or '-' or '_' or '(' or ')' ? c : '_').ToArray()).Trim();
        return cleaned.Length > 60 ? cleaned[..60].TrimEnd() : cleaned;
    }
}

/// <summary>
/// The response body as ZipArchive needs it: Kestrel refuses synchronous writes, and ZipArchive writes an entry's tail
/// (and the central directory) synchronously when it closes them. Those few bytes wait in a small buffer; every
/// asynchronous write sends the buffer first and then passes straight through, so the evidence itself is never held.
/// </summary>
internal sealed class AsyncOnlyStream(Stream inner) : Stream
{
    private readonly MemoryStream _pending = new();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => _pending.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => _pending.Write(buffer);

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await SendPendingAsync(cancellationToken).ConfigureAwait(false);
        await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await SendPendingAsync(cancellationToken).ConfigureAwait(false);
        await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Nothing can be sent synchronously: what is pending goes with the next asynchronous write or flush.</summary>
    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _pending.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task SendPendingAsync(CancellationToken cancellationToken)
    {
        if (_pending.Length > 0)
        {
            await inner.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellationToken).ConfigureAwait(false);
            _pending.SetLength(0);
        }
    }
}

/// <summary>The progress of packs being written on this node, by the token the page chose; kept an hour.</summary>
public sealed class PackProgressBoard(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (PackProgress Progress, DateTimeOffset At)> _board = new(StringComparer.Ordinal);

    public void Set(string token, PackProgress progress)
    {
        _board[token] = (progress, clock.GetUtcNow());
        foreach (var old in _board.Where(p => p.Value.At < clock.GetUtcNow().AddHours(-1)).Select(p => p.Key).ToList())
        {
            _board.TryRemove(old, out _);
        }
    }

    public PackProgress? Get(string token) => _board.TryGetValue(token, out var entry) ? entry.Progress : null;
}
