using System.Text;
using ArchMcp.Core;
using ArchMcp.Core.Templates;

namespace ArchMcp.Server.Mcp;

/// <summary>The draft-adr prompt text: the same plan `archmcp new` writes (<see cref="AdrDraft"/>), shown instead of written.</summary>
public sealed class AdrDrafts(IKnowledgeService knowledge, TimeProvider time)
{
    public async Task<string> DraftAsync(string title, CancellationToken cancellationToken)
    {
        var plan = await AdrDraft.PlanAsync(knowledge.AsDecisionLog(), title, date: DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), cancellationToken: cancellationToken).ConfigureAwait(false);
        var sb = new StringBuilder();
        sb.Append("Draft architecture decision record ").Append(plan.Id).Append(" \"").Append(plan.Title)
          .Append("\" for ").Append(plan.RelativePath).AppendLine(" from the template below.");
        sb.AppendLine("Fill every {placeholder} from our conversation; ask me for what you cannot infer. Keep the status 'proposed'.");
        if (plan.Related.Count > 0)
        {
            sb.AppendLine("Related decisions (read them with get_decision; say which this one supersedes or amends, if any):");
            foreach (var d in plan.Related)
            {
                sb.Append("- ").Append(d.Id).Append(' ').Append(d.Title).Append(" (").Append(d.Status).Append(") — ")
                  .Append(d.Path).Append(':').Append(d.Line).AppendLine();
            }
        }

        sb.AppendLine().AppendLine("```markdown").AppendLine(plan.Markdown.TrimEnd()).AppendLine("```");
        return sb.ToString();
    }
}
