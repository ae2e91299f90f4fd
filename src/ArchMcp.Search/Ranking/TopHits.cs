using Lucene.Net.Index;
using Lucene.Net.Search;

namespace ArchMcp.Search;

/// <summary>
/// The best hits of a query, cut so that the index's document order never decides: files are indexed in parallel, so
/// which of two equally scored entries comes first in the index differs from one build of it to the next, and Lucene
/// breaks ties by that order.
/// </summary>
internal static class TopHits
{
    /// <summary>
    /// The <paramref name="n"/> best entries with a key (<see cref="IndexKeys"/>), best first; on equal scores the key
    /// that sorts first, then the earlier entry (one file's entries are written together, in order). When entries
    /// beyond the n-th score the same as it, all of them compete for the places the better ones leave.
    /// </summary>
    public static List<(int Doc, string Key, float Score)> ByKey(IndexSearcher searcher, Query query, Filter? filter, int n)
    {
        if (n <= 0)
        {
            return [];
        }

        var top = searcher.Search(query, filter, n + 1).ScoreDocs;
        IEnumerable<ScoreDoc> hits = top;
        if (top.Length > n && top[n].Score == top[n - 1].Score)
        {
            var tie = new ScoreCollector(top[n - 1].Score);
            searcher.Search(query, filter, tie);
            hits = top.Where(h => h.Score > tie.Score).Concat(tie.Docs);
        }

        var reader = searcher.IndexReader;
        return [.. hits
            .Select(h => (h.Doc, Key: IndexKeys.Of(reader, h.Doc), h.Score))
            .Where(h => h.Key is not null)
            .Select(h => (h.Doc, Key: h.Key!, h.Score))
            .OrderByDescending(h => h.Score)
            .ThenBy(h => h.Key, StringComparer.Ordinal)
            .ThenBy(h => h.Doc)
            .Take(n)];
    }

    /// <summary>
    /// Every entry that scores exactly <see cref="Score"/>. It accepts entries out of order as Lucene's own top-hits
    /// collector does, so both are given the same scorer and compute the same scores.
    /// </summary>
    private sealed class ScoreCollector(float score) : ICollector
    {
        private Scorer? _scorer;
        private int _docBase;

        public float Score { get; } = score;

        public List<ScoreDoc> Docs { get; } = [];

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer) => _scorer = scorer;

        public void SetNextReader(AtomicReaderContext context) => _docBase = context.DocBase;

        public void Collect(int doc)
        {
            if (_scorer!.GetScore() == Score)
            {
                Docs.Add(new ScoreDoc(_docBase + doc, Score));
            }
        }
    }
}
