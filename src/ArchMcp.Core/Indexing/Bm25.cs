using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace ArchMcp.Core.Indexing;

/// <summary>
/// BM25 (k1 = 1.2, b = 0.75) computed as Lucene's <see cref="BM25Similarity"/> computes it — the same norms, weights
/// and float arithmetic, so the same scores — but with a term's factors open (<see cref="TermWeight"/>): the search's
/// own scoring loops read a file's length byte from an array of their own and score with <see cref="Score"/>, where
/// Lucene's scorer makes two virtual calls per posting to reach the same numbers.
/// </summary>
public sealed class Bm25 : Similarity
{
    public const float K1 = 1.2f;
    public const float B = 0.75f;

    /// <summary>The field length each norm byte stands for (1 / f², f the byte decoded as a small float).</summary>
    private static readonly float[] Lengths = MakeLengths();

    private static readonly ConcurrentDictionary<float, float[]> FactorsByAverage = new();

    /// <summary>A term's score in one entry: its weight, its frequency there, and the length factor of the entry's norm.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Score(float weightValue, float freq, float lengthFactor) => weightValue * freq / (freq + lengthFactor);

    public override long ComputeNorm(FieldInvertState state) =>
        SmallSingle.SingleToByte315(state.Boost / (float)Math.Sqrt(state.Length - state.NumOverlap));

    public override SimWeight ComputeWeight(float queryBoost, CollectionStatistics collectionStats, params TermStatistics[] termStats)
    {
        // the idf's explanation is written only when asked for: formatting it was most of a search's weighing
        var idf = 0f;
        foreach (var term in termStats)
        {
            idf += Idf(term.DocFreq, collectionStats.MaxDoc);
        }

        var avgdl = AverageLength(collectionStats);
        return new TermWeight(collectionStats.Field, idf, () => termStats.Length == 1 ? Idf(collectionStats, termStats[0]) : Idf(collectionStats, termStats), queryBoost, avgdl, LengthFactors(avgdl));
    }

    /// <summary>
    /// The length factor of every norm byte for a field's average length, shared by all the terms of the field (a
    /// search weighs ~80 terms, and each made its own 1 KB table); the few averages of the open index are kept.
    /// </summary>
    private static float[] LengthFactors(float averageLength)
    {
        if (FactorsByAverage.TryGetValue(averageLength, out var known))
        {
            return known;
        }

        var factors = new float[256];
        for (var i = 0; i < factors.Length; i++)
        {
            factors[i] = K1 * ((1 - B) + (B * Lengths[i] / averageLength));
        }

        if (FactorsByAverage.Count >= 64)
        {
            FactorsByAverage.Clear(); // averages of indexes long replaced
        }

        return FactorsByAverage.GetOrAdd(averageLength, factors);
    }

    public override SimScorer GetSimScorer(SimWeight weight, AtomicReaderContext context)
    {
        var stats = (TermWeight)weight;
        return new Scorer(stats, context.AtomicReader.GetNormValues(stats.Field));
    }

    public override string ToString() => $"BM25(k1={K1},b={B})";

    private static float[] MakeLengths()
    {
        var lengths = new float[256];
        for (var i = 0; i < lengths.Length; i++)
        {
            var f = SmallSingle.SByte315ToSingle((sbyte)i);
            lengths[i] = 1.0f / (f * f);
        }

        return lengths;
    }

    private static float Idf(long docFreq, long docCount) => (float)Math.Log(1 + ((docCount - docFreq + 0.5D) / (docFreq + 0.5D)));

    private static Explanation Idf(CollectionStatistics collection, TermStatistics term) =>
        new(Idf(term.DocFreq, collection.MaxDoc), $"idf(docFreq={term.DocFreq}, maxDocs={collection.MaxDoc})");

    /// <summary>A phrase's idf: the sum of its terms'.</summary>
    private static Explanation Idf(CollectionStatistics collection, TermStatistics[] terms)
    {
        var sum = new Explanation { Description = "idf(), sum of:" };
        var value = 0.0f;
        foreach (var term in terms)
        {
            var idf = Idf(collection, term);
            sum.AddDetail(idf);
            value += idf.Value;
        }

        sum.Value = value;
        return sum;
    }

