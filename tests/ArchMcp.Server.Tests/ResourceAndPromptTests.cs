using ArchMcp.Server.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace ArchMcp.Server.Tests;

public sealed class ResourceAndPromptTests(StdioServerFixture fixture) : IClassFixture<StdioServerFixture>
{
    /// <summary>Every resource the server-knowledge fixture yields, in ordinal order.</summary>
    private static readonly string[] ExpectedResourceUris =
    [
        "arch://decisions/ADR-0001",
        "arch://decisions/ADR-0002",
        "arch://decisions/ADR-0003",
        "arch://decisions/ADR-0004",
        "arch://index",
        "arch://references/RA-REST-POSTGRES",
        "arch://references/adr-template",
        "arch://standards/API",
    ];

    private McpClient Client => fixture.Server.Client;

    [Fact]
    public async Task ListResources_WhenIndexed_ListsEveryDocumentAndTheIndex()
    {
        var resources = await Client.ListResourcesAsync();

        var uris = resources.Select(r => r.Uri).ToList();
        Assert.Contains("arch://index", uris);
        Assert.Contains(uris, u => u.StartsWith("arch://decisions/", StringComparison.Ordinal));
        Assert.Contains(uris, u => u.StartsWith("arch://standards/", StringComparison.Ordinal));
        // the index, the four decisions, the API standard, the reference architecture and the ADR template
        Assert.Equal(ExpectedResourceUris, uris.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListResourceTemplates_WhenConnected_ReturnsTheFiveTemplates()
    {
        var templates = await Client.ListResourceTemplatesAsync();

        Assert.Equal(
            ["arch://decisions/{id}{?root}", "arch://references/{id}/rules/{ruleId}{?root}", "arch://references/{id}{?root}",
             "arch://standards/{id}/rules/{ruleId}{?root}", "arch://standards/{id}{?root}"],
            templates.Select(t => t.UriTemplate).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("arch://decisions/ADR%2D0004")]
    [InlineData("ARCH://DECISIONS/ADR-0004")]
    public async Task ReadResource_WhenUriIsPercentEncodedOrUpperCase_ReadsTheDecision(string uri)
    {
        var result = await Client.ReadResourceAsync(uri);

        var text = Assert.IsType<TextResourceContents>(Assert.Single(result.Contents));
        Assert.Equal("arch://decisions/ADR-0004", text.Uri);
    }

    [Fact]
    public async Task ReadResource_WhenDecisionUri_ReturnsMarkdown()
    {
        var result = await Client.ReadResourceAsync("arch://decisions/ADR-0004");

        var text = Assert.IsType<TextResourceContents>(Assert.Single(result.Contents));
        Assert.Equal("text/markdown", text.MimeType);
        Assert.Contains("BM25", text.Text);
    }

    [Fact]
    public async Task ReadResource_WhenRuleUri_ReturnsTheRule()
    {
        var result = await Client.ReadResourceAsync("arch://standards/API/rules/API-001");

        var text = Assert.IsType<TextResourceContents>(Assert.Single(result.Contents));
        Assert.Contains("API-001", text.Text);
        Assert.Contains("MUST", text.Text);
    }

    [Fact]
    public async Task ReadResource_WhenIndexUri_ReturnsIndexJson()
    {
        var result = await Client.ReadResourceAsync("arch://index");

        var text = Assert.IsType<TextResourceContents>(Assert.Single(result.Contents));
        Assert.Equal("application/json", text.MimeType);
        Assert.Contains("\"decisions\":4", text.Text.Replace(" ", ""));
    }

    [Fact]
    public async Task ReadResource_WhenIdUnknown_ThrowsResourceNotFound()
    {
        var ex = await Assert.ThrowsAsync<McpProtocolException>(() => Client.ReadResourceAsync("arch://decisions/ADR-0999").AsTask());

        Assert.Equal(McpErrorCode.ResourceNotFound, ex.ErrorCode);
    }

    [Fact]
    public async Task ListPrompts_WhenConnected_ReturnsTheThreePrompts()
    {
        var prompts = await Client.ListPromptsAsync();

        Assert.Equal(["draft-adr", "explain-decision", "review-design"], prompts.Select(p => p.Name).Order());
    }

    [Fact]
    public async Task GetPrompt_WhenDraftAdr_FillsTemplateWithNextNumber()
    {
        var result = await Client.GetPromptAsync("draft-adr", new Dictionary<string, object?> { ["title"] = "Use OpenSearch for search ranking" });

        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Messages).Content).Text;
        Assert.Contains("ADR-0005", text);
        Assert.Contains("# Use OpenSearch for search ranking", text);
        Assert.DoesNotContain("{{", text);
        Assert.DoesNotContain(text.Split('\n'), line => line.Trim() == "kind: template");
    }

    [Fact]
    public async Task GetPrompt_WhenExplainSupersededDecision_NamesTheDecisionInForce()
    {
        var result = await Client.GetPromptAsync("explain-decision", new Dictionary<string, object?> { ["id"] = "ADR-0003" });

        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Messages).Content).Text;
        Assert.Contains("NOT in force", text);
        Assert.Contains("ADR-0004", text);
    }

    [Fact]
    public async Task GetPrompt_WhenReviewDesign_AsksForTheReviewTool()
    {
        var result = await Client.GetPromptAsync("review-design", new Dictionary<string, object?> { ["design"] = "Orders API over gRPC" });

        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Messages).Content).Text;
        Assert.Contains("review_design", text);
        Assert.Contains("Orders API over gRPC", text);
    }

    [Fact]
    public async Task Complete_WhenDecisionTemplatePrefix_ReturnsMatchingIds()
    {
        var result = await Client.CompleteAsync(new ResourceTemplateReference { Uri = "arch://decisions/{id}" }, "id", "ADR-000");

        Assert.Contains("ADR-0003", result.Completion.Values);
    }

    [Fact]
    public async Task Complete_WhenExplainDecisionPrompt_ReturnsDecisionIds()
    {
        var result = await Client.CompleteAsync(new PromptReference { Name = "explain-decision" }, "id", "");

        Assert.NotEmpty(result.Completion.Values);
    }

    [Fact]
    public async Task Complete_WhenArgumentIsNotAnId_ReturnsNothing()
    {
        var result = await Client.CompleteAsync(new PromptReference { Name = "review-design" }, "design", "x");

        Assert.Empty(result.Completion.Values);
    }
}
