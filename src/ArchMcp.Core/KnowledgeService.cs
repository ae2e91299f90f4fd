using ArchMcp.Core.Catalog;
using ArchMcp.Core.Changes;
using ArchMcp.Core.Checklists;
using ArchMcp.Core.Export;
using ArchMcp.Core.Indexing;
using ArchMcp.Core.Model;
using ArchMcp.Core.Search;
using ArchMcp.Search;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArchMcp.Core;

/// <summary>
/// The knowledge engine behind every adapter, as a thin facade over the parts that do the work: the indexer (refresh,
/// verification, watcher, lock: <see cref="KnowledgeIndexer"/>), the search orchestrator (<see cref="SearchOrchestrator"/>),
/// the checklist engine with its retriever (<see cref="ChecklistEngine"/>, <see cref="ChecklistRetriever"/>), the
/// catalog lookups (<see cref="KnowledgeLookup"/>) and the file reader (<see cref="RootFileReader"/>). Queries run
/// against an immutable <see cref="KnowledgeState"/> snapshot that a refresh swaps atomically.
/// </summary>
public sealed class KnowledgeService : IKnowledgeService, IKnowledgeIndexer, IDisposable
{
    private readonly IReadOnlyList<KnowledgeRoot> _roots;
    private readonly ISearchIndex _index;
    private readonly KnowledgeIndexer _indexer;
    private readonly SearchOrchestrator _search;
    private readonly KnowledgeLookup _lookup;
    private readonly RootFileReader _files;
    private readonly ChecklistEngine _checklists;
    private readonly FileScopes _scopes;
    private readonly GoverningScopes _governing;
    private readonly KnowledgeHistory _history;
    private readonly StatusHistoryReader _statusHistory;
    private readonly FileProvenance _provenance;
    private bool _disposed;

    /// <summary>Resolves the roots and the index folder; nothing is read until the first call.</summary>
    public KnowledgeService(IOptions<KnowledgeOptions> options, ILogger<KnowledgeService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _roots = KnowledgeRoots.Resolve(settings.Roots);
        // the roots' own synonyms extend the index's vocabulary of queries; problems with them are reported by lint
        var settingsFindings = new List<Finding>();
        var synonymLines = Synonyms.ReadRootFiles(_roots, settingsFindings);
        _index = OpenIndex(IndexLocation.Resolve(settings, _roots), synonymLines);
        _indexer = new KnowledgeIndexer(settings, _roots, settingsFindings, _index, logger);
        var files = _files = new RootFileReader(_roots, settings.MaxFileBytes);
        _search = new SearchOrchestrator(_indexer, _index, files, settings.CacheAnswers);
        _lookup = new KnowledgeLookup(files);
        Retriever = new ChecklistRetriever(_indexer, _index, files);
        // a document's declared scope is read from the front matter of the file in its root, a quote's line from its text
        _scopes = new FileScopes(root => _roots.FirstOrDefault(r => r.Name == root)?.Path);
        _checklists = new ChecklistEngine(Retriever, files: _scopes);
        _governing = new GoverningScopes(_scopes, files, _index);
        _history = new KnowledgeHistory(_roots, settings.MaxFileBytes);
        _statusHistory = new StatusHistoryReader(settings.MaxFileBytes);
        _provenance = new FileProvenance(_roots);
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
    public event EventHandler<KnowledgeChangedEventArgs>? Changed
    {
        add => _indexer.Changed += value;
        remove => _indexer.Changed -= value;
    }

    /// <summary>The knowledge roots, resolved and uniquely named.</summary>
    internal IReadOnlyList<KnowledgeRoot> Roots => _roots;

    /// <summary>The index folder in use.</summary>
    public string IndexPath => _index.Path;

    /// <summary>The checklist engine's retriever over this engine's index (also registered for hosts that build their own engine).</summary>
    internal IKnowledgeRetriever Retriever { get; }

    /// <inheritdoc/>
    public bool HasIndex => _indexer.HasIndex;

    /// <inheritdoc/>
    public string? Behind => _indexer.Behind;

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken = default) => _indexer.StartAsync(cancellationToken);

