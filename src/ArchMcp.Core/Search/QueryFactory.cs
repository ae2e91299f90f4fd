using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace ArchMcp.Core.Search;

/// <summary>A field to search and its weight.</summary>
public readonly record struct WeightedField(string Name, float Boost);

/// <summary>
/// Builds Lucene queries from free text without a query parser: the text is analysed like the index, each term
/// becomes a best-field match over the weighted fields, and terms the index has never seen are matched fuzzily
/// (misspellings). Nothing in user text is syntax, so no input can break a search.
/// </summary>
public sealed class QueryFactory(Analyzer analyzer)
{
    /// <summary>The most terms taken from one text; longer texts keep their first terms.</summary>
    public const int MaxTerms = 256;

    /// <summary>Only short texts (questions, not whole designs) get fuzzy matching for words the index lacks.</summary>
    public const int MaxTermsForFuzzy = 16;

    /// <summary>Edits allowed in a fuzzy match (a swap of two letters counts as one).</summary>
    public const int FuzzyEdits = 1;

    /// <summary>At most this many unknown words of one query are matched fuzzily.</summary>
    public const int MaxFuzzyTerms = 4;

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

    /// <summary>One clause per term: the best of the fields (plus a little of the others), fuzzy for unknown terms.</summary>
    public Query? Build(IndexReader reader, IReadOnlyList<string> terms, IReadOnlyList<WeightedField> fields, string? proximityField = null)
    {
        if (terms.Count == 0)
        {
            return null;
        }

        var query = new BooleanQuery(disableCoord: true);
        var fuzzyLeft = terms.Count <= MaxTermsForFuzzy ? MaxFuzzyTerms : 0;
        var found = LookUp(reader.Context, terms, fields);
        for (var i = 0; i < terms.Count; i++)
        {
            var t = terms[i];
            // fields that lack the term get no clause
            var present = new List<(WeightedField Field, Term Term, TermContext Stats)>(fields.Count);
            for (var j = 0; j < fields.Count; j++)
            {
                if (found[i, j] is { } stats)
                {
                    present.Add((fields[j], new Term(fields[j].Name, t), stats));
                }
            }

            var fuzzy = present.Count == 0 && t.Length >= 5 && !t.Any(char.IsDigit) && fuzzyLeft-- > 0;
            if (present.Count == 0 && !fuzzy)
            {
                continue;
            }

            var dismax = new DisjunctionMaxQuery(0.2f);
            if (fuzzy)
            {
                foreach (var f in fields)
                {
                    dismax.Add(new FuzzyQuery(new Term(f.Name, t), FuzzyEdits, prefixLength: 1, maxExpansions: 10, transpositions: true) { Boost = f.Boost * 0.7f });
                }
            }
            else
            {
                foreach (var (f, term, stats) in present)
                {
                    dismax.Add(new TermQuery(term, stats) { Boost = f.Boost });
                }
            }

            query.Add(dismax, Occur.SHOULD);
        }

        if (proximityField is not null)
        {
            // words of the query that stand near each other in the text count extra ("load balancer health check")
            for (var i = 0; i + 1 < terms.Count && i < 32; i++)
            {
                var pair = new PhraseQuery { Slop = ProximitySlop, Boost = ProximityBoost };
                pair.Add(new Term(proximityField, terms[i]));
                pair.Add(new Term(proximityField, terms[i + 1]));
                query.Add(pair, Occur.SHOULD);
            }
        }

        return query.Clauses.Count == 0 ? null : query;
    }

    /// <summary>
    /// Each term's statistics in each field (null where the field lacks it), handed to the term queries so they do not
    /// look the terms up again. One terms enumerator per field and segment serves all the terms: building one per
    /// lookup, as <see cref="TermContext.Build"/> does, made most of a search's garbage.
    /// </summary>
    private static TermContext?[,] LookUp(IndexReaderContext top, IReadOnlyList<string> terms, IReadOnlyList<WeightedField> fields)
    {
        var found = new TermContext?[terms.Count, fields.Count];
        var bytes = terms.Select(t => new BytesRef(t)).ToArray();
        foreach (var leaf in top.Leaves)
        {
            for (var j = 0; j < fields.Count; j++)
            {
                var termsEnum = leaf.AtomicReader.GetTerms(fields[j].Name)?.GetEnumerator();
                if (termsEnum is null)
                {
                    continue;
                }

                for (var i = 0; i < bytes.Length; i++)
                {
                    if (termsEnum.SeekExact(bytes[i]))
                    {
                        (found[i, j] ??= new TermContext(top)).Register(termsEnum.GetTermState(), leaf.Ord, termsEnum.DocFreq, termsEnum.TotalTermFreq);
                    }
                }
            }
        }

        return found;
    }
}
