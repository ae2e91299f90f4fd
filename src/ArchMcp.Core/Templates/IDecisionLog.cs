using ArchMcp.Core.Model;

namespace ArchMcp.Core.Templates;

/// <summary>
/// What a new decision record is planned from: the roots, the decisions already in a root (for the next number and
/// the folder's conventions) and a search for related decisions. <see cref="AdrDraft"/> reads the knowledge through
/// this, so templates do not depend on the service that implements it.
/// </summary>
public interface IDecisionLog
{
    /// <summary>The roots (name, path) and what is indexed.</summary>
    Task<IndexInfo> GetIndexInfoAsync(CancellationToken cancellationToken = default);

    /// <summary>Decisions matching <paramref name="query"/>, one page.</summary>
    Task<DecisionPage> ListDecisionsAsync(DecisionQuery query, CancellationToken cancellationToken = default);

    /// <summary>Ranked search; a query that cannot be asked throws <see cref="InvalidQueryException"/>.</summary>
    Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default);
}
