using ArchMcp.Core.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace ArchMcp.Core.Search;

/// <summary>
/// Rule search: the best rule entries for the clauses of <see cref="QueryTerms.Clauses"/> over <see cref="Fields"/>.
/// A rule's text is scored as section text, with the section field's statistics: most rules are exactly a section of
/// their standard and have no text of their own in the index (indexing it again cost a quarter of the words a full
/// index inverts), so such a rule is scored from its section's postings and length; a rule with a text of its own (a
/// list item of a section) is scored from that text's postings and length with the same statistics.
/// </summary>
public static class RulePass
{
    /// <summary>The fields of a rule search; the text of a rule is <see cref="IndexFields.SectionText"/> here.</summary>
    public static readonly IReadOnlyList<WeightedField> Fields =
    [
        new(IndexFields.RuleStatement, 2f),
        new(IndexFields.SectionText, 1f),
        new(IndexFields.RuleContext, 0.5f),
    ];

    /// <summary>The <paramref name="top"/> best rule entries (ties: the earlier entry), best first.</summary>
    public static List<(int Doc, float Score)> Top(IndexSearcher searcher, IReadOnlyList<TermClause> clauses, Query? filter, int top)
    {
        var similarity = searcher.Similarity;
        var weights = TermScoring.Weights(searcher, clauses);
        var sections = searcher.CollectionStatistics(IndexFields.SectionText);
        // an own text's lengths are read from its field; its statistics are the sections'
        var asOwnText = new CollectionStatistics(IndexFields.RuleText, sections.MaxDoc, sections.DocCount, sections.SumTotalTermFreq, sections.SumDocFreq);
        var ownWeights = clauses.Select(c => c.Fields.Select(terms => terms.Select(t =>
            t.Term.Field == IndexFields.SectionText ? TermScoring.Weight(searcher, t, asOwnText) : null).ToArray()).ToArray()).ToArray();
        var inFilter = filter is null ? null : searcher.CreateNormalizedWeight(filter);
        var best = new BestEntries(top);
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var accept = TermScoring.Accepted(leaf, inFilter, out var none);
            if (none)
            {
                continue;
            }

            var rules = SegmentRules.Of(leaf.AtomicReader);
            if (rules.Docs.Length == 0)
            {
                continue;
            }

            var postings = new TermScoring.Postings(leaf, accept);
            using var sums = ClauseSums.Rent(rules.Docs.Length);
            for (var c = 0; c < clauses.Count; c++)
            {
                sums.NextClause();
                for (var f = 0; f < clauses[c].Fields.Count; f++)
                {
                    sums.NextField(onePerSlot: false);
                    foreach (var (t, term) in clauses[c].Fields[f].Index())
                    {
                        var own = ownWeights[c][f][t];
                        if (postings.Of(term) is { } docs)
                        {
                            var scorer = similarity.GetSimScorer(weights[c][f][t], leaf);
                            if (own is null)
                            {
                                AddToOwn(docs, scorer, rules, sums);
                            }
                            else
                            {
                                AddToSectionRules(docs, scorer, rules, sums);
                            }
                        }

                        if (own is not null && postings.Of(IndexFields.RuleText, term.Term.Bytes) is { } ownText)
                        {
                            AddToOwn(ownText, similarity.GetSimScorer(own, leaf), rules, sums);
                        }
                    }

                    sums.EndField();
                }

                sums.EndClause(TermClause.Tie);
            }

            foreach (var slot in sums.Slots)
            {
                best.Offer(sums.ScoreOf(slot), leaf.DocBase + rules.Docs[slot]);
            }
        }

        return best.BestFirst();
    }

    /// <summary>A rule entry's own score for a term.</summary>
    private static void AddToOwn(DocsEnum docs, Similarity.SimScorer scorer, SegmentRules rules, ClauseSums sums)
    {
        for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
        {
            if (rules.SlotOf[doc] is var slot and >= 0)
            {
                sums.AddTerm(slot, scorer.Score(doc, docs.Freq));
            }
        }
    }

    /// <summary>A section's score for a term, given to each rule that is exactly that section.</summary>
    private static void AddToSectionRules(DocsEnum docs, Similarity.SimScorer scorer, SegmentRules rules, ClauseSums sums)
    {
        for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
        {
            var slot = rules.RuleOfSection[doc];
            if (slot >= 0)
            {
                var score = scorer.Score(doc, docs.Freq);
                for (; slot >= 0; slot = rules.NextOfSection[slot])
                {
                    sums.AddTerm(slot, score);
                }
            }
        }
    }
}
