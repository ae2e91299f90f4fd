namespace ArchMcp.Core.Search;

/// <summary>
/// The best-scoring entries offered, at most a given number; of equal scores the earlier entry, as Lucene ranks them.
/// A heap of its own, worst kept on top: a file pass offers every file it touched, and the comparisons of a general
/// priority queue went through an interface call each.
/// </summary>
internal sealed class BestEntries(int top)
{
    private readonly (float Score, int Doc)[] _heap = new (float Score, int Doc)[Math.Max(top, 0)];
    private int _count;

    public void Offer(float score, int doc)
    {
        if (_count < _heap.Length)
        {
            _heap[_count] = (score, doc);
            Up(_count++);
        }
        else if (_count > 0 && Worse(_heap[0], (score, doc)))
        {
            _heap[0] = (score, doc);
            Down(0);
        }
    }

    /// <summary>The kept entries, best first (the keeper is emptied).</summary>
    public List<(int Doc, float Score)> BestFirst()
    {
        var result = new List<(int Doc, float Score)>(_count);
        while (_count > 0)
        {
            result.Add((_heap[0].Doc, _heap[0].Score));
            _heap[0] = _heap[--_count];
            Down(0);
        }

        result.Reverse();
        return result;
    }

    /// <summary>Lower score; of equal scores the later entry, so the earlier one is kept.</summary>
    private static bool Worse((float Score, int Doc) x, (float Score, int Doc) y) =>
        x.Score != y.Score ? x.Score < y.Score : x.Doc > y.Doc;

    private void Up(int i)
    {
        while (i > 0 && Worse(_heap[i], _heap[(i - 1) / 2]))
        {
            (_heap[i], _heap[(i - 1) / 2]) = (_heap[(i - 1) / 2], _heap[i]);
            i = (i - 1) / 2;
        }
    }

    private void Down(int i)
    {
        while (true)
        {
            var worst = i;
            foreach (var child in (ReadOnlySpan<int>)[(2 * i) + 1, (2 * i) + 2])
            {
                if (child < _count && Worse(_heap[child], _heap[worst]))
                {
                    worst = child;
                }
            }

            if (worst == i)
            {
                return;
            }

            (_heap[i], _heap[worst]) = (_heap[worst], _heap[i]);
            i = worst;
        }
    }
}
