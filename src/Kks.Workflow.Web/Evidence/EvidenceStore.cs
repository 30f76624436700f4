using System.Security.Cryptography;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kks.Workflow.Web.Evidence;

/// <summary>Why an upload was refused, in both languages, for the page to show.</summary>
public sealed class EvidenceRejectedException : Exception
{
    public EvidenceRejectedException(string indonesian, string english) : base(english)
    {
        Indonesian = indonesian;
        English = english;
    }

    public EvidenceRejectedException() : this("Berkas ditolak.", "File refused.")
    {
    }

    public EvidenceRejectedException(string message) : this(message, message)
    {
    }

    public EvidenceRejectedException(string message, Exception innerException) : base(message, innerException)
    {
        Indonesian = message;
        English = message;
    }

    public string Indonesian { get; }

    public string English { get; }

    public string For(bool english) => english ? English : Indonesian;
}

/// <summary>Bytes the store accepted and holds under their hash.</summary>
public sealed record StoredEvidence(string FileName, string ContentType, string Hash, long Size);

/// <summary>
/// Evidence files on disk and in the database. An upload is copied to a temporary file under the evidence folder while
/// it is hashed and measured, flushed to disk, checked by content, then renamed to its hash (a rename on one file system
/// is atomic): an interrupted or refused upload leaves only a temporary file that is deleted, never a half-written
/// evidence file. The row is written after the file is in place; a file without a row (a crash between the two) is
/// harmless, as nothing refers to it, and the same content uploaded again reuses it.
/// </summary>
public sealed class EvidenceStore(WorkflowDbContext db, StorageOptions storage, IOptions<EvidenceOptions> options, TimeProvider clock)
{
    private EvidenceOptions Options => options.Value;

    public string Root => Path.Combine(storage.DataDirectory, Options.Folder);

    /// <summary>Where a stored file lives: evidence/ab/abcdef... (two-letter folders keep directories small).</summary>
    public string PathOf(string contentHash) => Path.Combine(Root, contentHash[..2], contentHash);

    public async Task<EvidenceFileRecord> SaveAsync(UserTaskRecord task, string uploadedBy, string fileName, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var stored = await StoreAsync(fileName, content, cancellationToken).ConfigureAwait(false);
        return await RecordAsync(task, uploadedBy, stored.FileName, stored.ContentType, stored.Hash, stored.Size, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks and stores the bytes only (empty, too large, type by content), for callers that keep their own row (a
    /// campaign's kelembagaan evidence). Throws <see cref="EvidenceRejectedException"/> with the reason.
    /// </summary>
    public async Task<StoredEvidence> StoreAsync(string fileName, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var safeName = SafeFileName(fileName);
        var temporary = Path.Combine(Root, "tmp", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(temporary)!);
        try
        {
            var (hash, size) = await CopyAsync(content, temporary, cancellationToken).ConfigureAwait(false);
            if (size == 0)
            {
                throw new EvidenceRejectedException($"Berkas '{safeName}' kosong. Pilih berkas yang berisi.", $"The file '{safeName}' is empty. Choose a file with content.");
            }

            var type = ContentSniffer.Sniff(temporary);
            var allowed = Options.Allowed;
            if (type is null || !allowed.Contains(type.Name, StringComparer.OrdinalIgnoreCase))
            {
                var list = string.Join(", ", allowed.Select(a => a.ToUpperInvariant()));
                throw new EvidenceRejectedException(
                    $"Berkas '{safeName}' bukan jenis yang diterima. Yang diterima: {list} (diperiksa dari isinya, bukan dari namanya).",
                    $"The file '{safeName}' is not an accepted type. Accepted: {list} (checked by its content, not its name).");
            }

            var target = PathOf(hash);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (File.Exists(target))
            {
                File.Delete(temporary); // the same bytes are already stored
            }
            else
            {
                File.Move(temporary, target);
            }

            return new StoredEvidence(safeName, type.ContentType, hash, size);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private async Task<(string Hash, long Size)> CopyAsync(Stream content, string temporary, CancellationToken cancellationToken)
    {
        var max = Options.MaxBytes;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        var buffer = new byte[81920];
        await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
        {
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                size += read;
                if (size > max)
                {
                    throw new EvidenceRejectedException(
                        $"Berkas terlalu besar: paling besar {Megabytes(max)} MB. Perkecil (misalnya pindai ulang dengan resolusi lebih rendah) atau bagi menjadi beberapa berkas.",
                        $"The file is too large: at most {Megabytes(max)} MB. Make it smaller (e.g. scan at a lower resolution) or split it into several files.");
                }

                sha.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
        }

        return (Convert.ToHexStringLower(sha.GetHashAndReset()), size);
    }

    private async Task<EvidenceFileRecord> RecordAsync(UserTaskRecord task, string uploadedBy, string name, string contentType, string hash, long size, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow();
            var current = await db.EvidenceFiles.Where(e => e.InstanceId == task.InstanceId && e.FileName == name && e.ReplacedAt == null)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var version = await db.EvidenceFiles.Where(e => e.InstanceId == task.InstanceId && e.FileName == name)
                .MaxAsync(e => (int?)e.Version, cancellationToken).ConfigureAwait(false) ?? 0;
            foreach (var earlier in current)
            {
                earlier.ReplacedAt = now;
            }

            var record = new EvidenceFileRecord
            {
                Id = Guid.NewGuid().ToString("N"),
                InstanceId = task.InstanceId,
                TaskId = task.Id,
                FileName = name,
                ContentType = contentType,
                SizeBytes = size,
                ContentHash = hash,
                Version = version + 1,
                UploadedBy = uploadedBy,
                UploadedAt = now,
            };
            db.EvidenceFiles.Add(record);
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return record;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another upload of the same name took this version number: read again and take the next.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The name without any folder, control or reserved characters, at most 150 characters, never empty.</summary>
    public static string SafeFileName(string? name)
    {
        var bare = (name ?? "").Replace('\\', '/');
        bare = bare[(bare.LastIndexOf('/') + 1)..];
        var cleaned = new string(bare.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?')).ToArray()).Trim().TrimStart('.');
        if (cleaned.Length > 150)
        {
            var extension = Path.GetExtension(cleaned);
            cleaned = cleaned[..(150 - Math.Min(extension.Length, 20))] + extension[..Math.Min(extension.Length, 20)];
        }

        return cleaned.Length == 0 ? "berkas" : cleaned;
    }

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
