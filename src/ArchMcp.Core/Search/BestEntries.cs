namespace ArchMcp.Core.Search;

/// <summary>The best-scoring entries offered, at most a given number; of equal scores the earlier entry, as Lucene ranks them.</summary>
internal sealed class BestEntries(int top)
{
    private readonly PriorityQueue<int, (float Score, int Doc)> _kept = new(top + 1, WorstFirst.Instance);

    // the worst kept entry once all places are taken: most offers lose to it, and are turned away without the queue
    private (float Score, int Doc) _worst = (float.NegativeInfinity, int.MaxValue);

    public void Offer(float score, int doc)
    {
        if (top <= 0 || score < _worst.Score || (score == _worst.Score && doc > _worst.Doc))
        {
            return;
        }

        var entry = (score, doc);
        if (_kept.Count < top)
        {
            _kept.Enqueue(doc, entry);
            if (_kept.Count < top)
            {
                return;
            }
        }
        else
        {
            _kept.DequeueEnqueue(doc, entry);
        }

        _kept.TryPeek(out _, out _worst);
    }

    /// <summary>The kept entries, best first (the keeper is emptied).</summary>
    public List<(int Doc, float Score)> BestFirst()
    {
        var result = new List<(int Doc, float Score)>(_kept.Count);
        while (_kept.TryDequeue(out _, out var entry))
        {
            result.Add((entry.Doc, entry.Score));
        }

        result.Reverse();
        return result;
    }

    /// <summary>Lower score first; of equal scores the later entry, so the earlier one is kept.</summary>
    private sealed class WorstFirst : IComparer<(float Score, int Doc)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((float Score, int Doc) x, (float Score, int Doc) y) =>
            x.Score != y.Score ? x.Score.CompareTo(y.Score) : y.Doc.CompareTo(x.Doc);
    }
}
