using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;

namespace ArchMcp.Search;

/// <summary>A field to search and its weight.</summary>
internal readonly record struct WeightedField(string Name, float Boost);

/// <summary>
/// Builds Lucene queries from free text without a query parser: the text is analysed like the index, each term
/// becomes a best-field match over the weighted fields, and terms the index has never seen are matched fuzzily
/// (misspellings). Nothing in user text is syntax, so no input can break a search.
/// </summary>
internal sealed class QueryFactory(Analyzer analyzer)
{
    /// <summary>The most terms taken from one text; longer texts keep their first terms.</summary>
    public const int MaxTerms = 256;

    /// <summary>Only short texts (questions, not whole designs) get fuzzy matching for words the index lacks.</summary>
    public const int MaxTermsForFuzzy = 16;

    /// <summary>Edits allowed in a fuzzy match (a swap of two letters counts as one).</summary>
    public const int FuzzyEdits = 1;

    /// <summary>At most this many unknown words of one query are matched fuzzily.</summary>
    public const int MaxFuzzyTerms = 4;

    /// <summary>At most this many index terms stand for one unknown word.</summary>
    public const int FuzzyExpansions = 10;

    /// <summary>Weight of a fuzzy match relative to an exact one (before its similarity).</summary>
    public const float FuzzyWeight = 0.7f;

    /// <summary>How far apart two neighbouring query words may stand and still count as near.</summary>
    public const int ProximitySlop = 3;

    /// <summary>Weight of a neighbouring pair found near each other, relative to a single word.</summary>
    public const float ProximityBoost = 0.5f;

    /// <summary>Analysed, distinct terms of <paramref name="text"/> in order of first appearance.</summary>
    public IReadOnlyList<string> Terms(string text)
    {
        var terms = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var stream = analyzer.GetTokenStream("body", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken() && terms.Count < MaxTerms)
        {
            var t = term.ToString();
            if (t.Length > 0 && t.Length <= 64 && seen.Add(t))
            {
                terms.Add(t);
            }
        }

        stream.End();
        return terms;
    }

    /// <summary><paramref name="terms"/> on <paramref name="reader"/>, to build queries over several sets of fields.</summary>
    public static QueryTerms Prepare(IndexReader reader, IReadOnlyList<string> terms) => new(reader.Context, terms);
}
