using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using ArchMcp.Core;
using ArchMcp.Core.Checklists;
using ArchMcp.Core.Model;
using ArchMcp.Core.Rendering;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Args = ArchMcp.Core.ToolContract.Arguments;

namespace ArchMcp.Server.Mcp;

/// <summary>The MCP tools <c>design_checklist</c> and <c>review_design</c>, thin adapters over <see cref="IKnowledgeService"/>.</summary>
[McpServerToolType]
public sealed class DesignTools(IKnowledgeService knowledge)
{
    [McpServerTool(Name = ToolContract.DesignChecklist, Title = "Checklist for a design", ReadOnly = true,
        Destructive = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(ChecklistResult))]
    [Description(ToolContract.Descriptions.DesignChecklist)]
    public Task<CallToolResult> DesignChecklist(
        [Description(Args.Design), StringLength(ToolContract.MaxDesignChars)] string design,
        [Description(Args.ChecklistLimit), Range(1, ToolContract.ChecklistLimitMax)] int limit = ToolContract.ChecklistLimitDefault,
        [Description(Args.Root)] string? root = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.Create(knowledge.DesignChecklistAsync(ToolArguments.Checklist(design, limit, root), cancellationToken), r => ChecklistMarkdown.Checklist(r));

    [McpServerTool(Name = ToolContract.ReviewDesign, Title = "Review a design", ReadOnly = true,
        Destructive = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(ReviewResult))]
    [Description(ToolContract.Descriptions.ReviewDesign)]
    public Task<CallToolResult> ReviewDesign(
        McpServer server,
        [Description(Args.Design), StringLength(ToolContract.MaxDesignChars)] string design,
        [Description(Args.ChecklistLimit), Range(1, ToolContract.ChecklistLimitMax)] int limit = ToolContract.ChecklistLimitDefault,
        [Description(Args.Root)] string? root = null,
        [Description(Args.Sampling)] bool sampling = false,
        CancellationToken cancellationToken = default) =>
        ToolResults.Create(ReviewAsync(ToolArguments.Checklist(design, limit, root), sampling ? SamplingJudge.For(server) : null, cancellationToken), ChecklistMarkdown.Review);

    /// <summary>The deterministic review, then — when the caller asked and the client can sample — the client's model on the items that need judgement.</summary>
    private async Task<ReviewResult> ReviewAsync(ChecklistRequest request, IDesignJudge? judge, CancellationToken cancellationToken)
    {
        var review = await knowledge.ReviewDesignAsync(request, cancellationToken).ConfigureAwait(false);
        return judge is null ? review : await ModelJudgement.JudgeAsync(review, judge, JudgementBounds.Contract, cancellationToken).ConfigureAwait(false);
    }
}
