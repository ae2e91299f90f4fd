using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using ArchMcp.Core;
using ArchMcp.Core.Model;
using ArchMcp.Core.Rendering;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Args = ArchMcp.Core.ToolContract.Arguments;

namespace ArchMcp.Server.Mcp;

/// <summary>The MCP tool <c>search_knowledge</c>, a thin adapter over <see cref="IKnowledgeService.SearchAsync"/>.</summary>
[McpServerToolType]
public sealed class SearchTools(IKnowledgeService knowledge)
{
    [McpServerTool(Name = ToolContract.SearchKnowledge, Title = "Search architecture knowledge", ReadOnly = true,
        Destructive = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(SearchResult))]
    [Description(ToolContract.Descriptions.SearchKnowledge)]
    public Task<CallToolResult> SearchKnowledge(
        [Description(Args.Query), StringLength(ToolContract.MaxQueryChars)] string query,
        [Description(Args.Kind), KindValues] string? kind = null,
        [Description(Args.DecisionStatus), StatusValues] string? status = null,
        [Description(Args.Tags)] string[]? tags = null,
        [Description(Args.Root)] string? root = null,
        [Description(Args.SearchLimit), Range(1, ToolContract.SearchLimitMax)] int limit = ToolContract.SearchLimitDefault,
        CancellationToken cancellationToken = default) =>
        ToolResults.Create(knowledge.SearchAsync(ToolArguments.Search(query, kind, status, tags, root, limit), cancellationToken), KnowledgeMarkdown.Search);
}
