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
}

/// <summary>The result of an evaluation run: overall, by query kind and by corpus, per query, and the indexing time per corpus.</summary>
public sealed record EvalReport(
    EvalMetrics Overall,
    IReadOnlyDictionary<string, EvalMetrics> ByKind,
    IReadOnlyDictionary<string, EvalMetrics> ByCorpus,
    IReadOnlyList<EvalQueryResult> Queries,
    IReadOnlyDictionary<string, double> IndexMilliseconds);

/// <summary>Reads query lines with code generated at build time (no reflection).</summary>
[JsonSerializable(typeof(EvalQuery))]
internal sealed partial class EvalJsonContext : JsonSerializerContext;
