using System.ComponentModel;
using ArchMcp.Core;
using ArchMcp.Core.Model;
using ArchMcp.Core.Rendering;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ArchMcp.Server.Mcp;

[McpServerToolType]
public sealed class DecisionTools(IKnowledgeService knowledge)
{
    [McpServerTool(Name = "get_decision", Title = "Get an architecture decision", ReadOnly = true, Idempotent = true,
        Destructive = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(DecisionView))]
    [Description("One architecture decision record by any reference: \"ADR-7\", \"7\", \"0007\", its slug, file name or " +
        "title words. Returns status, date, tags, the chosen sections (context, decision, consequences by default), the " +
        "supersession chain both ways, the decision currently in force and related records, with path and line to cite. " +
        "Use it to answer \"what did we decide about X and is it still valid?\". An unknown id returns the closest ids.")]
    public Task<CallToolResult> GetDecision(
        [Description("Decision reference, e.g. \"ADR-0007\", \"7\", \"use-bm25-similarity\".")] string id,
        [Description("Sections to include: context, decision, consequences, options, or all. Default: context, decision, consequences.")] string[]? sections = null,
        [Description("Knowledge root name, when several are configured.")] string? root = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.Create(knowledge.GetDecisionAsync(ToolArguments.Decision(id, sections, root), cancellationToken), KnowledgeMarkdown.Decision);

    [McpServerTool(Name = "list_decisions", Title = "List architecture decisions", ReadOnly = true, Idempotent = true,
        Destructive = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(DecisionPage))]
    [Description("The decision log, filtered by status, tag and date range, oldest first, one line per decision (id, " +
        "status, date, title, what supersedes it). Use it for overviews (\"which decisions are still proposed?\", " +
        "\"what did we decide in 2024?\"). Paginated: pass nextOffset back as offset for the next page.")]
    public Task<CallToolResult> ListDecisions(
        [Description("Only this status: proposed, accepted, rejected, deprecated or superseded.")] string? status = null,
        [Description("Only decisions with this tag, e.g. \"security\".")] string? tag = null,
        [Description("Only decisions dated on or after this day, e.g. 2024-01-01.")] string? from = null,
        [Description("Only decisions dated on or before this day, e.g. 2024-12-31.")] string? to = null,
        [Description("Knowledge root name, when several are configured.")] string? root = null,
        [Description("Index of the first decision to return (default 0).")] int offset = 0,
        [Description("Page size, 1 to 100 (default 20).")] int limit = 20,
        CancellationToken cancellationToken = default) =>
        ToolResults.Create(knowledge.ListDecisionsAsync(ToolArguments.Decisions(status, tag, from, to, root, offset, limit), cancellationToken), KnowledgeMarkdown.DecisionList);
}
