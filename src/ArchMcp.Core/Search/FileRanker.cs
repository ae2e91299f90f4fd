using ArchMcp.Core.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace ArchMcp.Core.Search;

/// <summary>The best-matching section of a file: where its snippet and citation line come from.</summary>
public sealed record SectionMatch(string Heading, int Line, string Text);

public sealed record FileHit(string Key, double Score, SectionMatch? Best);

/// <summary>
/// File-level ranking: BM25 over the whole file (title, ids, tags, headings, body) blended with the best single
/// section, so a long standard with one precise section competes fairly with a short record.
/// </summary>
public static class FileRanker
{
    private static readonly WeightedField[] FileFields =
    [
        new(IndexFields.Title, 2f),
        new(IndexFields.Ids, 2f),
        new(IndexFields.Tags, 2f),
        new(IndexFields.Headings, 1f),
        new(IndexFields.Body, 1f),
    ];

    private static readonly WeightedField[] SectionFields =
    [
        new(IndexFields.SectionHeading, 1f),
        new(IndexFields.SectionText, 1f),
    ];

    public const double FileWeight = 0.5;
    public const double SectionWeight = 0.5;

    public static List<FileHit> Rank(IndexSearcher searcher, QueryFactory factory, IReadOnlyList<string> terms, Query? filter, int limit)
    {
        var reader = searcher.IndexReader;
        var fileFilter = filter is null ? null : new QueryWrapperFilter(filter);
        var sectionFilter = filter is null ? null : FilesMatching(searcher, filter);
        var fileScores = Run(searcher, factory.Build(reader, terms, FileFields, proximityField: IndexFields.Body), IndexFields.TypeDoc, fileFilter, Math.Max(limit * 4, 100));
        var bestSection = Run(searcher, factory.Build(reader, terms, SectionFields, proximityField: IndexFields.SectionText), IndexFields.TypeSection, sectionFilter, Math.Max(limit * 10, 200));

        var maxFile = fileScores.Count == 0 ? 1 : fileScores.Values.Max(v => v.Score);
        var maxSection = bestSection.Count == 0 ? 1 : bestSection.Values.Max(v => v.Score);
        var keys = fileScores.Keys.Union(bestSection.Keys);
        var ranked = keys
            .Select(k => (Key: k, Score:
                FileWeight * (fileScores.TryGetValue(k, out var f) ? f.Score / maxFile : 0) +
                SectionWeight * (bestSection.TryGetValue(k, out var s) ? s.Score / maxSection : 0)))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Key, StringComparer.Ordinal)
            .Take(limit)
            .ToList();

        return [.. ranked.Select(x => new FileHit(x.Key, x.Score, bestSection.TryGetValue(x.Key, out var s) ? ReadSection(searcher, s.Doc) : null))];
    }

    private static SectionMatch ReadSection(IndexSearcher searcher, int doc)
    {
        var d = searcher.Doc(doc);
        return new SectionMatch(d.Get(IndexFields.SectionHeading) ?? "", d.GetField(IndexFields.Line)?.GetInt32Value() ?? 1, d.Get(IndexFields.SectionText) ?? "");
    }

    /// <summary>Sections carry no status or tag fields: they are filtered through the files that pass the filter.</summary>
    private static Filter FilesMatching(IndexSearcher searcher, Query filter)
    {
        var files = new BooleanQuery { { new TermQuery(new Term(IndexFields.Type, IndexFields.TypeDoc)), Occur.MUST }, { filter, Occur.MUST } };
        var collector = new BestPerKeyCollector(int.MaxValue - 1);
        searcher.Search(new ConstantScoreQuery(files), collector);
        var keys = collector.Best.Keys.Select(k => new Term(IndexFields.Key, k)).ToList();
        return keys.Count == 0 ? new QueryWrapperFilter(new BooleanQuery()) : new Lucene.Net.Queries.TermsFilter(keys);
    }

    /// <summary>The best-scoring entry of each file among the entries of <paramref name="type"/> that match.</summary>
    private static IReadOnlyDictionary<string, (float Score, int Doc)> Run(IndexSearcher searcher, Query? text, string type, Filter? filter, int top)
    {
        if (text is null)
        {
            return new Dictionary<string, (float, int)>();
        }

        var query = new BooleanQuery { { new TermQuery(new Term(IndexFields.Type, type)), Occur.MUST }, { text, Occur.MUST } };
        var collector = new BestPerKeyCollector(top);
        searcher.Search(query, filter, collector);
        return collector.Best;
    }

}
