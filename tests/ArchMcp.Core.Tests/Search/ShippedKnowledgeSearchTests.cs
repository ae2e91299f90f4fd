using ArchMcp.Core.Model;
using ArchMcp.Core.Tests.Harness;
using ArchMcp.Tests.Shared;

namespace ArchMcp.Core.Tests.Search;

/// <summary>
/// Smoke tests over the repository's own knowledge/ folder (found by walking up from the test assembly to the
/// folder holding ArchMcp.sln), indexed into a temp folder.
/// </summary>
public sealed class ShippedKnowledgeSearchTests : IDisposable
{
    private readonly EngineHarness? _engine;
    private readonly KnowledgeService? _service;

    public ShippedKnowledgeSearchTests()
    {
        if (ShippedKnowledge.Path is { } path)
        {
            _engine = new EngineHarness(EngineHarness.Empty);
            _service = _engine.NewService($"knowledge={path}");
        }
    }

    public void Dispose() => _engine?.Dispose();

    [SkippableFact]
    public async Task Lint_WhenShippedKnowledge_HasNoErrorsAndCountsEveryFileOfEachKind()
    {
        Skip.If(_service is null, ShippedKnowledge.SkipReason);
        var expected = KnowledgeCounts.Of(ShippedKnowledge.Path!);

        var report = await _service!.LintAsync();

        Assert.True(report.Summary.Errors == 0, string.Join("\n", report.Findings.Where(f => f.Severity == "error").Select(f => $"{f.Path}:{f.Line} {f.Code} {f.Message}")));
        Assert.Equal(expected.Decisions, report.Summary.Decisions);
        Assert.Equal(expected.Standards, report.Summary.Standards);
        Assert.Equal(expected.Rules, report.Summary.Rules);
        foreach (var id in expected.RuleIdsInStandards)
        {
            Assert.Equal(id, (await _service.GetRuleAsync(id)).Rule?.Id);
        }

        // templates are not references; the shipped knowledge has no guides
        Assert.Equal(expected.ReferenceArchitectures, report.Summary.References);
        var info = await _service.GetIndexInfoAsync();
        Assert.Equal(expected.ReferenceArchitectures, info.References);
    }

    [SkippableFact]
    public async Task ListDecisions_WhenShippedKnowledge_AtLeastOneIsSupersededByAnAcceptedDecision()
    {
        Skip.If(_service is null, ShippedKnowledge.SkipReason);

        var page = await _service!.ListDecisionsAsync(new DecisionQuery());

        Assert.DoesNotContain(page.Items, d => d.Status == "unknown");
        var superseded = Assert.Single(page.Items.Where(d => d.Status == "superseded").Take(1));
        var successor = page.Items.Single(d => d.Id == superseded.SupersededBy[0]);
        Assert.Contains(superseded.Id, successor.Supersedes);
    }

    [SkippableTheory]
    [InlineData("circuit breaker settings", "reliability")]
    [InlineData("how to version an API", "api")]
    [InlineData("where do secrets live", "security")]
    [InlineData("retries with exponential backoff and jitter", "reliability")]
    [InlineData("idempotent consumers for duplicate events", "event")]
    [InlineData("alert on symptoms not causes", "observability")]
    [InlineData("personal data retention", "data")]
    public async Task Search_WhenDeveloperQuestion_RanksTheRightStandardFirstAndCitesTheRuleLine(string query, string standardFile)
    {
        Skip.If(_service is null, ShippedKnowledge.SkipReason);

        var result = await _service!.SearchAsync(new SearchRequest { Query = query });

        var first = result.Hits[0];
        Assert.True(first.Kind == "standard" && first.Path.StartsWith("standards/" + standardFile, StringComparison.Ordinal),
            $"first hit for '{query}' is {first.Kind} {first.Path}:{first.Line} ({first.Title}); then {string.Join(", ", result.Hits.Skip(1).Select(h => h.Path))}");

        // the card cites the quoted sentence, in a rule of that standard
        var standard = (await _service.GetRuleAsync(first.Id)).Standard!;
        Assert.True(standard.Rules.Any(r => r.Line <= first.Line),
            $"line {first.Line} of {first.Path} is before every rule (rules at {string.Join(", ", standard.Rules.Select(r => r.Line))})");
    }

    [SkippableFact]
    public async Task Search_WhenAskedWhyLucene_RanksTheLuceneDecisionFirst()
    {
        Skip.If(_service is null, ShippedKnowledge.SkipReason);

        var result = await _service!.SearchAsync(new SearchRequest { Query = "why do we use Lucene.Net" });

        Assert.Equal("decision", result.Hits[0].Kind);
        Assert.Contains("lucene", result.Hits[0].Path, StringComparison.OrdinalIgnoreCase);
    }
}
