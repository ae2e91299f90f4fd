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
