using System.Text.Json;
using ArchMcp.Server.Cli;
using ArchMcp.Tests.Shared;

namespace ArchMcp.Server.Tests.Cli;

/// <summary>
/// The checks of issue 2 run through the CLI in-process over the shared corpora (skipped, with the reason shown,
/// when they are absent). The dev-set eval is the quality gate: overall nDCG@10 ≥ 0.90, lookup MRR@10 ≥ 0.95.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class CorporaCliTests : IDisposable
{
    public const double NdcgGate = 0.90;
    public const double LookupMrrGate = 0.95;

    private static readonly string[] DecisionFields =
        ["id", "number", "title", "status", "rawStatus", "date", "supersedes", "supersededBy", "amends", "amendedBy", "path", "line", "root"];

    private readonly TempKnowledgeFolder _index = new(null);

    public void Dispose() => _index.Dispose();

    [SkippableFact]
    public async Task List_WhenGovukAws_Returns38DecisionsWithKnownStatusesAndBothSupersessionDirections()
    {
        Corpora.Require("govuk-aws");

        var result = await CliFixture.RunRawAsync("list", "--knowledge", Corpora.Folder("govuk-aws"), "--index", _index.Path, "--format", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var items = result.Json().EnumerateArray().ToList();
        Assert.Equal(38, items.Count);
        Assert.All(items, AssertDecisionShape);
        Assert.DoesNotContain(items, d => d.GetProperty("status").GetString() == "unknown");
        var adr4 = items.Single(d => d.GetProperty("id").GetString() == "ADR-0004");
        var adr15 = items.Single(d => d.GetProperty("id").GetString() == "ADR-0015");
        Assert.Contains("ADR-0015", Ids(adr4, "supersededBy"));
        Assert.Contains("ADR-0004", Ids(adr15, "supersedes"));
    }

    [SkippableFact]
    public async Task Eval_WhenDevSet_MeetsTheQualityGate()
    {
        Corpora.Require();
        var queries = Path.Combine(Corpora.Path!, "dev-queries.jsonl");
        Skip.If(!File.Exists(queries), "dev-queries.jsonl is missing from the shared corpora.");

        var result = await CliFixture.RunRawAsync("eval", "--queries", queries, "--corpora", Corpora.Path!, "--format", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var json = result.Json();
        EvalFiles.AssertMetrics(json.GetProperty("overall"));
        var ndcg = json.GetProperty("overall").GetProperty("ndcg10").GetDouble();
        var lookupMrr = json.GetProperty("byKind").GetProperty("lookup").GetProperty("mrr10").GetDouble();
        var weak = string.Join("; ", json.GetProperty("queries").EnumerateArray()
            .Where(q => q.GetProperty("ndcg10").GetDouble() < 0.8)
            .Select(q => $"{q.GetProperty("id").GetString()} nDCG {q.GetProperty("ndcg10").GetDouble():0.00} MRR {q.GetProperty("mrr10").GetDouble():0.00}"));
        Assert.True(ndcg >= NdcgGate, $"overall nDCG@10 {ndcg:0.000} < {NdcgGate}; weak: {weak}");
        Assert.True(lookupMrr >= LookupMrrGate, $"lookup MRR@10 {lookupMrr:0.000} < {LookupMrrGate}; weak: {weak}");
        foreach (var corpus in new[] { "govuk-aws", "madr", "log4brains", "zalando", "gds-way" })
        {
            Assert.True(json.GetProperty("byCorpus").TryGetProperty(corpus, out _), $"byCorpus has no '{corpus}'");
        }
    }

    [SkippableTheory]
    [InlineData("govuk-aws")]
    [InlineData("madr")]
    [InlineData("log4brains")]
    [InlineData("zalando")]
    [InlineData("gds-way")]
    public async Task Lint_WhenSharedCorpus_PrintsTheDocumentedShape(string corpus)
    {
        Corpora.Require(corpus);

        var result = await CliFixture.RunRawAsync("lint", "--knowledge", Corpora.Folder(corpus), "--index", _index.Path, "--format", "json");

        var json = result.Json();
        AssertLintShape(json);
        var errors = json.GetProperty("summary").GetProperty("errors").GetInt32();
        Assert.Equal(errors > 0 ? ExitCodes.Findings : ExitCodes.Success, result.ExitCode);
    }

    [SkippableFact]
    public async Task Search_WhenGovukAwsAskedWhatSupersededDns_PutsTheSuccessorFirst()
    {
        Corpora.Require("govuk-aws");

        var result = await CliFixture.RunRawAsync("search", "what superseded ADR 4?", "--knowledge", Corpora.Folder("govuk-aws"), "--index", _index.Path, "--format", "json");

        Assert.Equal("ADR-0015", result.Json().GetProperty("hits")[0].GetProperty("id").GetString());
    }

    internal static void AssertDecisionShape(JsonElement decision)
    {
        foreach (var field in DecisionFields)
        {
            Assert.True(decision.TryGetProperty(field, out _), $"decision has no '{field}': {decision}");
        }

        foreach (var field in new[] { "supersedes", "supersededBy", "amends", "amendedBy" })
        {
            Assert.Equal(JsonValueKind.Array, decision.GetProperty(field).ValueKind);
        }

        Assert.Equal(JsonValueKind.String, decision.GetProperty("status").ValueKind);
        Assert.Equal(JsonValueKind.Number, decision.GetProperty("line").ValueKind);
    }

    internal static void AssertLintShape(JsonElement report)
    {
        var summary = report.GetProperty("summary");
        foreach (var field in new[] { "decisions", "standards", "rules", "references", "errors", "warnings" })
        {
            Assert.Equal(JsonValueKind.Number, summary.GetProperty(field).ValueKind);
        }

        var findings = report.GetProperty("findings");
        Assert.Equal(JsonValueKind.Array, findings.ValueKind);
        foreach (var finding in findings.EnumerateArray())
        {
            Assert.Contains(finding.GetProperty("severity").GetString(), new[] { "error", "warning", "info" });
            Assert.False(string.IsNullOrEmpty(finding.GetProperty("code").GetString()));
            Assert.Equal(JsonValueKind.String, finding.GetProperty("path").ValueKind);
            Assert.Equal(JsonValueKind.Number, finding.GetProperty("line").ValueKind);
            Assert.False(string.IsNullOrEmpty(finding.GetProperty("message").GetString()));
        }

        Assert.Equal(findings.EnumerateArray().Count(f => f.GetProperty("severity").GetString() == "error"), summary.GetProperty("errors").GetInt32());
    }

    private static IEnumerable<string?> Ids(JsonElement decision, string field) =>
        decision.GetProperty(field).EnumerateArray().Select(e => e.GetString());
}
