using System.Globalization;
using System.Text;
using ArchMcp.Core;
using ArchMcp.Core.Model;
using Microsoft.Extensions.Options;

namespace ArchMcp.Server.Mcp;

/// <summary>Fills the ADR template (knowledge <c>templates/adr-template.md</c>, else a MADR 4 skeleton) for the draft-adr prompt.</summary>
public sealed class AdrDrafts(IKnowledgeService knowledge, IOptions<KnowledgeOptions> options, TimeProvider time)
{
    public const string TemplatePath = "templates/adr-template.md";

    public const string BuiltInTemplate = """
        ---
        status: {{status}}
        date: {{date}}
        decision-makers: {list everyone involved in the decision}
        ---
        # {{title}}

        ## Context and Problem Statement

        {Describe the context and problem statement in two or three sentences, or as a question.}

        ## Decision Drivers

        * {decision driver 1}
        * {decision driver 2}

        ## Considered Options

        * {title of option 1}
        * {title of option 2}

        ## Decision Outcome

        Chosen option: "{title of option 1}", because {justification}.

        ### Consequences

        * Good, because {positive consequence}
        * Bad, because {negative consequence}

        ## More Information

        {Links to related decisions (ADR-NNNN) and to the standards this decision applies.}
        """;

    public async Task<string> DraftAsync(string title, CancellationToken cancellationToken)
    {
        var number = await NextNumberAsync(cancellationToken).ConfigureAwait(false);
        var related = await knowledge.SearchAsync(new SearchRequest { Query = title, Kind = DocumentKind.Decision, Limit = 5 }, cancellationToken).ConfigureAwait(false);
        var draft = ReadTemplate()
            .Replace("{{number}}", number.ToString("D4", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{title}}", title, StringComparison.Ordinal)
            .Replace("{{date}}", time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{status}}", "proposed", StringComparison.Ordinal);

        var sb = new StringBuilder();
        sb.Append("Draft architecture decision record ADR-").Append(number.ToString("D4", CultureInfo.InvariantCulture))
          .Append(" \"").Append(title).AppendLine("\" from the template below.");
        sb.AppendLine("Fill every {placeholder} from our conversation; ask me for what you cannot infer. Keep the status 'proposed'.");
        if (related.Hits.Count > 0)
        {
            sb.AppendLine("Related decisions (read them with get_decision; say which this one supersedes or amends, if any):");
            foreach (var hit in related.Hits)
            {
                sb.Append("- ").Append(hit.Id).Append(' ').Append(hit.Title).Append(" (").Append(hit.Status ?? "unknown")
                  .Append(") — ").Append(hit.Path).Append(':').Append(hit.Line).AppendLine();
            }
        }

        sb.AppendLine().AppendLine("```markdown").AppendLine(draft.TrimEnd()).AppendLine("```");
        return sb.ToString();
    }

    private async Task<int> NextNumberAsync(CancellationToken cancellationToken)
    {
        var max = 0;
        int? offset = 0;
        while (offset is { } o)
        {
            var page = await knowledge.ListDecisionsAsync(new DecisionQuery { Offset = o, Limit = 100 }, cancellationToken).ConfigureAwait(false);
            max = page.Items.Select(d => d.Number ?? 0).Append(max).Max();
            offset = page.Items.Count == 0 ? null : page.NextOffset;
        }

        return max + 1;
    }

    private string ReadTemplate()
    {
        foreach (var root in KnowledgeRoots.Resolve(options.Value.Roots))
        {
            var path = Path.Combine(root.Path, TemplatePath);
            if (File.Exists(path))
            {
                return string.Join('\n', File.ReadAllLines(path).Where(line => line.Trim() != "kind: template"));
            }
        }

        return BuiltInTemplate;
    }
}
