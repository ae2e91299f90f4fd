using ArchMcp.Core.Model;
using ArchMcp.Core.Rendering;
using ArchMcp.Core.Tests.Harness;

namespace ArchMcp.Core.Tests.Search;

/// <summary>"Not covered": search and checklist say so when nothing in the knowledge answers, instead of passing loosely related hits off as answers.</summary>
public sealed class CoverageTests : IDisposable
{
    private readonly EngineHarness _engine = new(EngineHarness.Empty);

    public CoverageTests()
    {
        _engine.Folder.Write("decisions/0001-store-sessions-in-redis.md", """
            # 1. Store sessions in Redis

            ## Status

            Accepted

            ## Context

            Sessions were lost on every deploy of the shop front end.

            ## Decision

            We will keep sessions in a managed Redis cluster, because it survives deploys.
            """);
        _engine.Folder.Write("decisions/0002-publish-events-to-kafka.md", """
            # 2. Publish order events to Kafka

            ## Status

            Accepted

            ## Decision

            Chosen option: "Kafka", because billing and shipping both replay order events.
            """);
        _engine.Folder.Write("standards/logging.md", """
            # Logging

            ## Retention

            Services MUST keep request logs for thirty days and MUST NOT log card numbers.
            """);
    }

    public void Dispose() => _engine.Dispose();

    [Theory]
    [InlineData("where do we keep sessions?")]
    [InlineData("why Kafka for order events")]
    [InlineData("request log retention")]
    // the words of asking (what's, recommended way, still, now) are no subject an answer must hold
    [InlineData("what's the recommended way to store sessions now, and does it still survive deploys?")]
    public async Task Search_WhenTheKnowledgeAnswers_IsCovered(string query)
    {
        var result = await _engine.SearchAsync(query);

        Assert.True(result.Covered);
        Assert.NotEmpty(result.Hits);
    }

    [Theory]
    [InlineData("which font does the design system use for headings?")]
    [InlineData("how are GPU clusters scheduled for model training?")]
    [InlineData("what is the on-call rota for the shop team?")]
    public async Task Search_WhenNothingAnswers_IsNotCoveredAndSaysSoInOneLine(string query)
    {
        var result = await _engine.SearchAsync(query);

        Assert.False(result.Covered);
        var text = KnowledgeMarkdown.Search(result);
        Assert.StartsWith("Not covered:", text, StringComparison.Ordinal);
        Assert.Single(text.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Search_WhenTheQueryNamesARecord_IsCovered()
    {
        var result = await _engine.SearchAsync("ADR 2");

        Assert.True(result.Covered);
        Assert.Equal("ADR-0002", result.Hits[0].Id);
    }

    [Fact]
    public async Task Checklist_WhenNothingApplies_IsNotCovered()
    {
        var covered = await _engine.Service.DesignChecklistAsync(new ChecklistRequest { Design = "request log retention" });
        var uncovered = await _engine.Service.DesignChecklistAsync(new ChecklistRequest { Design = "font sizes of headings in the design system" });

        Assert.True(covered.Covered);
        Assert.NotEmpty(covered.Items);
        Assert.False(uncovered.Covered);
        Assert.StartsWith("Not covered:", ChecklistMarkdown.Checklist(uncovered), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_ForADecision_CarriesItsOutcomeAndCitesTheQuotedLine()
    {
        var result = await _engine.SearchAsync("why Kafka for order events");

        var hit = Assert.Single(result.Hits, h => h.Id == "ADR-0002");
        Assert.Equal("Chosen option: \"Kafka\", because billing and shipping both replay order events.", hit.Decision);
        Assert.Contains("replay", _engine.LineOf(hit.Path, hit.Line));
        var view = await _engine.Service.GetDecisionAsync(new GetDecisionRequest { Reference = "ADR-2" });
        Assert.Equal(9, view.Decision?.Line);
    }
}
