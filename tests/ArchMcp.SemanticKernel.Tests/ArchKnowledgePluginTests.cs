using ArchMcp.Core;
using ArchMcp.Core.Model;
using Microsoft.SemanticKernel;

namespace ArchMcp.SemanticKernel.Tests;

/// <summary>Every function through <c>kernel.InvokeAsync</c> (no model) over the shared fixtures.</summary>
public sealed class ArchKnowledgePluginTests(KernelFixture fixture) : IClassFixture<KernelFixture>
{
    [Fact]
    public async Task SearchKnowledge_WhenAskedWhyKafka_RanksTheKafkaDecisionFirst()
    {
        var result = await fixture.InvokeAsync<SearchResult>("search_knowledge", new() { ["query"] = "why do we use Kafka" });

        var top = result.Hits[0];
        Assert.Equal("ADR-0001", top.Id);
        Assert.Equal("decision", top.Kind);
        Assert.Equal("Use Kafka for domain events", top.Title);
        Assert.Equal("decisions/0001-use-kafka-for-events.md", top.Path);
        Assert.InRange(result.Hits.Count, 1, 5);
    }

    [Fact]
    public async Task SearchKnowledge_WhenStatusIsSuperseded_ReturnsOnlySupersededDecisionsWithTheOneInForce()
    {
        var result = await fixture.InvokeAsync<SearchResult>("search_knowledge", new() { ["query"] = "postgres", ["status"] = "superseded" });

        var hit = Assert.Single(result.Hits);
        Assert.Equal("ADR-0002", hit.Id);
        Assert.Equal("superseded", hit.Status);
        Assert.Contains("ADR-0005", hit.SupersededBy ?? []);
    }

    [Fact]
    public async Task SearchKnowledge_WhenKindIsStandard_ReturnsOnlyStandards()
    {
        var result = await fixture.InvokeAsync<SearchResult>("search_knowledge", new() { ["query"] = "stack traces", ["kind"] = "standard", ["limit"] = 3 });

        Assert.NotEmpty(result.Hits);
        Assert.All(result.Hits, h => Assert.Equal("standard", h.Kind));
        Assert.Equal("API", result.Hits[0].Id);
    }

    [Fact]
    public async Task SearchKnowledge_WhenArgumentsComeAsModelText_ConvertsThem()
    {
        var result = await fixture.InvokeAsync<SearchResult>("search_knowledge", new()
        {
            ["query"] = "gateway",
            ["tags"] = "[\"api\"]",
            ["limit"] = "2",
        });

        Assert.InRange(result.Hits.Count, 1, 2);
        Assert.Equal("ADR-0003", result.Hits[0].Id);
    }

    [Fact]
    public async Task SearchKnowledge_WhenResultIsSerialised_UsesCamelCaseLikeTheMcpTools()
    {
        var result = await fixture.Kernel.InvokeAsync("arch", "search_knowledge", new() { ["query"] = "kafka" });

        var json = System.Text.Json.JsonSerializer.Serialize(result.GetValue<SearchResult>(), ArchKnowledgeKernelExtensions.JsonOptions);
        Assert.Contains("\"hits\":[{\"id\":\"", json, StringComparison.Ordinal);
        Assert.Contains("\"path\":\"decisions/0001-use-kafka-for-events.md\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kind", "banana", "Unknown kind 'banana'")]
    [InlineData("status", "maybe", "Unknown status 'maybe'")]
    public async Task SearchKnowledge_WhenFilterIsUnknown_ThrowsWithTheAcceptedValues(string name, string value, string expected)
    {
        var ex = await Assert.ThrowsAsync<InvalidQueryException>(() =>
            fixture.InvokeAsync<SearchResult>("search_knowledge", new() { ["query"] = "kafka", [name] = value }));

        Assert.StartsWith(expected, ex.Message);
        Assert.Contains(name == "kind" ? "decision, standard" : "proposed, accepted", ex.Message);
    }

    [Fact]
    public async Task SearchKnowledge_WhenLimitIsOutOfRange_ThrowsTheServiceMessage()
    {
        var ex = await Assert.ThrowsAsync<InvalidQueryException>(() =>
            fixture.InvokeAsync<SearchResult>("search_knowledge", new() { ["query"] = "kafka", ["limit"] = 0 }));

        Assert.Contains("limit", ex.Message);
    }

