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
        var fileScores = Run(searcher, factory.Build(reader, terms, FileFields, proximityField: IndexFields.Body), IndexFields.TypeDoc, fileFilter, Math.Max(limit * 4, 100))
            .GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.Max(x => x.Score));
        var sections = Run(searcher, factory.Build(reader, terms, SectionFields, proximityField: IndexFields.SectionText), IndexFields.TypeSection, sectionFilter, Math.Max(limit * 20, 400));

        var bestSection = new Dictionary<string, (double Score, int Doc)>();
        foreach (var (key, score, doc) in sections)
        {
            if (!bestSection.TryGetValue(key, out var b) || score > b.Score)
            {
                bestSection[key] = (score, doc);
            }
        }

        var maxFile = fileScores.Count == 0 ? 1 : fileScores.Values.Max();
        var maxSection = bestSection.Count == 0 ? 1 : bestSection.Values.Max(v => v.Score);
        var keys = fileScores.Keys.Union(bestSection.Keys);
        var ranked = keys
            .Select(k => (Key: k, Score:
                FileWeight * (fileScores.TryGetValue(k, out var f) ? f / maxFile : 0) +
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
        var keys = new List<Term>();
        foreach (var sd in searcher.Search(files, Math.Max(1, searcher.IndexReader.MaxDoc)).ScoreDocs)
        {
            keys.Add(new Term(IndexFields.Key, searcher.Doc(sd.Doc, KeyOnly).Get(IndexFields.Key)));
        }

        return keys.Count == 0 ? new QueryWrapperFilter(new BooleanQuery()) : new Lucene.Net.Queries.TermsFilter(keys);
    }

    private static List<(string Key, double Score, int Doc)> Run(IndexSearcher searcher, Query? text, string type, Filter? filter, int n)
    {
        if (text is null)
        {
            return [];
        }

        var query = new BooleanQuery { { new TermQuery(new Term(IndexFields.Type, type)), Occur.MUST }, { text, Occur.MUST } };
        var top = searcher.Search(query, filter, n);
        var result = new List<(string, double, int)>(top.ScoreDocs.Length);
        foreach (var sd in top.ScoreDocs)
        {
            result.Add((searcher.Doc(sd.Doc, KeyOnly).Get(IndexFields.Key), sd.Score, sd.Doc));
        }

        return result;
    }

    private static readonly ISet<string> KeyOnly = new HashSet<string> { IndexFields.Key };
}
