using System.Text.Json.Serialization;

namespace ArchMcp.Core.Evaluation;

/// <summary>One graded query (the JSONL format of corpora/README.md).</summary>
public sealed record EvalQuery
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("corpus")] public required string Corpus { get; init; }
    [JsonPropertyName("kind")] public required string Kind { get; init; }
    [JsonPropertyName("query")] public required string Query { get; init; }
    [JsonPropertyName("relevant")] public Dictionary<string, int> Relevant { get; init; } = [];
    [JsonPropertyName("violations")] public List<string>? Violations { get; init; }
}

/// <summary>Ranking quality over a set of queries: recall@5, MRR@10, nDCG@10 and, for review queries, violation recall@10.</summary>
public sealed record EvalMetrics
{
    public int Queries { get; init; }
    public double Recall5 { get; init; }
    public double Mrr10 { get; init; }
    public double Ndcg10 { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? ViolationRecall10 { get; init; }
}

/// <summary>How one graded query was answered: the ids ranked, its metrics and how long it took.</summary>
public sealed record EvalQueryResult
{
    public required string Id { get; init; }
    public required string Corpus { get; init; }
    public required string Kind { get; init; }
    public required IReadOnlyList<string> Ranked { get; init; }
    public double Recall5 { get; init; }
    public double Mrr10 { get; init; }
    public double Ndcg10 { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? ViolationRecall10 { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<string>? Items { get; init; }
    public double Milliseconds { get; init; }

    /// <summary>Whether the answer said the knowledge covers the query (false: "not covered").</summary>
    public bool Covered { get; init; }

    /// <summary>The share of the query's words its best hit holds (search queries), the signal behind <see cref="Covered"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? Coverage { get; init; }
}

/// <summary>
/// How well answers abstain: a query with no relevant file is unanswerable, and an answer abstains when it says "not
/// covered". Precision: the share of abstentions that were on unanswerable queries (null without any); recall: the
/// share of unanswerable queries abstained on (null without any).
/// </summary>
public sealed record EvalAbstention(int Unanswerable, int Abstained, int Correct, double? Precision, double? Recall);

/// <summary>The scores; <see cref="Overall"/>, <see cref="ByKind"/> and <see cref="ByCorpus"/> are over the answerable queries.</summary>
public sealed record EvalReport(
    EvalMetrics Overall,
    IReadOnlyDictionary<string, EvalMetrics> ByKind,
    IReadOnlyDictionary<string, EvalMetrics> ByCorpus,
    IReadOnlyList<EvalQueryResult> Queries,
    IReadOnlyDictionary<string, double> IndexMilliseconds,
    EvalAbstention Abstention);

/// <summary>Reads query lines with code generated at build time (no reflection).</summary>
[JsonSerializable(typeof(EvalQuery))]
internal sealed partial class EvalJsonContext : JsonSerializerContext;
