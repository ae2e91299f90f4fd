using ArchMcp.Core.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace ArchMcp.Core.Search;

/// <summary>
/// The file-level pass: the best-scoring file entries for the clauses of <see cref="QueryTerms.Clauses"/> — the scores
/// Lucene gives their <see cref="TermClause.ToQuery"/> clauses summed, computed the cheapest way. This pass reads most
/// of a search's postings (every file that has any of the words), so each segment is scored term by term straight from
/// the postings into per-file arrays (<see cref="TermScoring"/>), where Lucene's scorers merge the postings through
/// heaps.
/// </summary>
public static class FilePass
{
    /// <summary>The <paramref name="top"/> best file entries (ties: the earlier entry), best first.</summary>
    public static List<(string Key, float Score, int Doc)> Top(IndexSearcher searcher, IReadOnlyList<TermClause> clauses, Query? filter, int top)
    {
        var similarity = searcher.Similarity;
        var weights = TermScoring.Weights(searcher, clauses);
        var inFilter = filter is null ? null : searcher.CreateNormalizedWeight(filter);
        // each segment keeps its own best, merged after: the best of all are among them
        var leaves = searcher.IndexReader.Leaves.ToList();
        var bestOf = new List<(int Doc, float Score)>?[leaves.Count];
        Segments.ForEach(leaves, leaf => leaf.AtomicReader, leaf =>
        {
            var accept = TermScoring.Accepted(leaf, inFilter, out var none);
            if (none)
            {
                return;
            }

            var files = SegmentFiles.Of(leaf.AtomicReader);
            ulong[]? accepted = null; // the accepted files' slots, when a decoded term needs them
            using var sums = ClauseSums.Rent(files.Docs.Length);
            TermScoring.AddClauses(leaf, accept, clauses, weights, sums, (postings, term, weight) =>
            {
                if (weight is Bm25.TermWeight bm25 && files.NormsOf(leaf.AtomicReader, bm25.Field) is { } norms)
                {
                    if (term.Kept && DecodedPostings.Of(leaf, term, files) is { } decoded)
                    {
                        if (accept is not null)
                        {
                            accepted ??= files.AcceptedSlots(accept, isLiveDocs: inFilter is null);
                        }

                        Add(decoded, accepted, bm25, norms, sums);
                    }
                    else if (postings.Of(term) is { } docs)
                    {
                        Add(docs, bm25, norms, files.Slots, sums);
                    }
                }
                else if (postings.Of(term) is { } docs)
                {
                    Add(docs, similarity.GetSimScorer(weight, leaf), files.Slots, sums);
                }
            });

            var inLeaf = new BestEntries(top);
            foreach (var slot in sums.Slots)
            {
                inLeaf.Offer(sums.ScoreOf(slot), leaf.DocBase + files.Docs[slot]);
            }

            bestOf[leaf.Ord] = inLeaf.BestFirst();
        });

        var best = new BestEntries(top);
        foreach (var (doc, score) in bestOf.SelectMany(b => b ?? []))
        {
            best.Offer(score, doc);
        }

        return Keys(best.BestFirst(), searcher.IndexReader.Leaves);
    }

    /// <summary>A term's postings scored as its BM25 scorer would, with each file's length byte read from <paramref name="norms"/> by slot.</summary>
    private static void Add(DocsEnum docs, Bm25.TermWeight weight, byte[] norms, FileSlots slots, ClauseSums sums)
    {
        var weightValue = weight.WeightValue;
        var factors = weight.LengthFactors;
        for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
        {
            if (slots.Of(doc) is var slot and >= 0)
            {
                sums.AddTerm(slot, Bm25.Score(weightValue, docs.Freq, factors[norms[slot]]));
            }
        }
    }

    /// <summary>
    /// The same for a term's <see cref="DecodedPostings"/>, whose files outside <paramref name="accepted"/> (a bit per
    /// slot; null: all) are skipped here.
    /// </summary>
    private static void Add(uint[] decoded, ulong[]? accepted, Bm25.TermWeight weight, byte[] norms, ClauseSums sums)
    {
        var weightValue = weight.WeightValue;
        var factors = weight.LengthFactors;
        foreach (var posting in decoded)
        {
            var slot = (int)(posting >> 8);
            if (accepted is null || (accepted[slot >> 6] & (1UL << slot)) != 0)
            {
                sums.AddTerm(slot, Bm25.Score(weightValue, posting & 0xFF, factors[norms[slot]]));
            }
        }
    }

    private static void Add(DocsEnum docs, Similarity.SimScorer scorer, FileSlots slots, ClauseSums sums)
    {
        for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
        {
            if (slots.Of(doc) is var slot and >= 0)
            {
                sums.AddTerm(slot, scorer.Score(doc, docs.Freq));
            }
        }
    }

    /// <summary>The kept entries' file keys (<see cref="SegmentFiles.KeyOf"/>).</summary>
    private static List<(string Key, float Score, int Doc)> Keys(List<(int Doc, float Score)> best, IList<AtomicReaderContext> leaves)
    {
        var result = new List<(string Key, float Score, int Doc)>(best.Count);
        foreach (var entry in best)
        {
            var leaf = leaves[ReaderUtil.SubIndex(entry.Doc, leaves)];
            var files = SegmentFiles.Of(leaf.AtomicReader);
            if (files.KeyOf(leaf.AtomicReader, files.Slots.Of(entry.Doc - leaf.DocBase)) is { } key)
            {
                result.Add((key, entry.Score, entry.Doc));
            }
        }

        return result;
    }
}
