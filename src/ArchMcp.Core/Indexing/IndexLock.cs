namespace ArchMcp.Core.Indexing;

/// <summary>
/// Cross-process exclusive lock on an index folder: a lock file opened with <see cref="FileShare.None"/>. The
/// operating system releases it when the process dies, so a crash never leaves a stale lock. The search index's own
/// native lock does not exclude a second process on Linux, so every writer takes this one first.
/// </summary>
internal sealed class IndexLock : IDisposable
{
    public const string FileName = "archmcp.lock";

    private readonly FileStream _stream;

    private IndexLock(FileStream stream) => _stream = stream;

    /// <summary>
    /// Takes the lock, waiting up to <paramref name="wait"/>; null when another process holds it. Throws
    /// <see cref="IndexUnavailableException"/>, naming the path and what to do, when the lock file cannot be opened at
    /// all (a read-only folder, a folder where the lock file belongs, no permission): the index can then be read only.
    /// </summary>
    public static async Task<IndexLock?> TryAcquireAsync(string indexPath, TimeSpan wait, CancellationToken cancellationToken)
    {
        var file = Path.Combine(indexPath, FileName);
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                Directory.CreateDirectory(indexPath);
                var stream = new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
                return new IndexLock(stream);
            }
            catch (IOException ex) when (HeldByAnother(ex) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex) when (HeldByAnother(ex))
            {
                return null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new IndexUnavailableException(Directory.Exists(file)
                    ? $"The index lock '{file}' is a folder, so the index cannot be updated: remove that folder."
                    : $"The index at '{indexPath}' cannot be written ({ex.Message}{(ex.HResult == ReadOnlyFileSystem ? "; the file system is read-only" : "")}): make it writable, or pass --index PATH to a writable folder.", ex);
            }
        }
    }

    /// <summary>EROFS on Linux and macOS, as .NET reports it in an <see cref="IOException"/>'s HResult.</summary>
    private const int ReadOnlyFileSystem = 30;

    /// <summary>
    /// Whether the lock file is locked by another process (EWOULDBLOCK on Linux and macOS, a sharing or lock violation
    /// on Windows), as opposed to unwritable.
    /// </summary>
    private static bool HeldByAnother(IOException ex) =>
        ex.HResult is 11 or 35 or unchecked((int)0x80070020) or unchecked((int)0x80070021);

    public void Dispose() => _stream.Dispose();
}
