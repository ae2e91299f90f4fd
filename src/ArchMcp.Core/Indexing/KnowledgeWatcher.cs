using Microsoft.Extensions.Logging;

namespace ArchMcp.Core.Indexing;

/// <summary>
/// Watches the knowledge roots and calls back once a burst of changes has been quiet for a moment. A callback
/// never overlaps another; changes that arrive while one runs schedule exactly one more.
/// </summary>
public sealed class KnowledgeWatcher : IDisposable
{
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(100);

    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Func<Task> _onChange;
    private readonly Timer _timer;
    private int _running;
    private int _pending;

    public KnowledgeWatcher(IEnumerable<KnowledgeRoot> roots, Func<Task> onChange, ILogger logger)
    {
        _onChange = onChange;
        _timer = new Timer(_ => Fire(), null, Timeout.Infinite, Timeout.Infinite);
        foreach (var root in roots)
        {
            try
            {
                var w = new FileSystemWatcher(root.Path)
                {
                    IncludeSubdirectories = true,
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
                    InternalBufferSize = 64 * 1024,
                };
                w.Changed += (_, _) => Poke();
                w.Created += (_, _) => Poke();
                w.Deleted += (_, _) => Poke();
                w.Renamed += (_, _) => Poke();
                w.Error += (_, e) => { logger.LogWarning("File watching overflowed ({Message}); re-scanning.", e.GetException().Message); Poke(); };
                w.EnableRaisingEvents = true;
                _watchers.Add(w);
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException)
            {
                logger.LogWarning("Cannot watch {Path} for changes ({Message}); restart to pick up edits.", root.Path, ex.Message);
            }
        }
    }

    private void Poke() => _timer.Change(Quiet, Timeout.InfiniteTimeSpan);

    private void Fire()
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            Interlocked.Exchange(ref _pending, 1);
            return;
        }

        _ = RunAsync();
    }

    private async Task RunAsync()
    {
        try
        {
            do
            {
                Interlocked.Exchange(ref _pending, 0);
                await _onChange().ConfigureAwait(false);
            }
            while (Interlocked.Exchange(ref _pending, 0) == 1);
        }
        finally
        {
            Interlocked.Exchange(ref _running, 0);
        }
    }

    public void Dispose()
    {
        foreach (var w in _watchers)
        {
            w.Dispose();
        }

        _timer.Dispose();
    }
}
