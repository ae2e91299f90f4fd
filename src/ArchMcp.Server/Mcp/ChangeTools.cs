using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using ArchMcp.Core;
using ArchMcp.Core.Changes;
using ArchMcp.Core.Model;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Args = ArchMcp.Core.ToolContract.Arguments;

namespace ArchMcp.Server.Mcp;

/// <summary>The MCP tool <c>review_change</c>, a thin adapter over <see cref="IKnowledgeService.ReviewChangeAsync"/>.</summary>
[McpServerToolType]
public sealed class ChangeTools(IKnowledgeService knowledge)
{
    [McpServerTool(Name = ToolContract.ReviewChange, Title = "Review a change", ReadOnly = true,
        Destructive = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(ChangeReviewResult))]
    [Description(ToolContract.Descriptions.ReviewChange)]
    public Task<CallToolResult> ReviewChange(
        [Description(Args.Diff), StringLength(ToolContract.MaxDesignChars)] string diff,
        CancellationToken cancellationToken = default) =>
        ToolResults.Create(knowledge.ReviewChangeAsync(ToolArguments.Change(diff), cancellationToken), ChangeReviewOutput.Text);
}
