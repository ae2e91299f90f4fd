using ArchMcp.Core.Indexing;
using Lucene.Net.Search;

namespace ArchMcp.Core.Search;

/// <summary>Rule search: the rule entries that best match a text, ranked by Lucene over the rule fields.</summary>
public static class RuleRanker
{
    /// <summary>The fields of a rule search and their weights.</summary>
    public static readonly IReadOnlyList<WeightedField> Fields =
    [
        new(IndexFields.RuleStatement, 2f),
        new(IndexFields.RuleText, 1f),
        new(IndexFields.RuleContext, 0.5f),
    ];

    /// <summary>
    /// The <paramref name="top"/> best rule entries for <paramref name="terms"/> among those <paramref name="filter"/>
    /// (if any) matches, best first (ties: the earlier entry). Rule fields exist only on rule entries.
    /// </summary>
    public static ScoreDoc[] Top(IndexSearcher searcher, IReadOnlyList<string> terms, Query? filter, int top)
    {
        if (QueryFactory.Prepare(searcher.IndexReader, terms).Build(Fields) is not { } query)
        {
            return [];
        }

        return searcher.Search(query, filter is null ? null : new QueryWrapperFilter(filter), top).ScoreDocs;
    }
}
