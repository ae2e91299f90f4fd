namespace ArchMcp.Core.Indexing;

/// <summary>
/// Cross-process exclusive lock on an index folder: a lock file opened with <see cref="FileShare.None"/>. The
/// operating system releases it when the process dies, so a crash never leaves a stale lock. Lucene's own
/// native lock does not exclude a second process on Linux, so every writer takes this one first.
/// </summary>
public sealed class IndexLock : IDisposable
{
    public const string FileName = "archmcp.lock";

    private readonly FileStream _stream;

    private IndexLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock, waiting up to <paramref name="wait"/>; null when another process holds it.</summary>
    public static async Task<IndexLock?> TryAcquireAsync(string indexPath, TimeSpan wait, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(indexPath);
        var file = Path.Combine(indexPath, FileName);
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                var stream = new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
                return new IndexLock(stream);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
