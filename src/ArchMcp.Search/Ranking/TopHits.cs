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

        // one search keeps the n best and every entry tied with the n-th, in place of Lucene's top n + 1 and, when the
        // last two tie, a second search for the tied ones (nearly every search when files have identical copies)
        var collector = new BestAndTied(n);
        searcher.Search(query, filter, collector);
        var reader = searcher.IndexReader;
        return [.. collector.Hits()
            .Select(h => (h.Doc, Key: IndexKeys.Of(reader, h.Doc), h.Score))
            .Where(h => h.Key is not null)
            .Select(h => (h.Doc, Key: h.Key!, h.Score))
            .OrderByDescending(h => h.Score)
            .ThenBy(h => h.Key, StringComparer.Ordinal)
            .ThenBy(h => h.Doc)
            .Take(n)];
    }

    /// <summary>
    /// Every entry that scores at least the n-th best score: the n best in a heap, and beside them the entries that
    /// score exactly what the heap's worst does. It accepts entries out of order as Lucene's own top-hits collector
    /// does, so both are given the same scorer and compute the same scores.
    /// </summary>
    internal sealed class BestAndTied(int n) : ICollector
    {
        private readonly PriorityQueue<int, float> _best = new(n);
        private readonly List<int> _tied = [];
        private Scorer? _scorer;
        private int _docBase;
        private float _worst = float.NegativeInfinity;

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer) => _scorer = scorer;

        public void SetNextReader(AtomicReaderContext context) => _docBase = context.DocBase;

        public void Collect(int doc)
        {
            var score = _scorer!.GetScore();
            if (_best.Count < n)
            {
                _best.Enqueue(_docBase + doc, score);
                if (_best.Count == n)
                {
                    _best.TryPeek(out _, out _worst);
                }

                return;
            }

            if (score < _worst)
            {
                return;
            }

            if (score == _worst)
            {
                _tied.Add(_docBase + doc);
                return;
            }

            // a better entry takes the place of one that scores the worst; if another one still does, the one out ties
            var outDoc = _best.EnqueueDequeue(_docBase + doc, score);
            var before = _worst;
            _best.TryPeek(out _, out _worst);
            if (_worst == before)
            {
                _tied.Add(outDoc);
            }
            else
            {
                _tied.Clear();
            }
        }

        /// <summary>The entries kept: the n best and the ones tied with the n-th, in no order.</summary>
        public IEnumerable<(int Doc, float Score)> Hits() =>
            _best.UnorderedItems.Select(h => (h.Element, h.Priority)).Concat(_tied.Select(d => (d, _worst)));
    }
}
