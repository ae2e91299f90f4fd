using System.Buffers;
using ArchMcp.Core.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace ArchMcp.Core.Search;

/// <summary>
/// The file-level pass: the best-scoring file entries for a query of best-field clauses (one per term, see
/// <see cref="QueryTerms.Build"/>). This pass reads most of a search's postings — every file that has any of the
/// words — so it scores them the cheapest way: a window of documents at a time, each term field by field straight
/// from that field's postings into arrays. Lucene's Boolean and best-field scorers merge every posting through heaps
/// and allocate thousands of buckets per search for the same sums.
/// </summary>
public static class FilePass
{
    private const int Window = 4096;

    /// <summary>The <paramref name="top"/> best file entries (ties: the earlier entry), best first.</summary>
    public static List<(string Key, float Score, int Doc)> Top(IndexSearcher searcher, BooleanQuery query, Query? filter, int top)
    {
        // each clause is a best-field match (of boost 1, as built): the best field's score plus a share of the others'
        var clauses = query.Clauses
            .Select(c => c.Query is DisjunctionMaxQuery d
                ? (Tie: d.TieBreakerMultiplier, Fields: d.Disjuncts.Select(searcher.CreateNormalizedWeight).ToArray())
                : (Tie: 0f, Fields: [searcher.CreateNormalizedWeight(c.Query)]))
            .ToArray();
        var inFilter = filter is null ? null : searcher.CreateNormalizedWeight(filter);
        var best = new PriorityQueue<int, (float Score, int Doc)>(top + 1, WorstFirst.Instance);
        using var sums = new Sums();
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            IBits? accept = leaf.AtomicReader.LiveDocs;
            if (inFilter is not null)
            {
                if (inFilter.GetScorer(leaf, accept) is not { } matches)
                {
                    continue;
                }

                var bits = new FixedBitSet(leaf.AtomicReader.MaxDoc);
                bits.Or(matches);
                accept = bits;
            }

            var scorers = new List<Scorer>[clauses.Length];
            for (var c = 0; c < clauses.Length; c++)
            {
                scorers[c] = [];
                foreach (var field in clauses[c].Fields)
                {
                    if (field.GetScorer(leaf, accept) is { } s && s.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                    {
                        scorers[c].Add(s);
                    }
                }
            }

            // window by window, from the window of the next document any field has
            for (var next = NextDoc(scorers); next != DocIdSetIterator.NO_MORE_DOCS; next = NextDoc(scorers))
            {
                var start = next & ~(Window - 1);
                var end = start + Window;
                sums.NextWindow();
                for (var c = 0; c < clauses.Length; c++)
                {
                    sums.NextClause();
                    foreach (var s in scorers[c])
                    {
                        for (var doc = s.DocID; doc < end; doc = s.NextDoc())
                        {
                            sums.AddField(doc - start, s.GetScore());
                        }
                    }

                    scorers[c].RemoveAll(s => s.DocID == DocIdSetIterator.NO_MORE_DOCS);
                    sums.EndClause(clauses[c].Tie);
                }

                foreach (var (at, score) in sums.Scores())
                {
                    var entry = (score, leaf.DocBase + start + at);
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
        }

        return Keys(best, searcher.IndexReader.Leaves);
    }

    private static int NextDoc(List<Scorer>[] scorers)
    {
        var next = DocIdSetIterator.NO_MORE_DOCS;
        foreach (var clause in scorers)
        {
            foreach (var s in clause)
            {
                next = Math.Min(next, s.DocID);
            }
        }

        return next;
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

    /// <summary>
    /// One window's sums, on pooled arrays: per document, the current clause's best field score and field total
    /// (floats, as Lucene's best-field scorer keeps them), and the query score over the clauses so far (a double, as
    /// its Boolean scorers keep it).
    /// </summary>
    private sealed class Sums : IDisposable
    {
        private readonly float[] _max = ArrayPool<float>.Shared.Rent(Window);
        private readonly float[] _fields = ArrayPool<float>.Shared.Rent(Window);
        private readonly double[] _total = ArrayPool<double>.Shared.Rent(Window);
        private readonly int[] _inClause = Cleared(ArrayPool<int>.Shared.Rent(Window));
        private readonly int[] _inWindow = Cleared(ArrayPool<int>.Shared.Rent(Window));
        private readonly int[] _clauseDocs = ArrayPool<int>.Shared.Rent(Window);
        private readonly int[] _windowDocs = ArrayPool<int>.Shared.Rent(Window);
        private int _clause;
        private int _window;
        private int _clauseCount;
        private int _windowCount;

        public void Dispose()
        {
            ArrayPool<float>.Shared.Return(_max);
            ArrayPool<float>.Shared.Return(_fields);
            ArrayPool<double>.Shared.Return(_total);
            ArrayPool<int>.Shared.Return(_inClause);
            ArrayPool<int>.Shared.Return(_inWindow);
            ArrayPool<int>.Shared.Return(_clauseDocs);
            ArrayPool<int>.Shared.Return(_windowDocs);
        }

        private static int[] Cleared(int[] marks)
        {
            Array.Clear(marks);
            return marks;
        }

        public void NextWindow()
        {
            _window++;
            _windowCount = 0;
        }

        public void NextClause()
        {
            _clause++;
            _clauseCount = 0;
        }

        public void AddField(int at, float score)
        {
            if (_inClause[at] != _clause)
            {
                _inClause[at] = _clause;
                _clauseDocs[_clauseCount++] = at;
                _max[at] = _fields[at] = score;
            }
            else
            {
                _fields[at] += score;
                _max[at] = Math.Max(_max[at], score);
            }
        }

        public void EndClause(float tie)
        {
            for (var i = 0; i < _clauseCount; i++)
            {
                var at = _clauseDocs[i];
                var score = _max[at] + ((_fields[at] - _max[at]) * tie);
                if (_inWindow[at] != _window)
                {
                    _inWindow[at] = _window;
                    _windowDocs[_windowCount++] = at;
                    _total[at] = score;
                }
                else
                {
                    _total[at] += score;
                }
            }
        }

        public IEnumerable<(int At, float Score)> Scores()
        {
            for (var i = 0; i < _windowCount; i++)
            {
                yield return (_windowDocs[i], (float)_total[_windowDocs[i]]);
            }
        }
    }

    /// <summary>Lower score first; of equal scores the later entry, so the earlier one is kept.</summary>
    private sealed class WorstFirst : IComparer<(float Score, int Doc)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((float Score, int Doc) x, (float Score, int Doc) y) =>
            x.Score != y.Score ? x.Score.CompareTo(y.Score) : y.Doc.CompareTo(x.Doc);
    }
}
