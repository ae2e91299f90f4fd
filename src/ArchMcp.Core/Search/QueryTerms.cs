using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Lucene.Net.Util.Automaton;

namespace ArchMcp.Core.Search;

/// <summary>
/// The terms of one text on one index, building its queries: queries over different fields share the fuzzy matcher
/// of each unknown word, whose construction costs far more than matching it against the index.
/// </summary>
public sealed class QueryTerms
{
    private readonly IndexReaderContext _top;
    private readonly IReadOnlyList<string> _terms;
    private readonly BytesRef[] _bytes;
    private readonly int[] _seekOrder;
    private readonly Dictionary<string, CompiledAutomaton> _fuzzy = new(StringComparer.Ordinal);
    private readonly Dictionary<IReadOnlyList<WeightedField>, TermContext?[][]> _found = new(ReferenceEqualityComparer.Instance);

    internal QueryTerms(IndexReaderContext top, IReadOnlyList<string> terms)
    {
        _top = top;
        _terms = terms;
        _bytes = [.. terms.Select(t => new BytesRef(t))];
        // seeks in term order start where the last one ended
        _seekOrder = [.. Enumerable.Range(0, terms.Count).OrderBy(i => terms[i], StringComparer.Ordinal)];
    }

    /// <summary>One clause per term: the best of the fields (plus a little of the others), fuzzy for unknown terms.</summary>
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
            query.Add(clause.ToQuery(), Occur.SHOULD);
        }

        // neighbouring words near each other in the proximity field count extra ("load balancer health check")
        foreach (var pair in proximityField is null ? [] : WordPairs(fields, proximityField))
        {
            query.Add(pair.ToQuery(), Occur.SHOULD);
        }

        return query.Clauses.Count == 0 ? null : query;
    }

    /// <summary>
    /// Neighbouring words of the query, paired, with each word's statistics in <paramref name="proximityField"/> (one of
    /// <paramref name="fields"/>): a sloppy phrase query each (<see cref="WordPair.ToQuery"/>), which the section pass
    /// scores itself. A pair with a word the field lacks cannot
    /// match, and would still look its words up in every segment: it is left out.
    /// </summary>
    public List<WordPair> WordPairs(IReadOnlyList<WeightedField> fields, string proximityField)
    {
        var inField = fields.Select(f => f.Name).ToList().IndexOf(proximityField);
        if (inField < 0)
        {
            throw new ArgumentException($"The proximity field {proximityField} is not one of the fields.", nameof(proximityField));
        }

        var found = LookUp(fields);
        var pairs = new List<WordPair>();
        for (var i = 0; i + 1 < _terms.Count && i < 32; i++)
        {
            // the terms of a text are distinct (QueryFactory.Terms); a word beside itself would be no pair
            if (found[i][inField] is { } first && found[i + 1][inField] is { } second && _terms[i] != _terms[i + 1])
            {
                pairs.Add(new WordPair(
                    new WeightedTerm(new Term(proximityField, _terms[i]), first, 1f),
                    new WeightedTerm(new Term(proximityField, _terms[i + 1]), second, 1f),
                    QueryFactory.ProximitySlop, QueryFactory.ProximityBoost));
            }
        }

        return pairs;
    }

    /// <summary>The clauses <see cref="Build"/> makes of the terms, as data: what the file pass scores itself.</summary>
    public List<TermClause> Clauses(IReadOnlyList<WeightedField> fields) => Clauses(fields, LookUp(fields));

    private List<TermClause> Clauses(IReadOnlyList<WeightedField> fields, TermContext?[][] found)
    {
        var clauses = new List<TermClause>();
        var fuzzyLeft = _terms.Count <= QueryFactory.MaxTermsForFuzzy ? QueryFactory.MaxFuzzyTerms : 0;
        for (var i = 0; i < _terms.Count; i++)
        {
            var t = _terms[i];
            // fields that lack the term get no clause
            var present = new List<WeightedTerm[]>(fields.Count);
            for (var j = 0; j < fields.Count; j++)
            {
                if (found[i][j] is { } stats)
                {
                    present.Add([new WeightedTerm(new Term(fields[j].Name, t), stats, fields[j].Boost, Kept: true)]);
                }
            }

            if (present.Count > 0)
            {
                clauses.Add(new TermClause(present, Fuzzy: false));
            }
            else if (t.Length >= 5 && !t.Any(char.IsDigit) && fuzzyLeft-- > 0)
            {
                clauses.Add(new TermClause([.. fields.Select(f => Fuzzy(f, t))], Fuzzy: true));
            }
        }

        return clauses;
    }

    /// <summary>
    /// Each term's statistics in each field (null where the field lacks it), handed to the term queries so they do not
    /// look the terms up again. Words looked up before in a segment are known (<see cref="KnownTerms"/>); the others
    /// are sought by the thread's terms enumerator of each field and segment, in term order: building one per lookup,
    /// as <see cref="TermContext.Build"/> does, made most of a search's garbage. Kept per set of fields.
    /// </summary>
    private TermContext?[][] LookUp(IReadOnlyList<WeightedField> fields)
    {
        if (_found.TryGetValue(fields, out var known))
        {
            return known;
        }

        var found = _found[fields] = [.. _terms.Select(_ => new TermContext?[fields.Count])];
        foreach (var leaf in _top.Leaves)
        {
            for (var j = 0; j < fields.Count; j++)
            {
                if (KnownTerms.Of(leaf.AtomicReader, fields[j].Name) is not { } lookups)
                {
                    continue;
                }

                TermsEnum? termsEnum = null;
                foreach (var i in _seekOrder)
                {
                    if (!lookups.TryGet(_terms[i], out var word))
                    {
                        termsEnum ??= FieldReaders.Of(leaf.AtomicReader, fields[j].Name)!.Terms;
                        word = termsEnum.SeekExact(_bytes[i]) ? new KnownTerms.Found(termsEnum.GetTermState(), termsEnum.DocFreq, termsEnum.TotalTermFreq) : null;
                        lookups.Add(_terms[i], word);
                    }

                    if (word is not null)
                    {
                        (found[i][j] ??= new TermContext(_top)).Register(word.State, leaf.Ord, word.DocFreq, word.TotalTermFreq);
                    }
                }
            }
        }

        return found;
    }

    /// <summary>
    /// What a <see cref="FuzzyQuery"/> (one edit, first letter kept, transpositions, 10 expansions) rewrites to on this
    /// index — the field's terms one edit away, the 10 most similar (then the first in term order), each weighted by
    /// its similarity — with the word's matcher built once for all fields.
    /// </summary>
    private WeightedTerm[] Fuzzy(WeightedField field, string text)
    {
        if (!_fuzzy.TryGetValue(text, out var matcher))
        {
            var prefix = char.IsSurrogatePair(text, 0) ? 2 : 1;
            var edits = new LevenshteinAutomata(text[prefix..], withTranspositions: true).ToAutomaton(QueryFactory.FuzzyEdits);
            _fuzzy[text] = matcher = new CompiledAutomaton(BasicOperations.Concatenate(BasicAutomata.MakeString(text[..prefix]), edits), finite: true, simplify: false);
        }

        var candidates = new Dictionary<BytesRef, TermContext>();
        foreach (var leaf in _top.Leaves)
        {
            var termsEnum = leaf.AtomicReader.GetTerms(field.Name)?.Intersect(matcher, null);
            while (termsEnum is not null && termsEnum.MoveNext())
            {
                var term = termsEnum.Term;
                if (!candidates.TryGetValue(term, out var stats))
                {
                    candidates[BytesRef.DeepCopyOf(term)] = stats = new TermContext(_top);
                }

                stats.Register(termsEnum.GetTermState(), leaf.Ord, termsEnum.DocFreq, termsEnum.TotalTermFreq);
            }
        }

        // the word is in none of the fields, so every candidate is exactly one edit away
        var length = text.EnumerateRunes().Count();
        return [.. candidates
            .Select(c => (Term: c.Key, c.Value, Similarity: 1f - 1f / Math.Min(UnicodeUtil.CodePointCount(c.Key), length)))
            .Where(c => c.Similarity > 0)
            .OrderByDescending(c => c.Similarity)
            .ThenBy(c => c.Term, BytesRef.UTF8SortedAsUnicodeComparer)
            .Take(QueryFactory.FuzzyExpansions)
            .OrderBy(c => c.Term, BytesRef.UTF8SortedAsUnicodeComparer)
            .Select(c => new WeightedTerm(new Term(field.Name, c.Term), c.Value, field.Boost * QueryFactory.FuzzyWeight * c.Similarity))];
    }
}

