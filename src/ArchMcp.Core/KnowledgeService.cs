using ArchMcp.Core.Model;
using ArchMcp.Core.Search;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArchMcp.Core;

/// <summary>The knowledge engine: owns the Lucene index and the decision catalog for the configured roots.</summary>
public sealed partial class KnowledgeService : IKnowledgeService, IKnowledgeRetriever, IDisposable
{
    private readonly KnowledgeOptions _options;
    private readonly ILogger<KnowledgeService> _logger;

    public KnowledgeService(IOptions<KnowledgeOptions> options, ILogger<KnowledgeService> logger)
    {
        _options = options.Value;
        _logger = logger;
    }

#pragma warning disable CS0067 // raised once refresh lands
    public event EventHandler<KnowledgeChangedEventArgs>? Changed;
#pragma warning restore CS0067

    public Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<DecisionView> GetDecisionAsync(GetDecisionRequest request, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<DecisionPage> ListDecisionsAsync(DecisionQuery query, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<RuleLookup> GetRuleAsync(string id, string? root = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<ChecklistResult> DesignChecklistAsync(ChecklistRequest request, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<ReviewResult> ReviewDesignAsync(ChecklistRequest request, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<DocumentView> GetDocumentAsync(DocumentKind kind, string id, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<IReadOnlyList<DocumentView>> ListDocumentsAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<IndexInfo> GetIndexInfoAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public IReadOnlyList<string> CompleteIds(CompletionTarget target, string prefix, int limit = 100) => throw new NotImplementedException();
    public Task<LintReport> LintAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<IndexInfo> RefreshAsync(IProgress<IndexProgress>? progress = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public IReadOnlyList<ScoredRule> FindRules(string text, int limit, string? root = null) => throw new NotImplementedException();
    public IReadOnlyList<ScoredDecision> FindDecisions(string text, int limit, string? root = null) => throw new NotImplementedException();
    public DecisionRecord InForce(DecisionRecord decision) => throw new NotImplementedException();

    public void Dispose()
    {
    }
}
