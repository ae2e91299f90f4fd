using System.Buffers;
using ArchMcp.Core.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace ArchMcp.Core.Search;

/// <summary>
/// Collects, for the best <c>top</c> file keys, the best score among the matching entries and the entry that had
/// it — without reading stored fields: keys come from the field cache by ordinal, and key strings are made only
/// for the files that make the cut. The per-file arrays are rented, so a search allocates little on a large index.
/// </summary>
public sealed class BestPerKeyCollector(int top) : ICollector
{
    private Dictionary<string, (float Score, int Doc)> _best = new(StringComparer.Ordinal);
    private readonly BytesRef _scratch = new();
    private Scorer? _scorer;
    private SortedDocValues? _keys;
    private float[] _leafBest = [];
    private int[] _leafDoc = [];
    private int _leafKeys;
    private readonly List<int> _touched = [];
    private int _docBase;

    /// <summary>Best score and global doc id of the best <c>top</c> keys.</summary>
    public IReadOnlyDictionary<string, (float Score, int Doc)> Best
    {
        get
        {
            FlushLeaf();
            if (_best.Count > top)
            {
                // each segment kept its own best; keep the best overall
                _best = _best.OrderByDescending(b => b.Value.Score).ThenBy(b => b.Key, StringComparer.Ordinal).Take(top)
                    .ToDictionary(b => b.Key, b => b.Value, StringComparer.Ordinal);
            }

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
        if (_leafBest[ord] == 0)
        {
            _touched.Add(ord);
        }

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
        _leafKeys = _keys.ValueCount;
        _leafBest = ArrayPool<float>.Shared.Rent(_leafKeys);
        _leafDoc = ArrayPool<int>.Shared.Rent(_leafKeys);
        Array.Clear(_leafBest, 0, _leafKeys);
        _docBase = context.DocBase;
    }

    private void FlushLeaf()
    {
        if (_keys is null)
        {
            return;
        }

        var best = new PriorityQueue<int, float>(Math.Min(top, 1024) + 1);
        foreach (var ord in _touched)
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

        _touched.Clear();
        ArrayPool<float>.Shared.Return(_leafBest);
        ArrayPool<int>.Shared.Return(_leafDoc);
        _keys = null;
    }
}
