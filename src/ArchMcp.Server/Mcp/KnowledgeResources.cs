using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
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

    /// <summary>
    /// The document and rule templates, matched without the SDK's regular expressions (see <see cref="UriTemplateResource"/>).
    /// Each read is given the whole URI: a URI the server handed out names exactly one document or rule (of one root).
    /// </summary>
    public static IEnumerable<McpServerResource> Templates() =>
    [
        Template("arch://decisions/{id}{?root}", "decision", "Architecture decision record",
            "One architecture decision record as Markdown, e.g. arch://decisions/ADR-0007.",
            (resources, uri, _, ct) => resources.DocumentAsync(DocumentKind.Decision, uri, ct)),
        Template("arch://standards/{id}{?root}", "standard", "Engineering standard",
            "One engineering standard as Markdown, e.g. arch://standards/API.",
            (resources, uri, _, ct) => resources.DocumentAsync(DocumentKind.Standard, uri, ct)),
        Template("arch://standards/{id}/rules/{ruleId}{?root}", "rule", "Rule of a standard",
            "One rule of a standard with its level and text, e.g. arch://standards/API/rules/API-001.",
            (resources, uri, _, ct) => resources.RuleAsync(uri, ct)),
        Template("arch://references/{id}{?root}", "reference", "Reference architecture",
            "One reference architecture or guide as Markdown, Mermaid diagrams kept.",
            (resources, uri, _, ct) => resources.DocumentAsync(DocumentKind.Reference, uri, ct)),
        Template("arch://references/{id}/rules/{ruleId}{?root}", "guide-rule", "Rule of a guide",
            "One rule stated in a reference architecture or guide, with its level and text.",
            (resources, uri, _, ct) => resources.RuleAsync(uri, ct)),
    ];

    private static UriTemplateResource Template(string uriTemplate, string name, string title, string description,
        Func<KnowledgeResources, string, string[], CancellationToken, Task<TextResourceContents>> read) =>
        new(new ResourceTemplate { UriTemplate = uriTemplate, Name = name, Title = title, Description = description, MimeType = Markdown },
            async (request, values, ct) => await read(new KnowledgeResources(request.Services!.GetRequiredService<IKnowledgeService>()), request.Params!.Uri, values, ct).ConfigureAwait(false));

    private async Task<TextResourceContents> DocumentAsync(DocumentKind kind, string uri, CancellationToken cancellationToken)
    {
        var document = await knowledge.GetDocumentAsync(kind, uri, cancellationToken).ConfigureAwait(false);
        return new TextResourceContents { Uri = document.Uri, MimeType = Markdown, Text = document.Markdown };
    }

    private async Task<TextResourceContents> RuleAsync(string uri, CancellationToken cancellationToken)
    {
        var lookup = await knowledge.GetRuleAsync(uri, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (lookup.Rule is null)
        {
            // the URI named a standard but no rule of it
            throw new DocumentNotFoundException("rule", uri);
        }

        return new TextResourceContents { Uri = lookup.Rule.Uri, MimeType = Markdown, Text = KnowledgeMarkdown.Rule(lookup) };
    }

    [McpServerResource(UriTemplate = IndexUri, Name = "index", Title = "Knowledge index", MimeType = "application/json")]
    [Description("What is indexed: the knowledge roots (with their git commit), when, and how many decisions, standards, rules and references.")]
    public async Task<TextResourceContents> Index(CancellationToken cancellationToken) => new()
    {
        Uri = IndexUri,
        MimeType = "application/json",
        Text = WithoutMachinePaths(JsonSerializer.SerializeToNode(await knowledge.GetIndexInfoAsync(cancellationToken), McpJson.Info<IndexInfo>())!.AsObject()),
    };

    /// <summary>
    /// The index summary as clients see it: roots by name and commit only. The absolute paths of the knowledge roots
    /// and of the index folder are the machine's business, not the client's (and the command line still prints them).
    /// </summary>
    private static string WithoutMachinePaths(JsonObject info)
    {
        Remove(info, nameof(IndexInfo.IndexPath));
        foreach (var root in info.FirstOrDefault(p => p.Key.Equals(nameof(IndexInfo.Roots), StringComparison.OrdinalIgnoreCase)).Value?.AsArray() ?? [])
        {
            Remove(root!.AsObject(), nameof(KnowledgeRootInfo.Path));
        }

        return info.ToJsonString(McpJson.Options);

        static void Remove(JsonObject node, string name)
        {
            foreach (var key in node.Select(p => p.Key).Where(k => k.Equals(name, StringComparison.OrdinalIgnoreCase)).ToList())
            {
                node.Remove(key);
            }
        }
    }

    public const string IndexUri = "arch://index";
}
