using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using ArchMcp.Core;
using ArchMcp.Core.Model;
using ArchMcp.Core.Rendering;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Args = ArchMcp.Core.ToolContract.Arguments;

namespace ArchMcp.Server.Mcp;

/// <summary>The MCP tool <c>get_rule</c>, a thin adapter over <see cref="IKnowledgeService.GetRuleAsync"/>.</summary>
[McpServerToolType]
public sealed class RuleTools(IKnowledgeService knowledge)
{
    [McpServerTool(Name = ToolContract.GetRule, Title = "Get a standard rule", ReadOnly = true,
        Destructive = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(RuleLookup))]
    [Description(ToolContract.Descriptions.GetRule)]
    public Task<CallToolResult> GetRule(
        [Description(Args.RuleId), StringLength(ToolContract.MaxNameChars)] string id,
        [Description(Args.Root)] string? root = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.Create(knowledge.GetRuleAsync(ToolArguments.Text(id, nameof(id)), ToolArguments.Optional(root, nameof(root)), cancellationToken), KnowledgeMarkdown.Rule);
}
