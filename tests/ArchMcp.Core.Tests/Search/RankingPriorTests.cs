using ArchMcp.Core.Model;
using ArchMcp.Core.Search;
using ArchMcp.Core.Tests.Harness;

namespace ArchMcp.Core.Tests.Search;

/// <summary>
/// What counts beyond a file's words, on minimal fixtures: pages around the knowledge (templates, process documents,
/// folder indexes) rank below the records with the same words unless the query names them; a query asking for a
/// decision prefers decisions; a checklist weighs a decision against the best file of any kind.
/// </summary>
public sealed class RankingPriorTests : IDisposable
{
    private readonly EngineHarness _engine = new(EngineHarness.Empty);

    public RankingPriorTests()
    {
        // the process document and the template say the query's words more densely than the decision: by words alone they rank first
        _engine.Folder.Write("docs/decisions/0001-order-events-on-kafka.md",
            "# 1. Order events on Kafka\n\nDate: 2024-01-10\n\n## Status\n\nAccepted\n\n## Context\n\nBilling receives what the shop sells late, and loses it when a " +
            "service restarts. Finance closes the month two days late because of it, and the support team answers customers who were charged twice.\n\n" +
            "## Decision\n\nWe publish order events on Kafka, partitioned by order id, and keep them for seven days.\n\n## Consequences\n\n" +
            "Billing consumes the topic at its own pace; a replay after an outage needs no help from the shop. Operations runs three more brokers.\n");
        _engine.Folder.Write("CONTRIBUTING.md",
            "# Contributing\n\nOrder events on Kafka: retention changes to order events on Kafka need a pull request and a review.\n");
        _engine.Folder.Write("docs/templates/adr-template.md",
            "# N. Title\n\n## Context\n\nWhich order events, which Kafka topics, which retention for the order events?\n\n## Decision\n\nWe will …\n");
        _engine.Folder.Write("docs/guides/ci-runners.md",
            "# CI runners\n\nOur workflows run on GitHub-hosted runners. Self-hosted runners need an approval. GitHub-hosted runners are patched by GitHub; " +
            "pick the smallest GitHub-hosted runner that builds the project.\n");
        _engine.Folder.Write("docs/decisions/0002-github-hosted-runners.md",
            "# 2. Use GitHub-hosted runners\n\nDate: 2024-02-01\n\n## Status\n\nAccepted\n\n## Decision\n\nWorkflows use GitHub-hosted runners.\n");
        _engine.Folder.Write("standards/error-handling.md",
            "# Error handling\n\n## Error variant names\n\nError variant names MUST describe the failure, such as `FailedToParseConfig`, and MUST NOT end in `Error`.\n\n" +
            "## Using unwrap\n\nCode MUST NOT call `unwrap` on results that can fail at run time; return the error instead.\n");
        _engine.Folder.Write("docs/decisions/0003-log-format.md",
            "# 3. Log format\n\nDate: 2024-03-01\n\n## Status\n\nAccepted\n\n## Decision\n\nServices write logs as JSON lines; an error is logged once, where it is handled.\n");
    }

    public void Dispose() => _engine.Dispose();

    [Fact]
    public async Task Search_WhenProcessDocumentAndTemplateShareTheWords_RanksTheDecisionFirst()
    {
        var result = await _engine.SearchAsync("retention of order events on Kafka", limit: 3);

        Assert.Equal("docs/decisions/0001-order-events-on-kafka.md", result.Hits[0].Path);
        Assert.Contains(result.Hits, h => h.Path == "CONTRIBUTING.md");
    }

    [Theory]
    [InlineData("contributing: order events on Kafka", "CONTRIBUTING.md")]
    [InlineData("template for order events on Kafka", "docs/templates/adr-template.md")]
    public async Task Search_WhenQueryNamesTheAuxiliaryPage_RanksItByItsWords(string query, string path)
    {
        var result = await _engine.SearchAsync(query, limit: 3);

        Assert.Equal(path, result.Hits[0].Path);
    }

    [Fact]
    public async Task Search_WhenQueryAsksForTheDecision_RanksTheDecisionAboveTheGuide()
    {
        var result = await _engine.SearchAsync("the decision about GitHub-hosted runners", limit: 3);

        Assert.Equal("ADR-0002", result.Hits[0].Id);
        Assert.Equal("decision", result.Hits[0].Kind);
    }

    [Theory]
    [InlineData("the decision about GitHub-hosted runners", true)]
    [InlineData("which ADRs cover caching?", true)]
    [InlineData("why was Kafka decided on?", true)]
    [InlineData("why do we run GitHub-hosted runners?", true)]
    [InlineData("how do we pick a runner size?", false)]
    [InlineData("error variant names", false)]
    public void Interpret_WhenQueryAsksForADecision_SaysSo(string query, bool asks)
    {
        Assert.Equal(asks, QueryInterpreter.Interpret(query).AsksForDecision);
    }

    [Fact]
    public async Task DesignChecklist_WhenTheOnlyDecisionMatchesWeakly_RanksTheRulesThatMatchAboveIt()
    {
        var result = await _engine.Service.DesignChecklistAsync(new ChecklistRequest
        {
            Design = "Our error variants are named `HttpRequestError` and `FailedToParseConfig`, and the reconcile loop calls `unwrap` on every result.",
            Limit = 10,
        });

        var ids = result.Items.Select(i => i.Id).ToList();
        var decision = ids.IndexOf("ADR-0003");
        var rules = new[] { "standards/error-handling.md :: Error variant names", "standards/error-handling.md :: Using unwrap" }.Select(r => ids.IndexOf(r)).ToList();
        Assert.All(rules, r => Assert.True(r >= 0, $"rule missing from {string.Join(", ", ids)}"));
        Assert.True(decision < 0 || rules.Max() < decision, $"the weakly matching decision outranks a rule: {string.Join(", ", ids)}");
    }
}
