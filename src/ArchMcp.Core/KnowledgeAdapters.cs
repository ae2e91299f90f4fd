using ArchMcp.Core.Evaluation;
using ArchMcp.Core.Model;
using ArchMcp.Core.Templates;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ArchMcp.Core;

/// <summary>
/// The knowledge service seen through the narrow interfaces that templates and evaluation declare for themselves
/// (<see cref="IDecisionLog"/>, <see cref="IEvalTarget"/>): those folders depend on their own interfaces, and only
/// this facade layer knows the service.
/// </summary>
public static class KnowledgeAdapters
{
    /// <summary>The service as the decision log a new ADR draft is planned from.</summary>
    public static IDecisionLog AsDecisionLog(this IKnowledgeService knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        return new DecisionLog(knowledge);
    }

    /// <summary>Opens a fresh engine over one corpus, indexing into its own folder: the factory `archmcp eval` uses.</summary>
    public static IEvalTarget OpenEvalTarget(string name, string path, string indexPath) =>
        new EvalTarget(new KnowledgeService(
            Options.Create(new KnowledgeOptions { Roots = [$"{name}={path}"], IndexPath = indexPath }),
            NullLogger<KnowledgeService>.Instance));

    private sealed class DecisionLog(IKnowledgeService knowledge) : IDecisionLog
    {
        public Task<IndexInfo> GetIndexInfoAsync(CancellationToken cancellationToken = default) =>
            knowledge.GetIndexInfoAsync(cancellationToken);

        public Task<DecisionPage> ListDecisionsAsync(DecisionQuery query, CancellationToken cancellationToken = default) =>
            knowledge.ListDecisionsAsync(query, cancellationToken);

        public Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default) =>
            knowledge.SearchAsync(request, cancellationToken);
    }

    private sealed class EvalTarget(KnowledgeService service) : IEvalTarget
    {
        public Task IndexAsync(CancellationToken cancellationToken) => service.RefreshAsync(null, cancellationToken);

        public Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken) =>
            service.SearchAsync(request, cancellationToken);

        public Task<ChecklistResult> DesignChecklistAsync(ChecklistRequest request, CancellationToken cancellationToken) =>
            service.DesignChecklistAsync(request, cancellationToken);

        public void Dispose() => service.Dispose();
    }
}
