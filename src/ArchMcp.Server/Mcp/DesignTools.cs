using System.ComponentModel;
using ArchMcp.Core;
using ArchMcp.Core.Model;
using ArchMcp.Core.Rendering;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ArchMcp.Server.Mcp;

[McpServerToolType]
public sealed class DesignTools(IKnowledgeService knowledge)
{
    [McpServerTool(Name = "design_checklist", Title = "Checklist for a design", ReadOnly = true, Idempotent = true,
        Destructive = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(ChecklistResult))]
    [Description("The rules and decisions in force that apply to a topic (\"public REST API with pagination\") or a " +
        "whole design text, grouped by level (MUST first), each with its id, statement and citation (path and line). " +
        "Call it before writing a design or code, so the work follows the standards and does not re-open settled " +
        "decisions.")]
    public Task<CallToolResult> DesignChecklist(
        [Description("A topic or the full design text (Markdown is fine).")] string design,
        [Description("Maximum number of items, 1 to 100 (default 20).")] int limit = 20,
        [Description("Knowledge root name, when several are configured.")] string? root = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.Create(knowledge.DesignChecklistAsync(ToolArguments.Checklist(design, limit, root), cancellationToken), r => ChecklistMarkdown.Checklist(r));

    [McpServerTool(Name = "review_design", Title = "Review a design", ReadOnly = true, Idempotent = true,
        Destructive = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(ReviewResult))]
    [Description("Checks a design text (or a pull-request description) against the applicable rules and the decisions in " +
        "force. Per item a verdict — met, violated, not addressed or needs judgement — with the evidence from the " +
        "design and from the rule, and a risk roll-up (a violated MUST is high risk, a SHOULD medium). Use it to " +
        "review before approving or implementing a design; report violations first and cite the rule ids.")]
    public Task<CallToolResult> ReviewDesign(
        [Description("The design text to review (Markdown is fine).")] string design,
        [Description("Maximum number of items, 1 to 100 (default 20).")] int limit = 20,
        [Description("Knowledge root name, when several are configured.")] string? root = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.Create(knowledge.ReviewDesignAsync(ToolArguments.Checklist(design, limit, root), cancellationToken), ChecklistMarkdown.Review);
}
