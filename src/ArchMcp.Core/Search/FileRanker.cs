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
        var fileClauses = queries.Clauses(FileFields);
        if (fileClauses.Count == 0)
        {
            return [];
        }

        var fileScores = FilePass.Top(searcher, fileClauses, filter, Math.Max(limit * 2, MinCandidates));
        if (fileScores.Count == 0)
        {
            return [];
        }

        // A section's words are words of its file, so the files that can have a matching section are the file-level
        // candidates: the section pass visits only their entries instead of every section in the index.
        var bestSection = BestSections(searcher, queries.Clauses(SectionFields), queries.WordPairs(SectionFields, IndexFields.SectionText), fileScores);

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
    /// The best-scoring section of each candidate file, scored as Lucene scores the section query (the clauses, then the
    /// word pairs) on them. Only the candidates' entries are visited: each term's postings, and each word pair's
    /// positions (<see cref="WordPairs"/>), are moved from one candidate entry to the next, so the word pairs of other
    /// files are never tested.
    /// </summary>
    private static Dictionary<string, (float Score, int Doc)> BestSections(
        IndexSearcher searcher, List<TermClause> clauses, List<WordPair> pairs, List<(string Key, float Score, int Doc)> files)
    {
        var result = new Dictionary<string, (float Score, int Doc)>(StringComparer.Ordinal);
        if (clauses.Count == 0 && pairs.Count == 0)
        {
            return result;
        }

        var similarity = searcher.Similarity;
        var weights = TermScoring.Weights(searcher, clauses);
        var pairWeights = pairs.Select(p => WordPairs.Weight(searcher, p)).ToList();
        var best = new (float Score, int Doc)[files.Count];
        var leaves = searcher.IndexReader.Leaves;
        // each file is in one segment: the segments write to different places of best
        var bySegment = Enumerable.Range(0, files.Count).GroupBy(f => ReaderUtil.SubIndex(files[f].Doc, leaves)).ToList();
        Segments.ForEach(bySegment, inLeaf => leaves[inLeaf.Key].AtomicReader, inLeaf =>
        {
            var leaf = leaves[inLeaf.Key];
            var entries = Entries(leaf, inLeaf.Select(f => (files[f].Doc - leaf.DocBase, f)));
            using var sums = ClauseSums.Rent(entries.Count);
            TermScoring.AddClauses(leaf, null, clauses, weights, sums, (postings, term, weight) =>
            {
                if (postings.Of(term) is not { } docs)
                {
                    return;
                }

                var scorer = similarity.GetSimScorer(weight, leaf);
                var doc = -1;
                for (var i = 0; i < entries.Count; i++)
                {
                    var target = entries[i].Doc;
                    if (doc < target)
                    {
                        doc = docs.Advance(target);
                    }

                    if (doc == DocIdSetIterator.NO_MORE_DOCS)
                    {
                        break;
                    }

                    if (doc == target)
                    {
                        sums.AddTerm(i, scorer.Score(doc, docs.Freq));
                    }
                }
            });

            var readers = new WordPairs.Readers(leaf);
            var entryDocs = entries.Select(e => e.Doc).ToList();
            for (var p = 0; p < pairs.Count; p++)
            {
                sums.NextClause();
                sums.NextField(onePerSlot: true);
                WordPairs.Score(readers, pairs[p], similarity.GetSimScorer(pairWeights[p], leaf), entryDocs, sums.AddTerm);
                sums.EndField();
                sums.EndClause(0f);
            }

            foreach (var slot in sums.Slots)
            {
                var score = sums.ScoreOf(slot);
                var (doc, f) = entries[slot];
                // ties: the earlier entry, as a search would rank them
                if (score > best[f].Score || (score == best[f].Score && score > 0 && leaf.DocBase + doc < best[f].Doc))
                {
                    best[f] = (score, leaf.DocBase + doc);
                }
            }
        });

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
    /// A file's entries are indexed together as one block that starts with its file entry: they run up to the next
    /// file entry of the segment.
    /// </summary>
    private static List<(int Doc, int File)> Entries(AtomicReaderContext leaf, IEnumerable<(int Doc, int File)> files)
    {
        var segment = SegmentFiles.Of(leaf.AtomicReader);
        var live = leaf.AtomicReader.LiveDocs;
        // files in document order make their entries in document order
        var blocks = files.OrderBy(f => f.Doc).Select(f =>
        {
            var slot = segment.Slots.Of(f.Doc);
            return (f.Doc, End: slot + 1 < segment.Docs.Length ? segment.Docs[slot + 1] : leaf.AtomicReader.MaxDoc, f.File);
        }).ToList();
        var entries = new List<(int Doc, int File)>(blocks.Sum(b => b.End - b.Doc));
        foreach (var (doc, end, file) in blocks)
        {
            for (var d = doc; d < end; d++)
            {
                if (live is null || live.Get(d))
                {
                    entries.Add((d, file));
                }
            }
        }

        return entries;
    }
}