    [Fact]
    public async Task GetDecision_WhenDecisionIsSuperseded_ReturnsTheChainAndTheDecisionInForce()
    {
        var decision = await fixture.InvokeAsync<DecisionView>("get_decision", new() { ["id"] = "2" });

        Assert.Equal("ADR-0002", decision.Id);
        Assert.Equal("superseded", decision.Status);
        Assert.Equal("ADR-0005", Assert.Single(decision.SupersededBy).Id);
        Assert.Equal("ADR-0005", decision.InForce.Id);
        Assert.Contains(decision.Sections, s => s.Heading == "Decision" && s.Text.Contains("Puppet", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetDecision_WhenIdIsUnknown_ThrowsDecisionNotFound()
    {
        var ex = await Assert.ThrowsAsync<DecisionNotFoundException>(() =>
            fixture.InvokeAsync<DecisionView>("get_decision", new() { ["id"] = "ADR-0999" }));

        Assert.Contains("ADR-0999", ex.Message);
    }

    [Fact]
    public async Task ListDecisions_WhenStatusIsProposed_ReturnsTheProposedDecisions()
    {
        var page = await fixture.InvokeAsync<DecisionPage>("list_decisions", new() { ["status"] = "proposed" });

        Assert.Equal(["ADR-0003", "ADR-0007"], page.Items.Select(d => d.Id));
        Assert.All(page.Items, d => Assert.Equal("proposed", d.Status));
        Assert.Null(page.NextOffset);
    }

    [Fact]
    public async Task ListDecisions_WhenPaged_ReturnsTheNextOffset()
    {
        var page = await fixture.InvokeAsync<DecisionPage>("list_decisions", new() { ["limit"] = 2 });

        Assert.Equal(2, page.Items.Count);
        Assert.Equal(2, page.NextOffset);
        Assert.True(page.Total > 2);
    }

    [Fact]
    public async Task ListDecisions_WhenDateIsMalformed_ThrowsWithTheExpectedFormat()
    {
        var ex = await Assert.ThrowsAsync<InvalidQueryException>(() =>
            fixture.InvokeAsync<DecisionPage>("list_decisions", new() { ["from"] = "last year" }));

        Assert.Contains("2024-01-31", ex.Message);
    }

    [Fact]
    public async Task GetRule_WhenIdIsARuleNumber_ReturnsTheRuleWithItsLevel()
    {
        var lookup = await fixture.InvokeAsync<RuleLookup>("get_rule", new() { ["id"] = "176" });

        var rule = Assert.IsType<RuleView>(lookup.Rule);
        Assert.Equal("MUST", rule.Level);
        Assert.Equal("API", rule.StandardId);
        Assert.Contains("problem+json", rule.Text, StringComparison.Ordinal);
        Assert.Equal("standards/rest-api-rules.md", rule.Path);
    }

    [Fact]
    public async Task GetRule_WhenIdIsAStandard_ReturnsTheStandardWithItsRules()
    {
        var lookup = await fixture.InvokeAsync<RuleLookup>("get_rule", new() { ["id"] = "SEGAS-00006" });

        Assert.Null(lookup.Rule);
        var standard = Assert.IsType<StandardView>(lookup.Standard);
        Assert.Equal("Security logging requirements", standard.Title);
        Assert.Contains(standard.Rules, r => r.Id == "SEGAS-00015" && r.Level == "MUST");
    }

    [Fact]
    public async Task GetRule_WhenIdIsUnknown_ThrowsRuleNotFound()
    {
        await Assert.ThrowsAsync<RuleNotFoundException>(() =>
            fixture.InvokeAsync<RuleLookup>("get_rule", new() { ["id"] = "NOPE-42" }));
    }

    [Fact]
    public async Task DesignChecklist_WhenTopicIsApiErrors_ListsTheErrorRules()
    {
        var checklist = await fixture.InvokeAsync<ChecklistResult>("design_checklist", new() { ["design"] = "public REST API error responses", ["limit"] = 6 });

        var ids = checklist.Items.Select(i => i.Id).ToList();
        Assert.Contains("176", ids);
        Assert.Contains("178", ids);
        Assert.All(checklist.Items, i => Assert.False(string.IsNullOrEmpty(i.Path)));
    }

    [Fact]
    public async Task DesignChecklist_WhenDesignIsBlank_ThrowsWithAClearMessage()
    {
        var ex = await Assert.ThrowsAsync<InvalidQueryException>(() =>
            fixture.InvokeAsync<ChecklistResult>("design_checklist", new() { ["design"] = "  " }));

        Assert.Equal("'design' must not be empty.", ex.Message);
    }

    [Fact]
    public async Task ReviewDesign_WhenDesignLeaksStackTraces_ReportsTheMustNotRuleViolatedWithHighRisk()
    {
        const string design = "# Orders API\n\nGET /v1/orderItems returns errors as an HTML page that includes the stack trace.\n";
        var review = await fixture.InvokeAsync<ReviewResult>("review_design", new() { ["design"] = design, ["limit"] = 10 });

        string[] verdicts = [Verdicts.Met, Verdicts.Violated, Verdicts.NotAddressed, Verdicts.NeedsJudgement];
        Assert.NotEmpty(review.Items);
        Assert.All(review.Items, i => Assert.Contains(i.Verdict, verdicts));
        var stackTraces = Assert.Single(review.Items, i => i.Item.Id == "178");
        Assert.Equal(Verdicts.Violated, stackTraces.Verdict);
        Assert.Equal("high", review.Risk.Overall);
        Assert.Contains(review.Facts, f => f.Value == "/v1/orderItems");
    }
}
