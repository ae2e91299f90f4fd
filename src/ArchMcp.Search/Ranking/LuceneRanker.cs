using Lucene.Net.Index;
using Lucene.Net.Search;

namespace ArchMcp.Search;

/// <summary><see cref="IRanker"/> on one searcher: turns the Lucene-free filters into queries and reads the hits' stored fields.</summary>
internal sealed class LuceneRanker(IndexSearcher searcher) : IRanker
{
    public IReadOnlyList<FileHit> RankFiles(IReadOnlyList<string> terms, SearchFilter? filter, int limit) =>
        FileRanker.Rank(searcher, terms, filter is null ? null : Filter(filter), limit);

    public SectionMatch? ReadSection(FileHit? hit) => FileRanker.ReadSection(searcher, hit);

    public IReadOnlyList<RuleHit> RankRules(IReadOnlyList<string> terms, string? root, int limit)
    {
        // rule entries carry only their file's key, which starts with the root's name
        var inRoot = root is null ? null : new PrefixQuery(new Term(IndexFields.Key, IndexKey.Of(root, "")));
        var result = new List<RuleHit>();
        foreach (var hit in RuleRanker.Top(searcher, terms, inRoot, limit))
        {
            var d = searcher.Doc(hit.Doc);
            result.Add(new RuleHit(d.Get(IndexFields.Key), d.GetField(IndexFields.Ordinal)?.GetInt32Value() ?? -1, d.Get(IndexFields.RuleText) ?? "", hit.Score));
        }

        return result;
    }

    /// <summary>The filter's values as one query all of whose clauses must match; null when it has none.</summary>
    internal static Query? Filter(SearchFilter filter)
    {
        var clauses = new List<Query>();
        if (filter.Kind is { } kind)
        {
            clauses.Add(new TermQuery(new Term(IndexFields.Kind, kind)));
        }

        if (filter.Status is { } status)
        {
            clauses.Add(new TermQuery(new Term(IndexFields.Status, status)));
        }

        if (filter.Root is { } root)
        {
            clauses.Add(new TermQuery(new Term(IndexFields.Root, root)));
        }

        clauses.AddRange((filter.Tags ?? []).Select(t => new TermQuery(new Term(IndexFields.Tag, t.ToLowerInvariant()))));
        if (clauses.Count == 0)
        {
            return null;
        }

        var all = new BooleanQuery();
        foreach (var c in clauses)
        {
            all.Add(c, Occur.MUST);
        }

        return all;
    }
}