    private static float AverageLength(CollectionStatistics collection) =>
        collection.SumTotalTermFreq <= 0 ? 1f : (float)(collection.SumTotalTermFreq / (double)collection.MaxDoc);

    /// <summary>
    /// A term's (or a phrase's) statistics for one query: <see cref="WeightValue"/> and the length factor of every norm
    /// byte (<see cref="LengthFactors"/>), which <see cref="Score"/> combines with a frequency.
    /// </summary>
    public sealed class TermWeight(string field, float idf, Func<Explanation> explainIdf, float queryBoost, float averageLength, float[] lengthFactors) : SimWeight
    {
        private Explanation? _idf;

        public string Field { get; } = field;

        public float AverageLength { get; } = averageLength;

        /// <summary>k1 · ((1 − b) + b · length / average length) for each norm byte (shared by the field's terms: read only).</summary>
        public float[] LengthFactors { get; } = lengthFactors;

        public float IdfValue { get; } = idf;

        /// <summary>How the idf (<see cref="IdfValue"/>) was computed.</summary>
        public Explanation Idf => _idf ??= explainIdf();

        public float QueryBoost { get; } = queryBoost;

        public float TopLevelBoost { get; private set; } = 1f;

        /// <summary>idf · boosts · (k1 + 1): the score's numerator per unit of frequency.</summary>
        public float WeightValue { get; private set; }

        // a normalization like TF-IDF's is offered; BM25 does not use the query norm itself
        public override float GetValueForNormalization()
        {
            var queryWeight = IdfValue * QueryBoost;
            return queryWeight * queryWeight;
        }

        public override void Normalize(float queryNorm, float topLevelBoost)
        {
            TopLevelBoost = topLevelBoost;
            var weight = IdfValue * QueryBoost * topLevelBoost;
            WeightValue = weight * (K1 + 1);
        }
    }

    private sealed class Scorer(TermWeight weight, NumericDocValues? norms) : SimScorer
    {
        private readonly float _weightValue = weight.WeightValue;
        private readonly float[] _factors = weight.LengthFactors;

        // without norms a field is scored as if b were 0
        public override float Score(int doc, float freq) =>
            Bm25.Score(_weightValue, freq, norms is null ? K1 : _factors[(byte)norms.Get(doc)]);

        public override float ComputeSlopFactor(int distance) => 1.0f / (distance + 1);

        public override float ComputePayloadFactor(int doc, int start, int end, BytesRef payload) => 1;

        public override Explanation Explain(int doc, Explanation freq)
        {
            var result = new Explanation { Description = $"score(doc={doc},freq={freq}), product of:" };
            var boost = new Explanation(weight.QueryBoost * weight.TopLevelBoost, "boost");
            if (boost.Value != 1.0f)
            {
                result.AddDetail(boost);
            }

            result.AddDetail(weight.Idf);
            var tfNorm = new Explanation { Description = "tfNorm, computed from:" };
            tfNorm.AddDetail(freq);
            tfNorm.AddDetail(new Explanation(K1, "parameter k1"));
            if (norms is null)
            {
                tfNorm.AddDetail(new Explanation(0, "parameter b (norms omitted for field)"));
                tfNorm.Value = freq.Value * (K1 + 1) / (freq.Value + K1);
            }
            else
            {
                var length = Lengths[(byte)norms.Get(doc)];
                tfNorm.AddDetail(new Explanation(B, "parameter b"));
                tfNorm.AddDetail(new Explanation(weight.AverageLength, "avgFieldLength"));
                tfNorm.AddDetail(new Explanation(length, "fieldLength"));
                tfNorm.Value = freq.Value * (K1 + 1) / (freq.Value + (K1 * (1 - B + (B * length / weight.AverageLength))));
            }

            result.AddDetail(tfNorm);
            result.Value = boost.Value * weight.IdfValue * tfNorm.Value;
            return result;
        }
    }
}
