using System.Text.Json;
using ArchMcp.Server.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace ArchMcp.Server.Tests;

public sealed class ToolTests(StdioServerFixture fixture) : IClassFixture<StdioServerFixture>
{
    private McpClient Client => fixture.Server.Client;

    [Fact]
    public async Task ListTools_WhenConnected_ReturnsEightReadOnlyToolsWithOutputSchemas()
    {
        var tools = await Client.ListToolsAsync();

        Assert.Equal(
            ["design_checklist", "get_decision", "get_rule", "list_decisions", "recent_changes", "review_change", "review_design", "search_knowledge"],
            tools.Select(t => t.Name).Order());
        Assert.All(tools, tool =>
        {
            var p = tool.ProtocolTool;
            Assert.False(string.IsNullOrWhiteSpace(p.Description));
            Assert.NotNull(p.OutputSchema);
            Assert.Equal("object", p.OutputSchema!.Value.GetProperty("type").GetString());
            Assert.True(p.Annotations?.ReadOnlyHint);
            Assert.Null(p.Annotations?.IdempotentHint); // meaningful only when a tool writes (MCP 2025-06-18)
            Assert.False(p.Annotations?.DestructiveHint);
            Assert.False(p.Annotations?.OpenWorldHint);
            Assert.False(string.IsNullOrWhiteSpace(p.Title));
            Assert.Null(p.Annotations?.Title); // the tool's own title says it once
        });
    }

    [Fact]
    public async Task SearchKnowledge_WhenQueryMatchesTitle_ReturnsStructuredHitsAndMarkdown()
    {
        var result = await Client.CallToolAsync("search_knowledge", new Dictionary<string, object?> { ["query"] = "BM25 similarity", ["limit"] = 3 });

        Assert.NotEqual(true, result.IsError);
        var hits = Structured(result).GetProperty("hits");
        Assert.InRange(hits.GetArrayLength(), 1, 3);
        Assert.Contains(hits.EnumerateArray(), h => h.GetProperty("id").GetString() == "ADR-0004");
        Assert.Contains("ADR-0004", Text(result));
    }

    [Fact]
    public async Task SearchKnowledge_WhenLimitOutOfRange_ThrowsInvalidParams()
    {
        var ex = await Assert.ThrowsAsync<McpProtocolException>(() =>
            Client.CallToolAsync("search_knowledge", new Dictionary<string, object?> { ["query"] = "api", ["limit"] = 21 }).AsTask());

        Assert.Equal(McpErrorCode.InvalidParams, ex.ErrorCode);
        Assert.Contains("limit", ex.Message);
    }

    [Fact]
    public async Task SearchKnowledge_WhenKindUnknown_ThrowsInvalidParams()
    {
        var ex = await Assert.ThrowsAsync<McpProtocolException>(() =>
            Client.CallToolAsync("search_knowledge", new Dictionary<string, object?> { ["query"] = "api", ["kind"] = "poem" }).AsTask());

        Assert.Equal(McpErrorCode.InvalidParams, ex.ErrorCode);
    }

    [Fact]
    public async Task GetDecision_WhenDecisionSuperseded_ReturnsDecisionInForce()
    {
        var result = await Client.CallToolAsync("get_decision", new Dictionary<string, object?> { ["id"] = "3" });

        Assert.NotEqual(true, result.IsError);
        var decision = Structured(result);
        Assert.Equal("ADR-0003", decision.GetProperty("id").GetString());
        Assert.Equal("ADR-0004", decision.GetProperty("inForce").GetProperty("id").GetString());
        Assert.Contains("ADR-0004", Text(result));
    }

    [Fact]
    public async Task GetDecision_WhenIdUnknown_ReturnsIsErrorNamingTheId()
    {
        var result = await Client.CallToolAsync("get_decision", new Dictionary<string, object?> { ["id"] = "ADR-99" });

        Assert.True(result.IsError);
        Assert.Contains("ADR-99", Text(result));
        Assert.DoesNotContain("   at ", Text(result));
    }

    [Fact]
    public async Task ListDecisions_WhenFilteredBySuperseded_ReturnsOnlySupersededDecisions()
    {
        var result = await Client.CallToolAsync("list_decisions", new Dictionary<string, object?> { ["status"] = "superseded" });

        var items = Structured(result).GetProperty("items").EnumerateArray().ToList();
        // the fixture's one superseded decision: TF-IDF, replaced by BM25
        var only = Assert.Single(items);
        Assert.Equal("ADR-0003", only.GetProperty("id").GetString());
        Assert.Equal("superseded", only.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ListDecisions_WhenDateMalformed_ThrowsInvalidParams()
    {
        var ex = await Assert.ThrowsAsync<McpProtocolException>(() =>
            Client.CallToolAsync("list_decisions", new Dictionary<string, object?> { ["from"] = "last year" }).AsTask());

        Assert.Equal(McpErrorCode.InvalidParams, ex.ErrorCode);
    }

    [Fact]
    public async Task GetRule_WhenRuleIdKnown_ReturnsRuleWithLevel()
    {
        var result = await Client.CallToolAsync("get_rule", new Dictionary<string, object?> { ["id"] = "API-001" });

        Assert.NotEqual(true, result.IsError);
        var rule = Structured(result).GetProperty("rule");
        Assert.Equal("API-001", rule.GetProperty("id").GetString());
        Assert.Equal("MUST", rule.GetProperty("level").GetString());
    }

    [Fact]
    public async Task DesignChecklist_WhenDesignIsAnApi_ReturnsCitedItems()
    {
        var result = await Client.CallToolAsync("design_checklist", new Dictionary<string, object?> { ["design"] = "A public REST API for orders with pagination and versioning", ["limit"] = 10 });

        Assert.NotEqual(true, result.IsError);
        var items = Structured(result).GetProperty("items").EnumerateArray().ToList();
        var ids = items.Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Contains("API-001", ids); // versioning: a major version in the URL path
        Assert.Contains("API-017", ids); // pagination with opaque cursors
        Assert.InRange(items.Count, 2, 10);
        Assert.All(items, i => Assert.False(string.IsNullOrEmpty(i.GetProperty("path").GetString())));
    }

    [Fact]
    public async Task ReviewDesign_WhenDesignVersionsInHeader_ReturnsVerdictsAndRisk()
    {
        var design = "# Orders API\n\nThe orders REST API is versioned with an `Api-Version` header and returns all orders in one response.";
        var result = await Client.CallToolAsync("review_design", new Dictionary<string, object?> { ["design"] = design });

        Assert.NotEqual(true, result.IsError);
        var review = Structured(result);
        // versioning in a header is what API-001 (version in the URL path) is about
        Assert.Contains(review.GetProperty("items").EnumerateArray(), i => i.GetProperty("item").GetProperty("id").GetString() == "API-001");
        Assert.False(string.IsNullOrEmpty(review.GetProperty("risk").GetProperty("overall").GetString()));
    }

    private static JsonElement Structured(CallToolResult result)
    {
        Assert.NotNull(result.StructuredContent);
        return result.StructuredContent!.Value;
    }

    private static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text));
}
