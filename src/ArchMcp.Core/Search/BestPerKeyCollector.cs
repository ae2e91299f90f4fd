using ArchMcp.Core.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace ArchMcp.Core.Search;

/// <summary>
/// Collects, for the best <c>top</c> file keys, the best score among the matching entries and the entry that had
/// it — without reading stored fields: keys come from the field cache by ordinal, and key strings are made only
/// for the files that make the cut.
/// </summary>
public sealed class BestPerKeyCollector(int top) : ICollector
{
    private readonly Dictionary<string, (float Score, int Doc)> _best = new(StringComparer.Ordinal);
    private readonly BytesRef _scratch = new();
    private Scorer? _scorer;
    private SortedDocValues? _keys;
    private float[] _leafBest = [];
    private int[] _leafDoc = [];
    private int _docBase;

    /// <summary>Best score and global doc id per key.</summary>
    public IReadOnlyDictionary<string, (float Score, int Doc)> Best
    {
        get
        {
            FlushLeaf();
            return _best;
        }
    }

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) => _scorer = scorer;

    public void Collect(int doc)
    {
        var ord = _keys!.GetOrd(doc);
        if (ord < 0)
        {
            return;
        }

        var score = _scorer!.GetScore();
        if (score > _leafBest[ord])
        {
            _leafBest[ord] = score;
            _leafDoc[ord] = _docBase + doc;
        }
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        FlushLeaf();
        _keys = FieldCache.DEFAULT.GetTermsIndex(context.AtomicReader, IndexFields.Key);
        _leafBest = new float[_keys.ValueCount];
        _leafDoc = new int[_keys.ValueCount];
        _docBase = context.DocBase;
    }

    private void FlushLeaf()
    {
        if (_keys is null)
        {
            return;
        }

        var best = new PriorityQueue<int, float>(Math.Min(top, 1024) + 1);
        for (var ord = 0; ord < _leafBest.Length; ord++)
        {
            var score = _leafBest[ord];
            if (score <= 0)
            {
                continue;
            }

            best.Enqueue(ord, score);
            if (best.Count > top)
            {
                best.Dequeue();
            }
        }

        while (best.TryDequeue(out var ord, out var score))
        {
            _keys.LookupOrd(ord, _scratch);
            var key = _scratch.Utf8ToString();
            if (!_best.TryGetValue(key, out var b) || score > b.Score)
            {
                _best[key] = (score, _leafDoc[ord]);
            }
        }

        _keys = null;
    }
}
