using ArchMcp.Core.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;

namespace ArchMcp.Core.Search;

/// <summary>The best-matching section of a file: where its snippet and citation line come from.</summary>
public sealed record SectionMatch(string Heading, int Line, string Text);

/// <summary>A ranked file and the index entry of its best section (-1 when no section matched).</summary>
public sealed record FileHit(string Key, double Score, int SectionDoc);

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

    /// <summary>How many files the file-level pass hands to the section pass, at least.</summary>
    public const int MinCandidates = 60;

    public static List<FileHit> Rank(IndexSearcher searcher, QueryFactory factory, IReadOnlyList<string> terms, Query? filter, int limit)
    {
        var reader = searcher.IndexReader;
        var fileQuery = factory.Build(reader, terms, FileFields);
        if (fileQuery is null)
        {
            return [];
        }

        var fileScores = Best(searcher, fileQuery, filter is null ? null : new QueryWrapperFilter(filter), Math.Max(limit * 2, MinCandidates));
        if (fileScores.Count == 0)
        {
            return [];
        }

        // A section's words are words of its file, so the files that can have a matching section are the file-level
        // candidates: the section pass visits only their entries instead of every section in the index.
        var sectionQuery = factory.Build(reader, terms, SectionFields, proximityField: IndexFields.SectionText);
        var bestSection = sectionQuery is null
            ? new Dictionary<string, (float Score, int Doc)>()
            : Best(searcher, new FilteredQuery(sectionQuery, new TermsFilter([.. fileScores.Keys.Select(k => new Term(IndexFields.Key, k))]), FilteredQuery.LEAP_FROG_FILTER_FIRST_STRATEGY), null, fileScores.Count);

        var maxFile = fileScores.Values.Max(v => v.Score);
        var maxSection = bestSection.Count == 0 ? 1 : bestSection.Values.Max(v => v.Score);
        return fileScores
            .Select(f => (f.Key, Score:
                FileWeight * (f.Value.Score / maxFile) +
                SectionWeight * (bestSection.TryGetValue(f.Key, out var s) ? s.Score / maxSection : 0)))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Key, StringComparer.Ordinal)
            .Take(limit)
            .Select(x => new FileHit(x.Key, x.Score, bestSection.TryGetValue(x.Key, out var s) ? s.Doc : -1))
            .ToList();
    }

    /// <summary>Reads the section entry a hit points at (on the searcher that ranked it).</summary>
    public static SectionMatch? ReadSection(IndexSearcher searcher, FileHit? hit)
    {
        if (hit is null || hit.SectionDoc < 0)
        {
            return null;
        }

        var d = searcher.Doc(hit.SectionDoc);
        return new SectionMatch(d.Get(IndexFields.SectionHeading) ?? "", d.GetField(IndexFields.Line)?.GetInt32Value() ?? 1, d.Get(IndexFields.SectionText) ?? "");
    }

    /// <summary>The best-scoring entry of each of the <paramref name="top"/> best files among the entries that match.</summary>
    private static IReadOnlyDictionary<string, (float Score, int Doc)> Best(IndexSearcher searcher, Query query, Filter? filter, int top)
    {
        var collector = new BestPerKeyCollector(top);
        searcher.Search(query, filter, collector);
        return collector.Best;
    }
}
