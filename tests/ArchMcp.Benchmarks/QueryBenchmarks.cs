using ArchMcp.Core.Model;
using BenchmarkDotNet.Attributes;

namespace ArchMcp.Benchmarks;

/// <summary>
/// search_knowledge in-process over one index of the five corpora, with the dev set's queries of a kind
/// ("search": free text; "lookup": ADR numbers, supersession chains, rule ids). Each invocation runs
/// <see cref="Batch"/> queries cycling through the set, so the figure is the mean time per query.
/// </summary>
[BenchmarkCategory("query")]
public class SearchBenchmarks
{
    public const int Batch = 8;
    private DevQuery[] _queries = [];
    private int _next;

    [Params("search", "lookup")]
    public string Kind { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _ = SharedIndex.Service;
        _queries = [.. BenchData.Queries().Where(q => q.Kind == Kind)];
        _next = 0;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "search_knowledge")]
    public async Task<int> Search()
    {
        var hits = 0;
        for (var i = 0; i < Batch; i++)
        {
            var q = _queries[_next];
            _next = (_next + 1) % _queries.Length;
            hits += (await SharedIndex.Service.SearchAsync(new SearchRequest { Query = q.Query, Limit = 5 })).Hits.Count;
        }

        return hits;
    }
}

/// <summary>get_decision by the kinds of reference users give (number, ADR-id, slug, file name, title words).</summary>
[BenchmarkCategory("query")]
public class GetDecisionBenchmarks
{
    public const int Batch = 8;

    public static readonly (string Root, string Reference)[] References =
    [
        ("govuk-aws", "21"),
        ("govuk-aws", "ADR-0015"),
        ("govuk-aws", "0025-use-elasticache-for-redis.md"),
        ("govuk-aws", "use elasticache for redis"),
        ("madr", "0013"),
        ("madr", "ADR-13"),
        ("log4brains", "use the adr number as its unique id"),
        ("log4brains", "20201103-use-lunr-for-search.md"),
    ];

    private int _next;

    [GlobalSetup]
    public void Setup() => _ = SharedIndex.Service;

    [Benchmark(OperationsPerInvoke = Batch, Description = "get_decision")]
    public async Task<int> GetDecision()
    {
        var sections = 0;
        for (var i = 0; i < Batch; i++)
        {
            var (root, reference) = References[_next];
            _next = (_next + 1) % References.Length;
            sections += (await SharedIndex.Service.GetDecisionAsync(new GetDecisionRequest { Reference = reference, Root = root })).Sections.Count;
        }

        return sections;
    }
}

/// <summary>design_checklist on the dev set's design texts (each scoped to its corpus, as eval does).</summary>
[BenchmarkCategory("query")]
public class ChecklistBenchmarks
{
    public const int Batch = 4;
    private DevQuery[] _designs = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _ = SharedIndex.Service;
        _designs = [.. BenchData.Queries().Where(q => q.Kind == "checklist")];
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "design_checklist")]
    public async Task<int> Checklist()
    {
        var items = 0;
        for (var i = 0; i < Batch; i++)
        {
            var q = _designs[_next];
            _next = (_next + 1) % _designs.Length;
            items += (await SharedIndex.Service.DesignChecklistAsync(new ChecklistRequest { Design = q.Query, Root = q.Corpus })).Items.Count;
        }

        return items;
    }
}
