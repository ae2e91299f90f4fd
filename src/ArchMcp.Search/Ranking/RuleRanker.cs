using Lucene.Net.Index;
using Lucene.Net.Search;

namespace ArchMcp.Search;

/// <summary>
/// Rule search: the rule entries that best match a text, ranked by Lucene over the rule fields. A rule's text is
/// nearly always a section's text (or part of one), indexed again on the rule entry: it is scored with the section
/// text's statistics, so a word is as rare in rules as it is in the sections they come from, and rules whose standard
/// repeats them in several forms do not make their own words look common.
/// </summary>
internal static class RuleRanker
{
    /// <summary>The fields of a rule search and their weights.</summary>
    public static readonly IReadOnlyList<WeightedField> Fields =
    [
        new(IndexFields.RuleStatement, 2f),
        new(IndexFields.RuleText, 1f),
        new(IndexFields.RuleContext, 0.5f),
    ];

    /// <summary>
    /// The <paramref name="top"/> best rule entries for <paramref name="terms"/> among those <paramref name="filter"/>
    /// (if any) matches, best first (ties: see <see cref="TopHits"/>). Rule fields exist only on rule entries.
    /// </summary>
    public static ScoreDoc[] Top(IndexSearcher searcher, IReadOnlyList<string> terms, Query? filter, int top)
    {
        if (QueryFactory.Prepare(searcher.IndexReader, terms).Build(Fields) is not { } query)
        {
            return [];
        }

        var rules = new RuleSearcher(searcher.IndexReader) { Similarity = searcher.Similarity };
        return [.. TopHits.ByKey(rules, query, filter is null ? null : new QueryWrapperFilter(filter), top).Select(h => new ScoreDoc(h.Doc, h.Score))];
    }

    /// <summary>A searcher that weighs rule text with the statistics of section text.</summary>
    private sealed class RuleSearcher(IndexReader reader) : IndexSearcher(reader)
    {
        public override CollectionStatistics CollectionStatistics(string field)
        {
            if (field != IndexFields.RuleText)
            {
                return base.CollectionStatistics(field);
            }

            var s = base.CollectionStatistics(IndexFields.SectionText);
            return new CollectionStatistics(field, s.MaxDoc, s.DocCount, s.SumTotalTermFreq, s.SumDocFreq);
        }

        public override TermStatistics TermStatistics(Term term, TermContext context)
        {
            if (term.Field != IndexFields.RuleText)
            {
                return base.TermStatistics(term, context);
            }

            var inSections = TermContext.Build(IndexReader.Context, new Term(IndexFields.SectionText, term.Bytes));
            return new TermStatistics(term.Bytes, inSections.DocFreq, inSections.TotalTermFreq);
        }
    }
}
