using Microsoft.Extensions.Logging;

namespace ArchMcp.Core.Indexing;

/// <summary>
/// Watches the knowledge roots and calls back once a burst of changes has been quiet for a moment, with the paths
/// that changed (null when the watcher lost events and everything must be re-scanned). A callback never overlaps
/// another; changes that arrive while one runs schedule exactly one more.
/// </summary>
public sealed class KnowledgeWatcher : IDisposable
{
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(100);

    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Func<IReadOnlyCollection<string>?, Task> _onChange;
    private readonly object _gate = new();
    private HashSet<string> _paths = new(StringComparer.Ordinal);
    private bool _rescan;
    private readonly Timer _timer;
    private int _running;
    private int _pending;

    public KnowledgeWatcher(IEnumerable<KnowledgeRoot> roots, Func<IReadOnlyCollection<string>?, Task> onChange, ILogger logger)
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
                w.Changed += (_, e) => Poke(e.FullPath);
                w.Created += (_, e) => Poke(e.FullPath);
                w.Deleted += (_, e) => Poke(e.FullPath);
                w.Renamed += (_, e) => Poke(e.OldFullPath, e.FullPath);
                w.Error += (_, e) => { logger.LogWarning("File watching overflowed ({Message}); re-scanning.", e.GetException().Message); Poke([null]); };
                w.EnableRaisingEvents = true;
                _watchers.Add(w);
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException)
            {
                logger.LogWarning("Cannot watch {Path} for changes ({Message}); restart to pick up edits.", root.Path, ex.Message);
            }
        }
    }

    private void Poke(params string?[] paths)
    {
        lock (_gate)
        {
            foreach (var path in paths)
            {
                if (path is null)
                {
                    _rescan = true;
                }
                else
                {
                    _paths.Add(path);
                }
            }
        }

        _timer.Change(Quiet, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The paths gathered since the last call, or null when a full re-scan is due.</summary>
    private IReadOnlyCollection<string>? Take()
    {
        lock (_gate)
        {
            var paths = _rescan ? null : _paths;
            _paths = new HashSet<string>(StringComparer.Ordinal);
            _rescan = false;
            return paths;
        }
    }

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
                await _onChange(Take()).ConfigureAwait(false);
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