    /// <inheritdoc/>
    public Task<string?> VerifyAsync(CancellationToken cancellationToken = default) => _indexer.VerifyAsync(cancellationToken);

    /// <inheritdoc/>
    public Task<IndexInfo> RefreshAsync(IProgress<IndexProgress>? progress = null, CancellationToken cancellationToken = default) =>
        _indexer.RefreshAsync(progress, cancellationToken);

    /// <inheritdoc/>
    public async Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _search.SearchAsync(request, cancellationToken).ConfigureAwait(false);
        var state = await _indexer.ReadyAsync(cancellationToken).ConfigureAwait(false);
        var provenance = await _provenance.LookupAsync(state.Generation, cancellationToken).ConfigureAwait(false);
        return result with
        {
            Hits = [.. result.Hits.Select(h => provenance(h.Root, h.Path) is { } p ? h with { Changed = p.Changed, Commit = p.Commit } : h)],
        };
    }

    /// <inheritdoc/>
    public async Task<ChecklistResult> DesignChecklistAsync(ChecklistRequest request, CancellationToken cancellationToken = default)
    {
        ValidateDesign(request);
        await _indexer.ReadyAsync(cancellationToken).ConfigureAwait(false);
        var checklist = _checklists.Checklist(request, cancellationToken);
        // covered when the files of the first items hold enough of the design's words (AnswerCoverage)
        var catalog = _indexer.State.Catalog;
        var answer = checklist.Items.Take(AnswerCoverage.ChecklistItems).Select(i => catalog.Find(i.Root, i.Path)).OfType<CatalogEntry>().Distinct().Select(_files.ReadOrEmpty);
        var coverage = AnswerCoverage.Of(_index, request.Design, string.Join('\n', answer));
        return checklist with { Covered = checklist.Items.Count > 0 && coverage >= AnswerCoverage.Floor, Coverage = coverage };
    }

    /// <inheritdoc/>
    public async Task<ReviewResult> ReviewDesignAsync(ChecklistRequest request, CancellationToken cancellationToken = default)
    {
        ValidateDesign(request);
        await _indexer.ReadyAsync(cancellationToken).ConfigureAwait(false);
        return _checklists.Review(request, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<ChangeReviewResult> ReviewChangeAsync(ChangeReviewRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Diff))
        {
            throw new InvalidQueryException("The diff is empty. Pass the output of git diff (e.g. git diff origin/main...HEAD).");
        }

        if (request.Diff.Length > ToolContract.MaxDesignChars)
        {
            throw new InvalidQueryException($"'diff' is {request.Diff.Length} characters long; the limit is {ToolContract.MaxDesignChars}. Review the change in parts (git diff -- PATH...).");
        }

        var files = UnifiedDiff.Parse(request.Diff);
        var state = await _indexer.ReadyAsync(cancellationToken).ConfigureAwait(false);
        return ChangeReviewer.Review(files, state.Catalog, e => _governing.Of(state, e), (design, read) => _checklists.Review(design, read, cancellationToken), request.Root, cancellationToken);
    }

    private static void ValidateDesign(ChecklistRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Design))
        {
            throw new InvalidQueryException("The design is empty. Pass a topic (\"API pagination\") or the design text.");
        }

        if (request.Design.Length > ToolContract.MaxDesignChars)
        {
            throw new InvalidQueryException($"'design' is {request.Design.Length} characters long; the limit is {ToolContract.MaxDesignChars}. Review the design in parts, or pass its summary.");
        }

        if (request.Limit is < 1 or > ToolContract.ChecklistLimitMax)
        {
            throw new InvalidQueryException($"'limit' must be between 1 and {ToolContract.ChecklistLimitMax} (got {request.Limit}).");
        }
    }

    /// <inheritdoc/>
    public async Task<DecisionView> GetDecisionAsync(GetDecisionRequest request, CancellationToken cancellationToken = default)
    {
        KnowledgeLookup.Validate(request);
        var state = await _indexer.ReadyAsync(cancellationToken).ConfigureAwait(false);
        var view = _lookup.GetDecision(state.Catalog, request);
        var provenance = (await _provenance.LookupAsync(state.Generation, cancellationToken).ConfigureAwait(false))(view.Root, view.Path);
        var scope = state.Catalog.Find(view.Root, view.Path) is { } entry ? _governing.Of(state, entry)?.Summary() : null;
        return view with { Changed = provenance?.Changed, Commit = provenance?.Commit, Scope = scope };
    }

    /// <inheritdoc/>
    public async Task<DecisionPage> ListDecisionsAsync(DecisionQuery query, CancellationToken cancellationToken = default)
    {
        KnowledgeLookup.Validate(query);
        var catalog = (await _indexer.ReadyAsync(cancellationToken).ConfigureAwait(false)).Catalog;
        return KnowledgeLookup.ListDecisions(catalog, query);
    }

    /// <inheritdoc/>
    public async Task<RuleLookup> GetRuleAsync(string id, string? root = null, CancellationToken cancellationToken = default)
    {
        KnowledgeLookup.ValidateRuleId(id);
        var state = await _indexer.ReadyAsync(cancellationToken).ConfigureAwait(false);
        var lookup = _lookup.GetRule(state.Catalog, id, root);
        var provenance = await _provenance.LookupAsync(state.Generation, cancellationToken).ConfigureAwait(false);
        return lookup switch
        {
            { Rule: { } rule } when provenance(rule.Root, rule.Path) is { } p => lookup with { Rule = rule with { Changed = p.Changed, Commit = p.Commit } },
            { Standard: { } standard } when provenance(standard.Root, standard.Path) is { } p => lookup with { Standard = standard with { Changed = p.Changed, Commit = p.Commit } },
            _ => lookup,
        };
    }

    /// <inheritdoc/>
    public Task<ChangesResult> RecentChangesAsync(ChangesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _history.SinceAsync(RequestArguments.Changes(request.Since, request.Root, request.Limit), cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<StatusHistory> GetStatusHistoryAsync(string reference, CancellationToken cancellationToken = default)
    {
        var request = new GetDecisionRequest { Reference = reference };
        KnowledgeLookup.Validate(request);
        var state = await _indexer.ReadyAsync(cancellationToken).ConfigureAwait(false);
        var decision = _lookup.GetDecision(state.Catalog, request);
        var root = _roots.First(r => r.Name == decision.Root);
        var stamp = await _provenance.StampAsync(state.Generation).ConfigureAwait(false);
        return await _statusHistory.StatusHistoryAsync(stamp, root, decision.Path, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<RuleFile>> AssistantRuleFilesAsync(AssistantTarget target, CancellationToken cancellationToken = default)
    {
        var catalog = (await _indexer.ReadyAsync(cancellationToken).ConfigureAwait(false)).Catalog;
        return AssistantRules.Files(catalog, entry => _scopes.Of(entry.Root, entry.Path), target);
    }

    /// <inheritdoc/>
    public async Task<DocumentView> GetDocumentAsync(DocumentKind kind, string id, CancellationToken cancellationToken = default)
    {
        var catalog = (await _indexer.ReadyAsync(cancellationToken).ConfigureAwait(false)).Catalog;
        return _lookup.GetDocument(catalog, kind, id);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<DocumentView>> ListDocumentsAsync(CancellationToken cancellationToken = default) =>
        KnowledgeLookup.ListDocuments((await _indexer.ReadyAsync(cancellationToken).ConfigureAwait(false)).Catalog);

    /// <inheritdoc/>
    public async Task<IndexInfo> GetIndexInfoAsync(CancellationToken cancellationToken = default) =>
        _indexer.BuildInfo(await _indexer.ReadyAsync(cancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public IReadOnlyList<string> CompleteIds(CompletionTarget target, string prefix, int limit = 100) =>
        KnowledgeLookup.CompleteIds(_indexer.State.Catalog, target, prefix, limit);

    /// <inheritdoc/>
    public async Task<LintReport> LintAsync(CancellationToken cancellationToken = default)
    {
        return (await _indexer.ReadyAsync(cancellationToken).ConfigureAwait(false)).Lint;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _indexer.Dispose();
        _index.Dispose();
    }
}
