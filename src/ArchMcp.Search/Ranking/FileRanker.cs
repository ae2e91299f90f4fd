using Lucene.Net.Index;
using Lucene.Net.Search;

namespace ArchMcp.Search;

/// <summary>
/// File-level ranking: BM25 over the whole file (title, ids, tags, headings, body) blended with the best single
/// section, so a long standard with one precise section competes fairly with a short record. Both passes are
/// Lucene searches of <see cref="QueryTerms.Build"/> queries.
/// </summary>
internal static class FileRanker
{
    /// <summary>The fields of the file-level pass.</summary>
    public static readonly IReadOnlyList<WeightedField> FileFields =
    [
        new(IndexFields.Title, 2f),
        new(IndexFields.Ids, 2f),
        new(IndexFields.Tags, 2f),
        new(IndexFields.Headings, 1f),
        new(IndexFields.Body, 1f),
    ];

    /// <summary>The fields of the section pass (word pairs are sought in <see cref="IndexFields.SectionText"/>).</summary>
    public static readonly IReadOnlyList<WeightedField> SectionFields =
    [
        new(IndexFields.SectionHeading, 1f),
        new(IndexFields.SectionText, 1f),
    ];

    public const double FileWeight = 0.5;
    public const double SectionWeight = 0.5;

    /// <summary>How many files the file-level pass hands to the section pass, at least.</summary>
    public const int MinCandidates = 60;

    /// <summary>
    /// The best <paramref name="limit"/> files for <paramref name="terms"/> among the file entries that
    /// <paramref name="filter"/> (if any) matches, best first; ties go to the key that sorts first.
    /// </summary>
    public static List<FileHit> Rank(IndexSearcher searcher, IReadOnlyList<string> terms, Query? filter, int limit)
    {
        var queries = QueryFactory.Prepare(searcher.IndexReader, terms);
        if (queries.Build(FileFields) is not { } fileQuery)
        {
            return [];
        }

        // file fields exist only on file entries, so every hit is a file
        var files = TopHits.ByKey(searcher, fileQuery, filter is null ? null : new QueryWrapperFilter(filter), Math.Max(limit * 2, MinCandidates));
        if (files.Count == 0)
        {
            return [];
        }

        // A section's words are words of its file, so the files that can have a matching section are the file-level
        // candidates: the section pass searches only their sections.
        var bestSection = queries.Build(SectionFields, IndexFields.SectionText) is { } sectionQuery
            ? BestSections(searcher, sectionQuery, [.. files.Select(f => f.Doc)])
            : [];

        var maxFile = files.Max(v => v.Score);
        var maxSection = bestSection.Count == 0 ? 1 : bestSection.Values.Max(v => v.Score);
        return files
            .Select(f => (f.Key, f.Doc, Score:
                FileWeight * (f.Score / maxFile) +
                SectionWeight * (bestSection.TryGetValue(f.Doc, out var s) ? s.Score / maxSection : 0)))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Key, StringComparer.Ordinal)
            .Take(limit)
            .Select(x => new FileHit(x.Key, x.Score, bestSection.TryGetValue(x.Doc, out var s) ? s.Doc : -1))
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

    /// <summary>The best-scoring section of each of the file entries <paramref name="fileDocs"/>, by file entry (ties: the earlier section).</summary>
    private static Dictionary<int, (float Score, int Doc)> BestSections(IndexSearcher searcher, Query sections, int[] fileDocs)
    {
        Array.Sort(fileDocs);
        // the candidates' entries lead and the query's postings skip to them: the sections of other files are never scored
        var collector = new BestPerFile(fileDocs);
        searcher.Search(new FilteredQuery(sections, new EntriesOfFiles(fileDocs), FilteredQuery.LEAP_FROG_FILTER_FIRST_STRATEGY), collector);
        return collector.Best;
    }

    /// <summary>
    /// Keeps the best-scoring entry of each file, the first one on a tie (documents come in order). An entry of the
    /// filter <see cref="EntriesOfFiles"/> belongs to the nearest file entry before it.
    /// </summary>
    private sealed class BestPerFile(int[] fileDocs) : ICollector
    {
        private Scorer? _scorer;
        private int _docBase;

        public Dictionary<int, (float Score, int Doc)> Best { get; } = [];

        public bool AcceptsDocsOutOfOrder => false;

        public void SetScorer(Scorer scorer) => _scorer = scorer;

        public void SetNextReader(AtomicReaderContext context) => _docBase = context.DocBase;

        public void Collect(int doc)
        {
            var entry = _docBase + doc;
            var at = Array.BinarySearch(fileDocs, entry);
            var file = fileDocs[(at < 0 ? ~at : at + 1) - 1];
            var score = _scorer!.GetScore();
            if (!Best.TryGetValue(file, out var best) || score > best.Score)
            {
                Best[file] = (score, entry);
            }
        }
    }
}
