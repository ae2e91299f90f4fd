using System.ComponentModel;
using ArchMcp.Core;
using ArchMcp.Core.Model;
using ArchMcp.Core.Rendering;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ArchMcp.Server.Mcp;

[McpServerToolType]
public sealed class RuleTools(IKnowledgeService knowledge)
{
    [McpServerTool(Name = "get_rule", Title = "Get a standard rule", ReadOnly = true, Idempotent = true,
        Destructive = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(RuleLookup))]
    [Description("One normative rule of an engineering standard by the identifier its source gives it (\"API-001\", " +
        "\"176\", \"SEGAS-00006\", \"http-url-casing\"), with its level (MUST, SHOULD, MAY…), full text, standard, path " +
        "and line; or, given a standard's id (\"API\"), the standard with all its rules listed. Use it to quote a rule " +
        "exactly before relying on it. An unknown id returns the closest ids.")]
    public Task<CallToolResult> GetRule(
        [Description("Rule identifier, e.g. \"API-001\", or a standard id, e.g. \"API\".")] string id,
        [Description("Knowledge root name, when several are configured.")] string? root = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.Create(knowledge.GetRuleAsync(ToolArguments.Text(id, nameof(id)), ToolArguments.Optional(root), cancellationToken), KnowledgeMarkdown.Rule);
}
