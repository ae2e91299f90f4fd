using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace ArchMcp.Core.Search;

/// <summary>Two neighbouring (different) words of a query, in one field, that count extra where they stand near each other.</summary>
public sealed record WordPair(WeightedTerm First, WeightedTerm Second, int Slop, float Boost)
{
    /// <summary>The pair as Lucene's query: what <see cref="WordPairs"/> scores without building it.</summary>
    public PhraseQuery ToQuery()
    {
        var query = new PhraseQuery { Slop = Slop, Boost = Boost };
        query.Add(First.Term);
        query.Add(Second.Term);
        return query;
    }
}

/// <summary>
/// Word pairs scored on chosen entries of a segment as Lucene scores their sloppy phrase query
/// (<see cref="WordPair.ToQuery"/>): the weight from the words' statistics already looked up, and for each entry
/// holding both words the matches Lucene's sloppy phrase scorer counts, each worth less the farther apart its words
/// stand. A phrase weight per pair looked both words up again in every segment, and its scorers made new postings
/// readers for every pair and segment: a third of a search's garbage.
/// </summary>
public static class WordPairs
{
    /// <summary>A pair's weight over the whole index, as a normalized phrase query has it.</summary>
    public static Similarity.SimWeight Weight(IndexSearcher searcher, WordPair pair) =>
        TermScoring.Weight(searcher, pair.Boost, searcher.CollectionStatistics(pair.First.Term.Field),
            searcher.TermStatistics(pair.First.Term, pair.First.Stats), searcher.TermStatistics(pair.Second.Term, pair.Second.Stats));

    /// <summary>
    /// Adds the pair's score of each entry in <paramref name="docs"/> (ascending documents of the segment) that holds both
    /// words near enough, as <c>add(index in docs, score)</c>.
    /// </summary>
    public static void Score(Readers readers, WordPair pair, Similarity.SimScorer scorer, IReadOnlyList<int> docs, Action<int, float> add)
    {
        if (readers.Of(pair.First, 0) is not { } first || readers.Of(pair.Second, 1) is not { } second)
        {
            return;
        }

        int atFirst = -1, atSecond = -1;
        for (var i = 0; i < docs.Count; i++)
        {
            var target = docs[i];
            if (atFirst < target)
            {
                atFirst = first.Advance(target);
            }

            if (atFirst == DocIdSetIterator.NO_MORE_DOCS)
            {
                return;
            }

            if (atFirst != target)
            {
                continue;
            }

            if (atSecond < target)
            {
                atSecond = second.Advance(target);
            }

            if (atSecond == DocIdSetIterator.NO_MORE_DOCS)
            {
                return;
            }

            if (atSecond == target && SloppyFreq(first, second, pair.Slop, scorer) is var freq and not 0)
            {
                add(i, scorer.Score(target, freq));
            }
        }
    }

    /// <summary>
    /// The matches of two different words in the current document, as Lucene's sloppy phrase scorer counts them. Each
    /// word's positions are taken less its place in the pair (so the pair in order at distance 0 is the same position);
    /// the word at the lesser position (on a tie, the first word) moves on while it stays at or below the other's; each
    /// time it passes it, the shortest span seen since the last pass counts when within the slop, and the other word
    /// moves on. The span left at the end counts too.
    /// </summary>
    internal static float SloppyFreq(DocsAndPositionsEnum first, DocsAndPositionsEnum second, int slop, Similarity.SimScorer scorer)
    {
        int leftFirst = first.Freq - 1, leftSecond = second.Freq - 1;
        var atFirst = first.NextPosition();
        var atSecond = second.NextPosition() - 1;
        var end = Math.Max(atFirst, atSecond);
        var onFirst = atFirst <= atSecond;
        var position = onFirst ? atFirst : atSecond;
        var next = onFirst ? atSecond : atFirst;
        var span = end - position;
        var freq = 0f;
        while (onFirst ? leftFirst-- > 0 : leftSecond-- > 0)
        {
            position = onFirst ? first.NextPosition() : second.NextPosition() - 1;
            end = Math.Max(end, position);
            if (position > next)
            {
                if (span <= slop)
                {
                    freq += scorer.ComputeSlopFactor(span);
                }

                onFirst = !onFirst;
                (position, next) = (next, position);
                span = end - position;
            }
            else
            {
                span = Math.Min(span, end - position);
            }
        }

        if (span <= slop)
        {
            freq += scorer.ComputeSlopFactor(span);
        }

        return freq;
    }

    /// <summary>The position readers of one segment: the thread's terms enumerator of each field and two reusable postings readers.</summary>
    public sealed class Readers(AtomicReaderContext leaf)
    {
        /// <summary>The word's positions in this segment (in reader <paramref name="slot"/>, 0 or 1), or null when it has none.</summary>
        public DocsAndPositionsEnum? Of(WeightedTerm term, int slot)
        {
            if (term.Stats.Get(leaf.Ord) is not { } state || FieldReaders.Of(leaf.AtomicReader, term.Term.Field) is not { } readers)
            {
                return null;
            }

            readers.Terms.SeekExact(term.Term.Bytes, state);
            return readers.Positions[slot] = readers.Terms.DocsAndPositions(null, readers.Positions[slot], DocsAndPositionsFlags.NONE);
        }
    }
}
