using ArchMcp.Core.Checklists;
using ArchMcp.Core.Indexing;
using ArchMcp.Core.Lint;
using ArchMcp.Core.Model;
using ArchMcp.Core.Search;
using ArchMcp.Search;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArchMcp.Core;

/// <summary>
/// The knowledge engine behind every adapter: composes the index's life cycle (<c>KnowledgeService.Startup.cs</c>,
/// <c>KnowledgeService.Refresh.cs</c>), the search orchestrator and the retriever (<c>KnowledgeService.Search.cs</c>,
/// <c>KnowledgeService.Retrieval.cs</c>), the catalog lookups (<see cref="KnowledgeLookup"/>), the file reader
/// (<see cref="RootFileReader"/>) and the checklist engine (<see cref="ChecklistEngine"/>). Queries run against an
/// immutable <see cref="KnowledgeState"/> snapshot that a refresh swaps atomically.
/// </summary>
public sealed partial class KnowledgeService : IKnowledgeService, IKnowledgeIndexer, IKnowledgeRetriever, IDisposable
{
    private readonly KnowledgeOptions _options;
    private readonly ILogger<KnowledgeService> _logger;
    private readonly IReadOnlyList<KnowledgeRoot> _roots;
    // problems with the roots' own settings files (synonyms), reported by lint with the files' findings
    private readonly List<Finding> _settingsFindings = [];
    private readonly ISearchIndex _index;
    private readonly RootFileReader _files;
    private readonly KnowledgeLookup _lookup;
    private readonly ChecklistEngine _checklists;
    private volatile KnowledgeState _state = KnowledgeState.Empty;

    /// <summary>Resolves the roots and the index folder; nothing is read until the first call.</summary>
    public KnowledgeService(IOptions<KnowledgeOptions> options, ILogger<KnowledgeService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        _roots = KnowledgeRoots.Resolve(_options.Roots);
        // the roots' own synonyms extend the index's vocabulary of queries
        var synonymLines = Synonyms.ReadRootFiles(_roots, _settingsFindings);
        _index = OpenIndex(IndexLocation.Resolve(_options, _roots), synonymLines);
        _files = new RootFileReader(_roots, _options.MaxFileBytes);
        _lookup = new KnowledgeLookup(_files);
        // the checklist engine ranks through this engine's retriever (FindRules, FindDecisions, InForce)
        _checklists = new ChecklistEngine(this);
    }

    /// <summary>Opens the search index; a path that cannot be an index folder is an <see cref="IndexUnavailableException"/>.</summary>
    private static ISearchIndex OpenIndex(string path, IEnumerable<string> synonymLines)
    {
        try
        {
            return SearchIndexes.Open(path, synonymLines);
        }
        catch (SearchIndexPathException ex)
        {
            throw new IndexUnavailableException(ex.Message, ex.InnerException);
        }
    }

    /// <inheritdoc/>
    public event EventHandler<KnowledgeChangedEventArgs>? Changed;

    /// <summary>The knowledge roots, resolved and uniquely named.</summary>
    public IReadOnlyList<KnowledgeRoot> Roots => _roots;

    /// <summary>The index folder in use.</summary>
    public string IndexPath => _index.Path;

    /// <inheritdoc/>
    public async Task<DecisionView> GetDecisionAsync(GetDecisionRequest request, CancellationToken cancellationToken = default)
    {
        KnowledgeLookup.Validate(request);
        var catalog = (await ReadyAsync(cancellationToken).ConfigureAwait(false)).Catalog;
        return _lookup.GetDecision(catalog, request);
    }

    /// <inheritdoc/>
    public async Task<DecisionPage> ListDecisionsAsync(DecisionQuery query, CancellationToken cancellationToken = default)
    {
        KnowledgeLookup.Validate(query);
        var catalog = (await ReadyAsync(cancellationToken).ConfigureAwait(false)).Catalog;
        return KnowledgeLookup.ListDecisions(catalog, query);
    }

    /// <inheritdoc/>
    public async Task<RuleLookup> GetRuleAsync(string id, string? root = null, CancellationToken cancellationToken = default)
    {
        KnowledgeLookup.ValidateRuleId(id);
        var catalog = (await ReadyAsync(cancellationToken).ConfigureAwait(false)).Catalog;
        return _lookup.GetRule(catalog, id, root);
    }

    /// <inheritdoc/>
    public async Task<DocumentView> GetDocumentAsync(DocumentKind kind, string id, CancellationToken cancellationToken = default)
    {
        var catalog = (await ReadyAsync(cancellationToken).ConfigureAwait(false)).Catalog;
        return _lookup.GetDocument(catalog, kind, id);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<DocumentView>> ListDocumentsAsync(CancellationToken cancellationToken = default) =>
        KnowledgeLookup.ListDocuments((await ReadyAsync(cancellationToken).ConfigureAwait(false)).Catalog);

    /// <inheritdoc/>
    public async Task<IndexInfo> GetIndexInfoAsync(CancellationToken cancellationToken = default) =>
        BuildInfo(await ReadyAsync(cancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public IReadOnlyList<string> CompleteIds(CompletionTarget target, string prefix, int limit = 100) =>
        KnowledgeLookup.CompleteIds(_state.Catalog, target, prefix, limit);

    /// <inheritdoc/>
    public async Task<LintReport> LintAsync(CancellationToken cancellationToken = default)
    {
        var state = await ReadyAsync(cancellationToken).ConfigureAwait(false);
        return KnowledgeLinter.Lint(state.Catalog, state.LoadFindings);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        StopIndexing();
        _index.Dispose();
        _refreshGate.Dispose();
    }
}
