using System.Runtime.CompilerServices;

namespace ArchMcp.Core.Search;

/// <summary>
/// Sums of clause scores per slot (a file, or a candidate entry), with the precision Lucene's scorers keep: a field's
/// terms summed in double (a Boolean scorer), a clause's best field and field total in float (a best-field scorer),
/// the clauses summed in double (a Boolean scorer). Each level remembers the slots it touched, so nothing is cleared.
/// </summary>
internal sealed class ClauseSums : IDisposable
{
    [ThreadStatic]
    private static ClauseSums? t_free;

    private readonly Level _field;
    private readonly Level _clause;
    private readonly Level _total;
    private readonly double[] _fieldSum;
    private readonly float[] _max;
    private readonly float[] _fields;
    private readonly double[] _sum;
    private bool _onePerSlot;

    private ClauseSums(int slots)
    {
        _field = new Level(slots);
        _clause = new Level(slots);
        _total = new Level(slots);
        _fieldSum = new double[slots];
        _max = new float[slots];
        _fields = new float[slots];
        _sum = new double[slots];
    }

    private int Capacity => _sum.Length;

    /// <summary>
    /// Sums for <paramref name="slots"/> slots: the thread's own when it is free and large enough, so a search neither
    /// allocates nor clears arrays the size of a segment's files (the marks tell stale values from fresh ones).
    /// </summary>
    public static ClauseSums Rent(int slots)
    {
        var sums = t_free is { } free && free.Capacity >= slots ? free : new ClauseSums(Math.Max(slots, 1024));
        t_free = null;
        sums._total.Next();
        return sums;
    }

    public void Dispose() => t_free = this;

    public void NextClause() => _clause.Next();

    /// <summary>
    /// Starts a field of the clause. When it gives each slot at most one score (<paramref name="onePerSlot"/>: a field of
    /// one term), that score is the field's sum and goes straight to the clause's level.
    /// </summary>
    public void NextField(bool onePerSlot)
    {
        _onePerSlot = onePerSlot;
        _field.Next();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddTerm(int slot, float score)
    {
        if (_onePerSlot)
        {
            AddField(slot, score);
        }
        else if (_field.Touch(slot))
        {
            _fieldSum[slot] = score;
        }
        else
        {
            _fieldSum[slot] += score;
        }
    }

    public void EndField()
    {
        foreach (var slot in _field.Touched)
        {
            AddField(slot, (float)_fieldSum[slot]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddField(int slot, float score)
    {
        if (_clause.Touch(slot))
        {
            _max[slot] = _fields[slot] = score;
        }
        else
        {
            _fields[slot] += score;
            _max[slot] = Math.Max(_max[slot], score);
        }
    }

    public void EndClause(float tie)
    {
        foreach (var slot in _clause.Touched)
        {
            var score = _max[slot] + ((_fields[slot] - _max[slot]) * tie);
            if (_total.Touch(slot))
            {
                _sum[slot] = score;
            }
            else
            {
                _sum[slot] += score;
            }
        }
    }

    /// <summary>The slots that have a score.</summary>
    public ReadOnlySpan<int> Slots => _total.Touched;

    /// <summary>The score of one of <see cref="Slots"/>.</summary>
    public float ScoreOf(int slot) => (float)_sum[slot];

    /// <summary>Which slots one level has touched since its last <see cref="Next"/>, by a generation mark per slot.</summary>
    private sealed class Level(int slots)
    {
        private readonly int[] _marks = new int[slots];
        private readonly int[] _touched = new int[slots];
        private int _generation;
        private int _count;

        public ReadOnlySpan<int> Touched => _touched.AsSpan(0, _count);

        public void Next()
        {
            if (++_generation == int.MaxValue)
            {
                Array.Clear(_marks);
                _generation = 1;
            }

            _count = 0;
        }

        /// <summary>Marks <paramref name="slot"/>; true when it is the first time since <see cref="Next"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Touch(int slot)
        {
            if (_marks[slot] == _generation)
            {
                return false;
            }

            _marks[slot] = _generation;
            _touched[_count++] = slot;
            return true;
        }
    }
}
