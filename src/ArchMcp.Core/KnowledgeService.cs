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
    // snippets analyse the hits' sentences: the same words from one search to the next, filtered once per thread
    private readonly ArchAnalyzer _textAnalyzer = new(null, memoize: true);
    private readonly QueryFactory _queries;
    private readonly LuceneKnowledgeIndex _index;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private readonly object _startGate = new();
    private volatile KnowledgeState _state = KnowledgeState.Empty;
    private Task? _opening;
    private Task? _firstRefresh;
    private KnowledgeWatcher? _watcher;
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
            await _firstRefresh!.WaitAsync(ct).ConfigureAwait(false);
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
        catch (Exception ex) when (ex is IOException or Lucene.Net.Index.CorruptIndexException or InvalidOperationException)
        {
            _logger.LogWarning("The index at {Path} could not be opened ({Message}); it will be rebuilt.", _index.Path, ex.Message);
        }
    }

    private async Task RefreshQuietlyAsync(IReadOnlyCollection<string>? paths)
    {
        try
        {
            await RefreshCoreAsync(paths, null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogWarning("Re-indexing after a file change failed: {Message}", ex.Message);
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
