using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using ArchMcp.Core;
using ArchMcp.Core.Model;
using ArchMcp.Core.Rendering;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Args = ArchMcp.Core.ToolContract.Arguments;

namespace ArchMcp.Server.Mcp;

/// <summary>The MCP tool <c>recent_changes</c>, a thin adapter over <see cref="IKnowledgeService.RecentChangesAsync"/>.</summary>
[McpServerToolType]
public sealed class HistoryTools(IKnowledgeService knowledge)
{
    [McpServerTool(Name = ToolContract.RecentChanges, Title = "Recent changes", ReadOnly = true,
        Destructive = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(ChangesResult))]
    [Description(ToolContract.Descriptions.RecentChanges)]
    public Task<CallToolResult> RecentChanges(
        [Description(Args.Since), StringLength(ToolContract.MaxNameChars)] string since,
        CancellationToken cancellationToken = default) =>
        ToolResults.Create(knowledge.RecentChangesAsync(ToolArguments.Changes(since), cancellationToken), KnowledgeMarkdown.Changes);
}
