using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using ArchMcp.Core;
using ArchMcp.Core.Model;
using ArchMcp.Core.Rendering;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Args = ArchMcp.Core.ToolContract.Arguments;

namespace ArchMcp.Server.Mcp;

/// <summary>The MCP tools <c>get_decision</c> and <c>list_decisions</c>, thin adapters over <see cref="IKnowledgeService"/>.</summary>
[McpServerToolType]
public sealed class DecisionTools(IKnowledgeService knowledge)
{
    [McpServerTool(Name = ToolContract.GetDecision, Title = "Get an architecture decision", ReadOnly = true,
        Destructive = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(DecisionView))]
    [Description(ToolContract.Descriptions.GetDecision)]
    public Task<CallToolResult> GetDecision(
        [Description(Args.DecisionId), StringLength(ToolContract.MaxNameChars)] string id,
        [Description(Args.Sections)] string[]? sections = null,
        [Description(Args.Root)] string? root = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.Create(knowledge.GetDecisionAsync(ToolArguments.Decision(id, sections, root), cancellationToken), KnowledgeMarkdown.Decision);

    [McpServerTool(Name = ToolContract.ListDecisions, Title = "List architecture decisions", ReadOnly = true,
        Destructive = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(DecisionPage))]
    [Description(ToolContract.Descriptions.ListDecisions)]
    public Task<CallToolResult> ListDecisions(
        [Description(Args.DecisionStatus), StatusValues] string? status = null,
        [Description(Args.Tag)] string? tag = null,
        [Description(Args.From)] string? from = null,
        [Description(Args.To)] string? to = null,
        [Description(Args.Root)] string? root = null,
        [Description(Args.Offset), Range(0, int.MaxValue)] int offset = 0,
        [Description(Args.ListLimit), Range(1, ToolContract.ListLimitMax)] int limit = ToolContract.ListLimitDefault,
        CancellationToken cancellationToken = default) =>
        ToolResults.Create(knowledge.ListDecisionsAsync(ToolArguments.Decisions(status, tag, from, to, root, offset, limit), cancellationToken), KnowledgeMarkdown.DecisionList);
}