/// <summary>
/// One term of a query in one field: its statistics over the whole index and its weight. <paramref name="Kept"/>: its
/// statistics hold the segments' kept lookups (<see cref="KnownTerms"/>), the same from one search to the next.
/// </summary>
public sealed record WeightedTerm(Term Term, TermContext Stats, float Boost, bool Kept = false)
{
    public TermQuery ToQuery() => new(Term, Stats) { Boost = Boost };
}

/// <summary>
/// A query word's clause: its best field's score plus a share of the others' (<see cref="Tie"/>). A field's score is
/// its term's, or for an unknown word (<paramref name="Fuzzy"/>) the sum of its candidates' one edit away.
/// </summary>
public sealed record TermClause(IReadOnlyList<WeightedTerm[]> Fields, bool Fuzzy)
{
    public const float Tie = 0.2f;

    public Query ToQuery()
    {
        var dismax = new DisjunctionMaxQuery(Tie);
        foreach (var terms in Fields)
        {
            if (!Fuzzy)
            {
                dismax.Add(terms.Single().ToQuery());
                continue;
            }

            var sum = new BooleanQuery(disableCoord: true);
            foreach (var t in terms)
            {
                sum.Add(t.ToQuery(), Occur.SHOULD);
            }

            dismax.Add(sum);
        }

        return dismax;
    }
}
