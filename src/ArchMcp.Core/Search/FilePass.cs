using ArchMcp.Core.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

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
        var best = new PriorityQueue<int, (float Score, int Doc)>(top + 1, WorstFirst.Instance);
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var accept = TermScoring.Accepted(leaf, inFilter, out var none);
            if (none)
            {
                continue;
            }

            var files = SegmentFiles.Of(leaf.AtomicReader);
            using var sums = ClauseSums.Rent(files.Docs.Length);
            TermScoring.AddClauses(leaf, accept, clauses, weights, similarity, sums, (docs, scorer) =>
            {
                for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
                {
                    if (files.SlotOf[doc] is var slot and >= 0)
                    {
                        sums.AddTerm(slot, scorer.Score(doc, docs.Freq));
                    }
                }
            });

            foreach (var (slot, score) in sums.Scores())
            {
                var entry = (score, leaf.DocBase + files.Docs[slot]);
                if (best.Count < top)
                {
                    best.Enqueue(entry.Item2, entry);
                }
                else if (best.TryPeek(out _, out var worst) && WorstFirst.Instance.Compare(entry, worst) > 0)
                {
                    best.DequeueEnqueue(entry.Item2, entry);
                }
            }
        }

        return Keys(best, searcher.IndexReader.Leaves);
    }

    /// <summary>The kept entries' file keys, read from the field cache for those alone.</summary>
    private static List<(string Key, float Score, int Doc)> Keys(PriorityQueue<int, (float Score, int Doc)> best, IList<AtomicReaderContext> leaves)
    {
        var result = new List<(string Key, float Score, int Doc)>(best.Count);
        var keysOf = new SortedDocValues?[leaves.Count];
        var scratch = new BytesRef();
        while (best.TryDequeue(out _, out var entry))
        {
            var n = ReaderUtil.SubIndex(entry.Doc, leaves);
            var keys = keysOf[n] ??= FieldCache.DEFAULT.GetTermsIndex(leaves[n].AtomicReader, IndexFields.Key);
            var ord = keys.GetOrd(entry.Doc - leaves[n].DocBase);
            if (ord >= 0)
            {
                keys.LookupOrd(ord, scratch);
                result.Add((scratch.Utf8ToString(), entry.Score, entry.Doc));
            }
        }

        result.Reverse();
        return result;
    }

    /// <summary>Lower score first; of equal scores the later entry, so the earlier one is kept.</summary>
    internal sealed class WorstFirst : IComparer<(float Score, int Doc)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((float Score, int Doc) x, (float Score, int Doc) y) =>
            x.Score != y.Score ? x.Score.CompareTo(y.Score) : y.Doc.CompareTo(x.Doc);
    }
}
