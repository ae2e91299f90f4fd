using ArchMcp.Core.Catalog;
using ArchMcp.Core.Indexing;
using ArchMcp.Core.Model;
using ArchMcp.Core.Search;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArchMcp.Core;

/// <summary>
/// The knowledge engine: owns the on-disk Lucene index and the decision catalog for the configured roots.
/// Queries run against an immutable <see cref="KnowledgeState"/> snapshot that a refresh swaps atomically.
/// </summary>
public sealed partial class KnowledgeService : IKnowledgeService, IKnowledgeRetriever, IDisposable
{
    private readonly KnowledgeOptions _options;
    private readonly ILogger<KnowledgeService> _logger;
    private readonly IReadOnlyList<KnowledgeRoot> _roots;
    // Text is indexed as written (fast); synonyms and acronyms are expanded in both directions at query time.
    private readonly ArchAnalyzer _queryAnalyzer;
    // problems with the roots' own settings files (synonyms), reported by lint with the files' findings
    private readonly List<Finding> _settingsFindings = [];
    // snippets analyse the hits' sentences with the index's analysis (no synonyms)
    private readonly ArchAnalyzer _textAnalyzer = new(null);
    private readonly QueryFactory _queries;
    private readonly LuceneKnowledgeIndex _index;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private readonly object _startGate = new();
    private volatile KnowledgeState _state = KnowledgeState.Empty;
    private Task? _opening;
    private Task? _firstRefresh;
    private KnowledgeWatcher? _watcher;
    private volatile string? _behind;
    private int _failures;
    private int _behindReported;
    private Timer? _retry;
    private bool _disposed;

    public KnowledgeService(IOptions<KnowledgeOptions> options, ILogger<KnowledgeService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        _roots = KnowledgeRoots.Resolve(_options.Roots);
        _queryAnalyzer = new ArchAnalyzer(Synonyms.Build(Synonyms.ReadRootFiles(_roots, _settingsFindings)));
        _queries = new QueryFactory(_queryAnalyzer);
        _index = new LuceneKnowledgeIndex(IndexLocation.Resolve(_options, _roots));
    }

    public event EventHandler<KnowledgeChangedEventArgs>? Changed;

    public IReadOnlyList<KnowledgeRoot> Roots => _roots;

    /// <summary>The index folder in use.</summary>
    public string IndexPath => _index.Path;

    /// <summary>
    /// Makes sure there is something to answer from: the persisted index when one exists (a refresh then runs in the
    /// background when watching, or is awaited otherwise), else a first full index.
    /// </summary>
    private async Task<KnowledgeState> ReadyAsync(CancellationToken ct)
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

    /// <summary>Starts serving: opens the persisted index and begins catching up (and watching, when configured).</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => ReadyAsync(cancellationToken);

    /// <summary>True once there is an index to answer from: the persisted one, or the first refresh's.</summary>
    public bool HasIndex => _state.Loaded;

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

        _index.Dispose();
        _queryAnalyzer.Dispose();
        _textAnalyzer.Dispose();
        _refreshGate.Dispose();
    }
}
