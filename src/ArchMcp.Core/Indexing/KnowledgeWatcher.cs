using Microsoft.Extensions.Logging;

namespace ArchMcp.Core.Indexing;

/// <summary>
/// Watches the knowledge roots and calls back once a burst of changes has been quiet for a moment, with the paths
/// that changed (null when everything must be re-scanned). A callback never overlaps another; changes that arrive
/// while one runs schedule exactly one more.
/// </summary>
/// <remarks>
/// A file watcher can lose events (its buffer overflows) or go deaf (a watched folder renamed away and a file created
/// in its place), so it is not trusted alone: a second after the last event, and every few minutes regardless, the
/// callback gets null and the whole tree is reconciled with the index; after an error, when the folders (listed every
/// <see cref="FolderPoll"/>) changed, or whenever <see cref="Restart"/> is called, the watchers are created anew.
/// </remarks>
internal sealed class KnowledgeWatcher : IDisposable
{
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(100);

    /// <summary>How long after the last event the whole tree is reconciled with the index.</summary>
    public static readonly TimeSpan ReconcileAfter = TimeSpan.FromSeconds(1);

    /// <summary>How often the whole tree is reconciled even when no event came.</summary>
    public static readonly TimeSpan ReconcileEvery = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often the folders (not the files) of each root are listed: .NET's inotify watcher goes deaf to the whole root,
    /// raising no error, when a watched folder is renamed away and a file takes its name; a changed set of folders
    /// creates the watchers anew.
    /// </summary>
    public static readonly TimeSpan FolderPoll = TimeSpan.FromSeconds(2);

    private static readonly EnumerationOptions Folders = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint,
    };

    private readonly IReadOnlyList<KnowledgeRoot> _roots;
    private readonly ILogger _logger;
    private readonly Func<IReadOnlyCollection<string>?, Task> _onChange;
    private readonly object _gate = new();
    private readonly Timer _timer;
    private readonly Timer _reconcile;
    private readonly Timer _poll;
    private HashSet<string> _folders;
    private int _polling;
    private List<FileSystemWatcher> _watchers = [];
    private HashSet<string> _paths = new(StringComparer.Ordinal);
    private bool _rescan;
    private bool _restart;
    private bool _disposed;
    private int _running;
    private int _pending;

    public KnowledgeWatcher(IEnumerable<KnowledgeRoot> roots, Func<IReadOnlyCollection<string>?, Task> onChange, ILogger logger)
    {
        _roots = [.. roots];
        _onChange = onChange;
        _logger = logger;
        _timer = new Timer(_ => Fire(), null, Timeout.Infinite, Timeout.Infinite);
        _reconcile = new Timer(_ => Rescan(), null, ReconcileEvery, ReconcileEvery);
        _folders = ListFolders();
        _watchers = Watch();
        _poll = new Timer(_ => PollFolders(), null, FolderPoll, FolderPoll);
    }

    private HashSet<string> ListFolders()
    {
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var root in _roots)
        {
            try
            {
                folders.Add(root.Path);
                folders.UnionWith(Directory.EnumerateDirectories(root.Path, "*", Folders));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                folders.Add("?" + root.Path); // a root that cannot be listed now differs from one that can
            }
        }

        return folders;
    }

    private void PollFolders()
    {
        if (Interlocked.Exchange(ref _polling, 1) == 1)
        {
            return;
        }

        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var folders = ListFolders();
            if (!folders.SetEquals(_folders))
            {
                _folders = folders;
                Restart();
            }

            // a tree so large that listing its folders takes long is listed less often: at most 2% of a core
            var next = TimeSpan.FromTicks(Math.Max(FolderPoll.Ticks, watch.Elapsed.Ticks * 50));
            lock (_gate)
            {
                if (!_disposed)
                {
                    _poll.Change(next, next);
                }
            }
        }
        finally
        {
            Interlocked.Exchange(ref _polling, 0);
        }
    }

    /// <summary>Schedules a full reconcile of every root with the index.</summary>
    public void Rescan() => Poke([null]);

    /// <summary>Creates the operating system's watchers anew, then reconciles everything (events may fall in between).</summary>
    public void Restart()
    {
        lock (_gate)
        {
            _restart = true;
        }

        Rescan();
    }

    private List<FileSystemWatcher> Watch()
    {
        var watchers = new List<FileSystemWatcher>();
        foreach (var root in _roots)
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
                w.Error += (_, e) =>
                {
                    _logger.LogWarning("Watching {Path} failed ({Message}); watching it anew and re-scanning.", root.Path, e.GetException().Message);
                    Restart();
                };
                w.EnableRaisingEvents = true;
                watchers.Add(w);
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
            {
                _logger.LogWarning("Cannot watch {Path} for changes ({Message}); it is re-scanned every {Minutes} minutes.", root.Path, ex.Message, ReconcileEvery.TotalMinutes);
            }
        }

        return watchers;
    }

    private void Poke(params string?[] paths)
    {
        var events = false;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            foreach (var path in paths)
            {
                if (path is null)
                {
                    _rescan = true;
                }
                else
                {
                    _paths.Add(path);
                    events = true;
                }
            }

            _timer.Change(Quiet, Timeout.InfiniteTimeSpan);
            if (events)
            {
                _reconcile.Change(ReconcileAfter, ReconcileEvery);
            }
        }
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
                RestartIfAsked();
                await _onChange(Take()).ConfigureAwait(false);
            }
            while (Interlocked.Exchange(ref _pending, 0) == 1);
        }
        finally
        {
            Interlocked.Exchange(ref _running, 0);
        }
    }

    private void RestartIfAsked()
    {
        List<FileSystemWatcher> old;
        lock (_gate)
        {
            if (!_restart || _disposed)
            {
                return;
            }

            _restart = false;
            _rescan = true;
            old = _watchers;
            _watchers = [];
        }

        foreach (var w in old)
        {
            w.Dispose();
        }

        var fresh = Watch();
        lock (_gate)
        {
            if (!_disposed)
            {
                _watchers = fresh;
                return;
            }
        }

        foreach (var w in fresh)
        {
            w.Dispose();
        }
    }

    public void Dispose()
    {
        List<FileSystemWatcher> watchers;
        lock (_gate)
        {
            _disposed = true;
            watchers = _watchers;
            _watchers = [];
        }

        foreach (var w in watchers)
        {
            w.Dispose();
        }

        lock (_gate)
        {
            _poll.Dispose();
        }

        _timer.Dispose();
        _reconcile.Dispose();
    }
}
