using System.ComponentModel;
using ArchMcp.Core;
using ArchMcp.Core.Model;
using ArchMcp.Core.Rendering;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ArchMcp.Server.Mcp;

[McpServerToolType]
public sealed class SearchTools(IKnowledgeService knowledge)
{
    [McpServerTool(Name = "search_knowledge", Title = "Search architecture knowledge", ReadOnly = true, Idempotent = true,
        Destructive = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(SearchResult))]
    [Description("Ranked search over the organisation's architecture decision records (ADRs), engineering standards and " +
        "reference architectures. Call it before proposing a technology, pattern or API shape, or when asked why " +
        "something is done a certain way (\"why Kafka?\", \"API versioning rules\"). Returns compact cards: id " +
        "(e.g. ADR-0007, API-001), kind, title, status, date, snippet, uri, path and line to cite. A superseded decision " +
        "says which decision is in force. Follow up with get_decision or get_rule for the full text.")]
    public Task<CallToolResult> SearchKnowledge(
        [Description("What to look for: free text (\"event bus for order events\"), an ADR number or a rule id.")] string query,
        [Description("Only this kind: decision, standard, reference or guide.")] string? kind = null,
        [Description("Only decisions with this status: proposed, accepted, rejected, deprecated or superseded.")] string? status = null,
        [Description("Only documents carrying all of these tags, e.g. [\"api\", \"security\"].")] string[]? tags = null,
        [Description("Only this knowledge root (by name), when several are configured.")] string? root = null,
        [Description("Number of results, 1 to 20 (default 5).")] int limit = 5,
        CancellationToken cancellationToken = default) =>
        ToolResults.Create(knowledge.SearchAsync(ToolArguments.Search(query, kind, status, tags, root, limit), cancellationToken), KnowledgeMarkdown.Search);
}
