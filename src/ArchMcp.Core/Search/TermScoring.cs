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
        var collection = new Dictionary<string, CollectionStatistics>(StringComparer.Ordinal);
        return [.. clauses.Select(c => c.Fields.Select(terms => terms.Select(t =>
        {
            var field = t.Term.Field;
            if (!collection.TryGetValue(field, out var stats))
            {
                collection[field] = stats = searcher.CollectionStatistics(field);
            }

            return Weight(searcher, t, stats);
        }).ToArray()).ToArray())];
    }

    /// <summary>A term's weight with the given field statistics (whose field is the one whose lengths the scorer reads).</summary>
    public static Similarity.SimWeight Weight(IndexSearcher searcher, WeightedTerm term, CollectionStatistics stats) =>
        Weight(searcher, term.Boost, stats, searcher.TermStatistics(term.Term, term.Stats));

    /// <summary>The weight of terms scored together (a phrase) with the given boost and field statistics, normalized as a query's.</summary>
    public static Similarity.SimWeight Weight(IndexSearcher searcher, float boost, CollectionStatistics stats, params TermStatistics[] terms)
    {
        var similarity = searcher.Similarity;
        var weight = similarity.ComputeWeight(boost, stats, terms);
        var norm = similarity.QueryNorm(weight.GetValueForNormalization());
        weight.Normalize(float.IsInfinity(norm) || float.IsNaN(norm) ? 1f : norm, 1f);
        return weight;
    }

    [ThreadStatic]
    private static long[]? t_accepted;

    /// <summary>
    /// The live documents of a segment that <paramref name="filter"/> (a weight of a filter query, or null) accepts;
    /// null when it accepts none. A filter's documents are in the thread's own bits (a segment's worth each search
    /// made garbage), valid until the thread asks again: a pass uses them for one segment before the next.
    /// </summary>
    public static IBits? Accepted(AtomicReaderContext leaf, Weight? filter, out bool none)
    {
        none = false;
        IBits? live = leaf.AtomicReader.LiveDocs;
        if (filter is null)
        {
            return live;
        }

        if (filter.GetScorer(leaf, live) is not { } matches)
        {
            none = true;
            return null;
        }

        var maxDoc = leaf.AtomicReader.MaxDoc;
        var words = FixedBitSet.Bits2words(maxDoc);
        if (t_accepted is not { } stored || stored.Length < words)
        {
            t_accepted = stored = new long[Math.Max(words, 1024)];
        }
        else
        {
            Array.Clear(stored, 0, words);
        }

        var bits = new FixedBitSet(stored, maxDoc);
        bits.Or(matches);
        return bits;
    }

    /// <summary>
    /// Scores <paramref name="clauses"/> on one segment into <paramref name="sums"/>, clause by clause and field by
    /// field: <paramref name="add"/> moves one term's postings (of the <paramref name="accept"/>ed documents, read
    /// through the given <see cref="Postings"/>), scored with its weight, into the sums, at most one score per slot.
    /// </summary>
    public static void AddClauses(
        AtomicReaderContext leaf, IBits? accept, IReadOnlyList<TermClause> clauses, Similarity.SimWeight[][][] weights,
        ClauseSums sums, Action<Postings, WeightedTerm, Similarity.SimWeight> add)
    {
        var postings = new Postings(leaf, accept);
        for (var c = 0; c < clauses.Count; c++)
        {
            sums.NextClause();
            for (var f = 0; f < clauses[c].Fields.Count; f++)
            {
                var terms = clauses[c].Fields[f];
                sums.NextField(onePerSlot: terms.Length == 1);
                for (var t = 0; t < terms.Length; t++)
                {
                    add(postings, terms[t], weights[c][f][t]);
                }

                sums.EndField();
            }

            sums.EndClause(TermClause.Tie);
        }
    }

    /// <summary>
    /// The postings of each term of a segment's clauses, one term after the other: the thread's terms enumerator and
    /// postings reader of each field (<see cref="FieldReaders"/>) serve all the terms, where Lucene's scorers build
    /// both anew for every term (with a copy of every index input they read).
    /// </summary>
    internal sealed class Postings(AtomicReaderContext leaf, IBits? accept)
    {
        /// <summary>The term's postings in this segment, or null when it has none; valid until the next call for its field.</summary>
        public DocsEnum? Of(WeightedTerm term)
        {
            if (term.Stats.Get(leaf.Ord) is not { } state || FieldReaders.Of(leaf.AtomicReader, term.Term.Field) is not { } readers)
            {
                return null;
            }

            readers.Terms.SeekExact(term.Term.Bytes, state);
            return Docs(readers);
        }

        /// <summary>The postings of <paramref name="bytes"/> in <paramref name="field"/> (looked up in the segment), or null.</summary>
        public DocsEnum? Of(string field, BytesRef bytes) =>
            FieldReaders.Of(leaf.AtomicReader, field) is { } readers && readers.Terms.SeekExact(bytes) ? Docs(readers) : null;

        private DocsEnum Docs(FieldReaders readers) => readers.Docs = readers.Terms.Docs(accept, readers.Docs, DocsFlags.FREQS);
    }
}
