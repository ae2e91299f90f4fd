using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace ArchMcp.Search;

/// <summary>
/// The terms of one text on one index, building its Lucene queries. Each term's statistics are looked up once per set
/// of fields (<see cref="TermContext"/>) and handed to its term queries, so the file and the section query of one
/// search do not look the same words up twice.
/// </summary>
internal sealed class QueryTerms
{
    /// <summary>A word's share of the score in its other fields, next to its best field's.</summary>
    public const float Tie = 0.2f;

    private readonly IndexReaderContext _top;
    private readonly IReadOnlyList<string> _terms;
    private readonly Dictionary<IReadOnlyList<WeightedField>, TermContext?[][]> _found = new(ReferenceEqualityComparer.Instance);

    internal QueryTerms(IndexReaderContext top, IReadOnlyList<string> terms)
    {
        _top = top;
        _terms = terms;
    }

    /// <summary>
    /// One clause per term — the best of the fields it is in plus <see cref="Tie"/> of the others, or for a word no
    /// field has a fuzzy match in every field — and, when <paramref name="proximityField"/> is given, a sloppy phrase
    /// clause per pair of neighbouring words. Null when nothing can match.
    /// </summary>
    public BooleanQuery? Build(IReadOnlyList<WeightedField> fields, string? proximityField = null)
    {
        if (_terms.Count == 0)
        {
            return null;
        }

        var found = LookUp(fields);
        var query = new BooleanQuery(disableCoord: true);
        foreach (var clause in Clauses(fields, found))
        {
            query.Add(clause, Occur.SHOULD);
        }

        // neighbouring words near each other in the proximity field count extra ("load balancer health check")
        foreach (var pair in proximityField is null ? [] : WordPairs(fields, found, proximityField))
        {
            query.Add(pair, Occur.SHOULD);
        }

        return query.Clauses.Count == 0 ? null : query;
    }

    /// <summary>
    /// Neighbouring words of the query near each other in <paramref name="proximityField"/> (one of
    /// <paramref name="fields"/>), a sloppy phrase query each. A pair with a word the field lacks cannot match: it is
    /// left out.
    /// </summary>
    private List<PhraseQuery> WordPairs(IReadOnlyList<WeightedField> fields, TermContext?[][] found, string proximityField)
    {
        var inField = fields.Select(f => f.Name).ToList().IndexOf(proximityField);
        if (inField < 0)
        {
            throw new ArgumentException($"The proximity field {proximityField} is not one of the fields.", nameof(proximityField));
        }

        var pairs = new List<PhraseQuery>();
        for (var i = 0; i + 1 < _terms.Count && i < 32; i++)
        {
            // the terms of a text are distinct (QueryFactory.Terms); a word beside itself would be no pair
            if (found[i][inField] is not null && found[i + 1][inField] is not null && _terms[i] != _terms[i + 1])
            {
                var pair = new PhraseQuery { Slop = QueryFactory.ProximitySlop, Boost = QueryFactory.ProximityBoost };
                pair.Add(new Term(proximityField, _terms[i]));
                pair.Add(new Term(proximityField, _terms[i + 1]));
                pairs.Add(pair);
            }
        }

        return pairs;
    }

    private List<Query> Clauses(IReadOnlyList<WeightedField> fields, TermContext?[][] found)
    {
        var clauses = new List<Query>();
        var fuzzyLeft = _terms.Count <= QueryFactory.MaxTermsForFuzzy ? QueryFactory.MaxFuzzyTerms : 0;
        for (var i = 0; i < _terms.Count; i++)
        {
            var t = _terms[i];
            // fields that lack the term get no clause
            var dismax = new DisjunctionMaxQuery(Tie);
            for (var j = 0; j < fields.Count; j++)
            {
                if (found[i][j] is { } stats)
                {
                    dismax.Add(new TermQuery(new Term(fields[j].Name, t), stats) { Boost = fields[j].Boost });
                }
            }

            if (dismax.Disjuncts.Count > 0)
            {
                clauses.Add(dismax);
            }
            else if (t.Length >= 5 && !t.Any(char.IsDigit) && fuzzyLeft-- > 0)
            {
                // a word no field has: likely misspelt, so the fields' words one edit away stand for it
                foreach (var f in fields)
                {
                    dismax.Add(new FuzzyQuery(new Term(f.Name, t), QueryFactory.FuzzyEdits, prefixLength: 1, QueryFactory.FuzzyExpansions, transpositions: true)
                    {
                        Boost = f.Boost * QueryFactory.FuzzyWeight,
                    });
                }

                clauses.Add(dismax);
            }
        }

        return clauses;
    }

    /// <summary>
    /// Each term's statistics in each field (null where the field lacks it), kept per set of fields. What
    /// <see cref="TermContext.Build"/> finds for each term, sought with one terms enumerator per field and segment
    /// (in term order) instead of a new one per term: each enumerator allocates its frames and buffers.
    /// </summary>
    private TermContext?[][] LookUp(IReadOnlyList<WeightedField> fields)
    {
        if (_found.TryGetValue(fields, out var known))
        {
            return known;
        }

        var found = _found[fields] = [.. _terms.Select(_ => new TermContext?[fields.Count])];
        var bytes = _terms.Select(t => new BytesRef(t)).ToArray();
        var inOrder = Enumerable.Range(0, _terms.Count).OrderBy(i => bytes[i], BytesRef.UTF8SortedAsUnicodeComparer).ToArray();
        foreach (var leaf in _top.Leaves)
        {
            for (var j = 0; j < fields.Count; j++)
            {
                if (leaf.AtomicReader.GetTerms(fields[j].Name) is not { } terms)
                {
                    continue;
                }

                var termsEnum = terms.GetEnumerator();
                foreach (var i in inOrder)
                {
                    if (termsEnum.SeekExact(bytes[i]))
                    {
                        (found[i][j] ??= new TermContext(_top)).Register(termsEnum.GetTermState(), leaf.Ord, termsEnum.DocFreq, termsEnum.TotalTermFreq);
                    }
                }
            }
        }

        return found;
    }
}
