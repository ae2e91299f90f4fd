using ArchMcp.Core.Model;
using ArchMcp.Core.Tests.Harness;

namespace ArchMcp.Core.Tests.Catalog;

/// <summary>GetRuleAsync, documents and completions over the fixtures.</summary>
public sealed class RuleLookupTests : IDisposable
{
    private readonly EngineHarness _engine = new();

    public void Dispose() => _engine.Dispose();

    [Theory]
    [InlineData("176", "MUST", "[176]")]
    [InlineData("177", "SHOULD", "[177]")]
    [InlineData("API-001", "MUST", "[API-001]")]
    [InlineData("http-url-casing", "MUST", "MUST use lowercase words in URLs")]
    [InlineData("cursor-pagination", "SHOULD", "{#cursor-pagination}")]
    public async Task GetRule_WhenIdNamesARule_ReturnsItWithLevelAndLine(string id, string level, string lineText)
    {
        var lookup = await _engine.Service.GetRuleAsync(id);

        var rule = Assert.IsType<RuleView>(lookup.Rule);
        Assert.Null(lookup.Standard);
        Assert.Equal(level, rule.Level);
        Assert.Equal("API", rule.StandardId);
        Assert.Equal("REST API rules", rule.StandardTitle);
        Assert.Equal("standards/rest-api-rules.md", rule.Path);
        Assert.Contains(lineText, _engine.LineOf(rule.Path, rule.Line));
        Assert.StartsWith("arch://standards/API/rules/", rule.Uri);
    }

    [Fact]
    public async Task GetRule_WhenRuleHasBody_ReturnsItsText()
    {
        var rule = (await _engine.Service.GetRuleAsync("176")).Rule!;

        Assert.Equal("176", rule.Id);
        Assert.Contains("problem JSON", rule.Statement, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("application/problem+json", rule.Text);
    }

    [Fact]
    public async Task GetRule_WhenIdIsPrefixedRuleInHeading_ReturnsIt()
    {
        var rule = (await _engine.Service.GetRuleAsync("SEGAS-00015")).Rule!;

        Assert.Equal("MUST", rule.Level);
        Assert.Equal("SEGAS-00006", rule.StandardId);
    }

    [Theory]
    [InlineData("API", "REST API rules", 6)] // six rule headings
    [InlineData("SEGAS-00006", "Security logging requirements", 2)] // SEGAS-00015 and SEGAS-00016
    public async Task GetRule_WhenIdNamesAStandard_ReturnsTheStandardWithItsRules(string id, string title, int rules)
    {
        var lookup = await _engine.Service.GetRuleAsync(id);

        Assert.Null(lookup.Rule);
        var standard = Assert.IsType<StandardView>(lookup.Standard);
        Assert.Equal(id, standard.Id);
        Assert.Equal(title, standard.Title);
        Assert.Equal(rules, standard.Rules.Count);
        Assert.All(standard.Rules, r => Assert.Equal(id, r.StandardId));
    }

    [Fact]
    public async Task GetRule_WhenIdUnknown_ThrowsNotFoundNamingTheClosest()
    {
        var ex = await Assert.ThrowsAsync<RuleNotFoundException>(() => _engine.Service.GetRuleAsync("API-002"));

        Assert.Contains("API-002", ex.Message);
        Assert.StartsWith("API-001 ", ex.Closest[0], StringComparison.Ordinal); // the nearest id in the fixtures
    }

    [Fact]
    public async Task GetDocument_WhenStandardId_ReturnsTheMarkdown()
    {
        var doc = await _engine.Service.GetDocumentAsync(DocumentKind.Standard, "SEGAS-00006");

        Assert.Contains("SEGAS-00015", doc.Markdown);
        Assert.Equal("arch://standards/SEGAS-00006", doc.Uri);
    }

    [Fact]
    public async Task GetDocument_WhenUnknown_ThrowsDocumentNotFound()
    {
        await Assert.ThrowsAsync<DocumentNotFoundException>(() => _engine.Service.GetDocumentAsync(DocumentKind.Reference, "nope"));
    }

    [Fact]
    public async Task CompleteIds_WhenPrefixGiven_ReturnsMatchingIdsPrefixFirst()
    {
        await _engine.Service.GetIndexInfoAsync();

        Assert.Equal(["ADR-0001", "ADR-0002", "ADR-0003"], _engine.Service.CompleteIds(CompletionTarget.Decision, "adr-000", 3));
        Assert.Contains("SEGAS-00006", _engine.Service.CompleteIds(CompletionTarget.Standard, "SEG"));
        Assert.Contains("176", _engine.Service.CompleteIds(CompletionTarget.Rule, "17"));
    }
}
