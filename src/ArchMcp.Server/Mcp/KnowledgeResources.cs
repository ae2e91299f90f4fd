using System.ComponentModel;
using System.Text.Json;
using ArchMcp.Core;
using ArchMcp.Core.Model;
using ArchMcp.Core.Rendering;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ArchMcp.Server.Mcp;

/// <summary>The knowledge as MCP resources: whole documents as Markdown, single rules, and the index summary.</summary>
[McpServerResourceType]
public sealed class KnowledgeResources(IKnowledgeService knowledge)
{
    public const string Markdown = "text/markdown";

    [McpServerResource(UriTemplate = "arch://decisions/{id}", Name = "decision", Title = "Architecture decision record", MimeType = Markdown)]
    [Description("One architecture decision record as Markdown, e.g. arch://decisions/ADR-0007.")]
    public async Task<TextResourceContents> Decision(string id, CancellationToken cancellationToken) =>
        Document(await knowledge.GetDocumentAsync(DocumentKind.Decision, id, cancellationToken));

    [McpServerResource(UriTemplate = "arch://standards/{id}", Name = "standard", Title = "Engineering standard", MimeType = Markdown)]
    [Description("One engineering standard as Markdown, e.g. arch://standards/API.")]
    public async Task<TextResourceContents> Standard(string id, CancellationToken cancellationToken) =>
        Document(await knowledge.GetDocumentAsync(DocumentKind.Standard, id, cancellationToken));

    [McpServerResource(UriTemplate = "arch://standards/{id}/rules/{ruleId}", Name = "rule", Title = "Rule of a standard", MimeType = Markdown)]
    [Description("One rule of a standard with its level and text, e.g. arch://standards/API/rules/API-001.")]
    public async Task<TextResourceContents> Rule(string id, string ruleId, CancellationToken cancellationToken)
    {
        var lookup = await knowledge.GetRuleAsync(ruleId, cancellationToken: cancellationToken);
        return new TextResourceContents
        {
            Uri = lookup.Rule?.Uri ?? lookup.Standard?.Uri ?? $"arch://standards/{id}/rules/{ruleId}",
            MimeType = Markdown,
            Text = KnowledgeMarkdown.Rule(lookup),
        };
    }

    [McpServerResource(UriTemplate = "arch://references/{id}", Name = "reference", Title = "Reference architecture", MimeType = Markdown)]
    [Description("One reference architecture or guide as Markdown, Mermaid diagrams kept.")]
    public async Task<TextResourceContents> Reference(string id, CancellationToken cancellationToken) =>
        Document(await knowledge.GetDocumentAsync(DocumentKind.Reference, id, cancellationToken));

    [McpServerResource(UriTemplate = IndexUri, Name = "index", Title = "Knowledge index", MimeType = "application/json")]
    [Description("What is indexed: the knowledge roots (with their git commit), when, and how many decisions, standards, rules and references.")]
    public async Task<TextResourceContents> Index(CancellationToken cancellationToken) => new()
    {
        Uri = IndexUri,
        MimeType = "application/json",
        Text = JsonSerializer.Serialize(await knowledge.GetIndexInfoAsync(cancellationToken), McpJson.Options),
    };

    public const string IndexUri = "arch://index";

    private static TextResourceContents Document(DocumentView document) => new()
    {
        Uri = document.Uri,
        MimeType = Markdown,
        Text = document.Markdown,
    };
}
