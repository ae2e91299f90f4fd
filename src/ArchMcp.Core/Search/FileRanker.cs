using ArchMcp.Core.Indexing;
using Lucene.Net.Index;
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

    public static List<FileHit> Rank(IndexSearcher searcher, IReadOnlyList<string> terms, Query? filter, int limit)
    {
        var queries = QueryFactory.Prepare(searcher.IndexReader, terms);
        var fileQuery = queries.Build(FileFields);
        if (fileQuery is null)
        {
            return [];
        }

        var fileScores = FilePass.Top(searcher, fileQuery, filter, Math.Max(limit * 2, MinCandidates));
        if (fileScores.Count == 0)
        {
            return [];
        }

        // A section's words are words of its file, so the files that can have a matching section are the file-level
        // candidates: the section pass visits only their entries instead of every section in the index.
        var sectionQuery = queries.Build(SectionFields, proximityField: IndexFields.SectionText);
        var bestSection = sectionQuery is null ? [] : BestSections(searcher, sectionQuery, fileScores);

        var maxFile = fileScores.Max(v => v.Score);
        var maxSection = bestSection.Count == 0 ? 1 : bestSection.Values.Max(v => v.Score);
        return fileScores
            .Select(f => (f.Key, Score:
                FileWeight * (f.Score / maxFile) +
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

    /// <summary>
    /// The best-scoring section of each candidate file. Only the candidates' entries are visited: each clause's scorer
    /// is moved to the next candidate entry, and the proximity clauses — which read positions to match — see only
    /// candidate entries (given as accepted documents), so they never test the word pairs of other files.
    /// </summary>
    private static Dictionary<string, (float Score, int Doc)> BestSections(IndexSearcher searcher, BooleanQuery query, List<(string Key, float Score, int Doc)> files)
    {
        var clauses = query.Clauses.Select(c => (Weight: searcher.CreateNormalizedWeight(c.Query), Positional: c.Query is PhraseQuery)).ToArray();
        var best = new (float Score, int Doc)[files.Count];
        var leaves = searcher.IndexReader.Leaves;
        var scorers = new Scorer?[clauses.Length];
        foreach (var inLeaf in Enumerable.Range(0, files.Count).GroupBy(f => ReaderUtil.SubIndex(files[f].Doc, leaves)))
        {
            var leaf = leaves[inLeaf.Key];
            var entries = FileEntries(leaf, inLeaf.Select(f => (files[f].Doc - leaf.DocBase, f)));
            using var candidates = new DocBits(leaf.AtomicReader.MaxDoc, entries.Select(e => e.Doc));
            for (var c = 0; c < clauses.Length; c++)
            {
                scorers[c] = clauses[c].Weight.GetScorer(leaf, clauses[c].Positional ? candidates : leaf.AtomicReader.LiveDocs);
            }

            foreach (var (doc, f) in entries)
            {
                // clause scores are summed in double, as the Boolean scorers do: the same score to the last bit
                var score = 0.0;
                foreach (var s in scorers)
                {
                    if (s is not null && (s.DocID < doc ? s.Advance(doc) : s.DocID) == doc)
                    {
                        score += s.GetScore();
                    }
                }

                if ((float)score > best[f].Score)
                {
                    best[f] = ((float)score, leaf.DocBase + doc);
                }
            }
        }

        var result = new Dictionary<string, (float Score, int Doc)>(StringComparer.Ordinal);
        for (var f = 0; f < files.Count; f++)
        {
            if (best[f].Score > 0)
            {
                result[files[f].Key] = best[f];
            }
        }

        return result;
    }

    /// <summary>
    /// The live entries (file, sections, rules) of the given files of a segment, in document order, each with its file.
    /// A file's entries are indexed together as one block, so they are the neighbours of its file entry that share its
    /// key: read from the field cache instead of looking each key up in the terms dictionary.
    /// </summary>
    private static List<(int Doc, int File)> FileEntries(AtomicReaderContext leaf, IEnumerable<(int Doc, int File)> files)
    {
        var keys = FieldCache.DEFAULT.GetTermsIndex(leaf.AtomicReader, IndexFields.Key);
        var live = leaf.AtomicReader.LiveDocs;
        var maxDoc = leaf.AtomicReader.MaxDoc;
        var entries = new List<(int Doc, int File)>();
        foreach (var (doc, file) in files)
        {
            var ord = keys.GetOrd(doc);
            var first = doc;
            while (first > 0 && keys.GetOrd(first - 1) == ord)
            {
                first--;
            }

            for (var d = first; d < maxDoc && keys.GetOrd(d) == ord; d++)
            {
                if (live is null || live.Get(d))
                {
                    entries.Add((d, file));
                }
            }
        }

        entries.Sort();
        return entries;
    }
}
