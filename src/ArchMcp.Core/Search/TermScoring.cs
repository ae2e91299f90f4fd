using System.Runtime.CompilerServices;
using ArchMcp.Core.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace ArchMcp.Core.Search;

/// <summary>Scoring <see cref="TermClause"/>s straight from the postings, as Lucene's term scorers would.</summary>
internal static class TermScoring
{
    /// <summary>Each term's weight over the whole index, as a normalized term query has it.</summary>
    public static Similarity.SimWeight[][][] Weights(IndexSearcher searcher, IReadOnlyList<TermClause> clauses)
    {
        var similarity = searcher.Similarity;
        var collection = new Dictionary<string, CollectionStatistics>(StringComparer.Ordinal);
        return [.. clauses.Select(c => c.Fields.Select(terms => terms.Select(t =>
        {
            var field = t.Term.Field;
            if (!collection.TryGetValue(field, out var stats))
            {
                collection[field] = stats = searcher.CollectionStatistics(field);
            }

            var weight = similarity.ComputeWeight(t.Boost, stats, searcher.TermStatistics(t.Term, t.Stats));
            var norm = similarity.QueryNorm(weight.GetValueForNormalization());
            weight.Normalize(float.IsInfinity(norm) || float.IsNaN(norm) ? 1f : norm, 1f);
            return weight;
        }).ToArray()).ToArray())];
    }

    /// <summary>
    /// Scores <paramref name="clauses"/> on one segment into <paramref name="sums"/>, clause by clause and field by
    /// field: <paramref name="add"/> moves one term's postings (of the <paramref name="accept"/>ed documents), with
    /// its scorer, into the sums.
    /// </summary>
    public static void AddClauses(
        AtomicReaderContext leaf, IBits? accept, IReadOnlyList<TermClause> clauses, Similarity.SimWeight[][][] weights, Similarity similarity,
        ClauseSums sums, Action<DocsEnum, Similarity.SimScorer> add)
    {
        var postings = new Postings(leaf, accept);
        for (var c = 0; c < clauses.Count; c++)
        {
            sums.NextClause();
            for (var f = 0; f < clauses[c].Fields.Count; f++)
            {
                sums.NextField();
                var terms = clauses[c].Fields[f];
                for (var t = 0; t < terms.Length; t++)
                {
                    if (postings.Of(terms[t]) is { } docs)
                    {
                        add(docs, similarity.GetSimScorer(weights[c][f][t], leaf));
                    }
                }

                sums.EndField();
            }

            sums.EndClause(TermClause.Tie);
        }
    }

    /// <summary>
    /// The postings of each term of a segment's clauses, one term after the other: one terms enumerator and one
    /// postings reader per field serve all the terms, where Lucene's scorers build both anew for every term (with a
    /// copy of every index input they read).
    /// </summary>
    private sealed class Postings(AtomicReaderContext leaf, IBits? accept)
    {
        private readonly Dictionary<string, (TermsEnum Terms, DocsEnum? Docs)> _readers = new(StringComparer.Ordinal);

        /// <summary>The term's postings in this segment, or null when it has none; valid until the next call.</summary>
        public DocsEnum? Of(WeightedTerm term)
        {
            if (term.Stats.Get(leaf.Ord) is not { } state)
            {
                return null;
            }

            var field = term.Term.Field;
            if (!_readers.TryGetValue(field, out var reader))
            {
                reader = (leaf.AtomicReader.GetTerms(field).GetEnumerator(), null);
            }

            reader.Terms.SeekExact(term.Term.Bytes, state);
            var docs = reader.Terms.Docs(accept, reader.Docs, DocsFlags.FREQS);
            _readers[field] = (reader.Terms, docs);
            return docs;
        }
    }
}

/// <summary>
/// A segment's file entries (the entries the file-level fields are on): their documents in order, and for every
/// document its slot among them (-1 for sections and rules). Kept per segment, which never changes its documents,
/// so the sums of a search take a slot per file instead of a place per entry of the segment.
/// </summary>
internal sealed record SegmentFiles(int[] Docs, int[] SlotOf)
{
private static readonly ConditionalWeakTable<object, SegmentFiles> Cache = new();

public static SegmentFiles Of(AtomicReader reader) => Cache.GetValue(reader.CoreCacheKey, _ =>
    {
        var docs = new List<int>();
        var slotOf = new int[reader.MaxDoc];
        Array.Fill(slotOf, -1);
        // every file entry, deleted or not: deletions are applied by the postings readers
        var types = reader.GetTerms(IndexFields.Type)?.GetEnumerator();
        if (types is not null && types.SeekExact(new BytesRef(IndexFields.TypeDoc)))
        {
            var entries = types.Docs(null, null, DocsFlags.NONE);
            for (var doc = entries.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = entries.NextDoc())
            {
                slotOf[doc] = docs.Count;
                docs.Add(doc);
            }
        }

        return new SegmentFiles([.. docs], slotOf);
    });
}

/// <summary>
/// One segment's sums per file slot, on pooled arrays, with the precision Lucene's scorers keep: a field's terms summed in double
/// (a Boolean scorer), a clause's best field and field total in float (a best-field scorer), the clauses summed in
/// double (a Boolean scorer). Each level remembers the entries it touched, so nothing is cleared per level.
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

    public void NextField() => _field.Next();

    public void AddTerm(int slot, float score)
    {
        if (_field.Touch(slot))
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
            var score = (float)_fieldSum[slot];
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

    public IEnumerable<(int Slot, float Score)> Scores()
    {
        for (var i = 0; i < _total.Touched.Length; i++)
        {
            var slot = _total.Touched[i];
            yield return (slot, (float)_sum[slot]);
        }
    }

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
