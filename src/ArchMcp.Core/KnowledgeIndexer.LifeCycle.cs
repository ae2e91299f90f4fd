using ArchMcp.Core.Indexing;
using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;
using Microsoft.Extensions.Logging;

namespace ArchMcp.Core;

// The index's life cycle (IKnowledgeIndexer): opening the persisted index on the first call, the watcher, retries
// after a failed refresh, and stopping it all. The refresh itself is in KnowledgeIndexer.cs.
internal sealed partial class KnowledgeIndexer
{
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private readonly object _startGate = new();
    private Task? _opening;
    private Task? _firstRefresh;
    private KnowledgeWatcher? _watcher;
    private volatile string? _behind;
    private int _failures;
    private int _behindReported;
    private Timer? _retry;
    private bool _disposed;

    /// <summary>Starts serving: opens the persisted index and begins catching up (and watching, when configured).</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => ReadyAsync(cancellationToken);

    /// <summary>True once there is an index to answer from: the persisted one, or the first refresh's.</summary>
    public bool HasIndex => _state.Loaded;

    /// <summary>
    /// Makes sure there is something to answer from: the persisted index when one exists (a refresh then runs in the
    /// background when watching, or is awaited otherwise), else a first full index.
    /// </summary>
    public async Task<KnowledgeState> ReadyAsync(CancellationToken ct)
    {
        var state = _state;
        if (state.Loaded)
        {
            return state;
        }

        // The first caller opens the index; callers that arrive meanwhile await that opening rather than block on a
        // lock, which would hold a thread-pool thread that a starting server may need for the MCP session.
        Task opening;
        var first = false;
        lock (_startGate)
        {
            if (_opening is null)
            {
                _opening = new Task(Open);
                first = true;
            }

            opening = _opening;
        }

        if (first)
        {
            opening.RunSynchronously();
        }

        await opening.WaitAsync(ct).ConfigureAwait(false);
        if (!_state.Loaded || !_options.Watch)
        {
            try
            {
                await _firstRefresh!.WaitAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && _state.Loaded)
            {
                // the last good commit still answers (a full disk, a read-only index): say so once, and answer
                if (Interlocked.Exchange(ref _behindReported, 1) == 0)
                {
                    _logger.LogWarning("The index is behind the files: {Reason} Answering from its last commit.", ex.Message);
                }
            }
        }

        return _state;
    }

    /// <summary>Opens the persisted index, then starts the first refresh (and the watcher, when configured).</summary>
    private void Open()
    {
        TryLoadPersisted();
        _firstRefresh = Task.Run(() => RefreshAsync(null, CancellationToken.None));
        if (_options.Watch)
        {
            _watcher = new KnowledgeWatcher(_roots, RefreshQuietlyAsync, _logger);
            // a refresh that failed before the watcher existed (a full disk at start) is retried from here
            if (_behind is not null)
            {
                ScheduleRetry();
            }
        }
    }

    private void TryLoadPersisted()
    {
        try
        {
            if (_index.Exists)
            {
                _index.Open();
                _state = BuildState(_settingsFindings, _state.IndexedAt);
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or IndexOutOfRangeException or ArgumentException)
        {
            // the first refresh finds the same problem, rebuilds the index and says so (one line, not two)
            _logger.LogDebug("The index at {Path} could not be opened ({Message}).", _index.Path, ex.Message);
        }
    }

    /// <summary>
    /// The watcher's callback: the changed paths, or null for a full reconcile (after a quiet period, a lost event, a
    /// retry) that also merges deleted entries away.
    /// </summary>
    private async Task RefreshQuietlyAsync(IReadOnlyCollection<string>? paths)
    {
        try
        {
            await RefreshCoreAsync(paths, null, CancellationToken.None, reconcile: paths is null).ConfigureAwait(false);
        }
        catch (ObjectDisposedException) when (_disposed)
        {
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogWarning("Re-indexing after a file change failed: {Message} Answering from the last commit; retrying.", ex.Message);
        }
    }

    /// <summary>
    /// After a failed refresh of a serving engine, tries a full one again later: 0.5 s, then twice as long each time
    /// up to 30 s, until one succeeds (the disk has room again, the folder is writable again).
    /// </summary>
    private void ScheduleRetry()
    {
        if (!_options.Watch || _disposed || _watcher is null)
        {
            return;
        }

        var delay = TimeSpan.FromSeconds(Math.Min(30, 0.5 * Math.Pow(2, Math.Min(Interlocked.Increment(ref _failures) - 1, 6))));
        lock (_startGate)
        {
            if (_disposed)
            {
                return;
            }

            _retry ??= new Timer(_ => _watcher?.Rescan());
            _retry.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// Stops the retries and the watcher, and waits (boundedly) for an opening or a first refresh under way. The index
    /// itself belongs to the caller.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            // A server disposed while it starts may still be opening the index (and about to create the watcher).
            _opening?.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
        }

        lock (_startGate)
        {
            _retry?.Dispose();
        }

        _watcher?.Dispose();
        try
        {
            _firstRefresh?.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
        }

        _refreshGate.Dispose();
    }

    /// <summary>What is indexed, from where (with each root's git commit) and when; whether it is behind the files.</summary>
    public IndexInfo BuildInfo(KnowledgeState state)
    {
        var entries = state.Catalog.Entries;
        return new IndexInfo
        {
            // the commit each root's checkout is on, read from .git without running git; null when not a checkout
            Roots = [.. _roots.Select(r => new KnowledgeRootInfo(r.Name, r.Path, GitHead.Commit(r.Path)))],
            IndexPath = _index.Path,
            IndexedAt = state.IndexedAt,
            Documents = entries.Count,
            Decisions = entries.Count(e => e.Kind == DocumentKind.Decision),
            Standards = entries.Count(e => e.Kind == DocumentKind.Standard),
            Rules = entries.Sum(e => e.Rules.Count),
            References = entries.Count(e => e.Kind == DocumentKind.Reference),
            Errors = state.LoadFindings.Count(f => f.Severity == FindingSeverity.Error),
            Ready = state.Loaded,
            Behind = _behind,
        };
    }
}
