using System.Text;
using ArchMcp.Core.Model;

namespace ArchMcp.Server.Mcp;

/// <summary>Compact Markdown for checklist and review results (until Core's ChecklistMarkdown is available).</summary>
public static class ChecklistText
{
    public static string Checklist(ChecklistResult result)
    {
        if (result.Items.Count == 0)
        {
            return "No rules or decisions apply to this design. Try search_knowledge with more specific words.\n";
        }

        var sb = new StringBuilder();
        foreach (var group in result.Items.GroupBy(i => i.Level))
        {
            sb.Append("## ").AppendLine(group.Key);
            foreach (var item in group)
            {
                sb.Append("- **").Append(item.Id).Append("** ").Append(item.Statement)
                  .Append(" — ").Append(item.Path).Append(':').Append(item.Line).AppendLine();
            }
        }

        return sb.ToString();
    }

    public static string Review(ReviewResult result)
    {
        var sb = new StringBuilder();
        var r = result.Risk;
        sb.Append("Risk: **").Append(r.Overall).Append("** (").Append(r.Violated).Append(" violated, ")
          .Append(r.NeedsJudgement).Append(" need judgement; high ").Append(r.High).Append(", medium ").Append(r.Medium)
          .Append(", low ").Append(r.Low).AppendLine(")");
        foreach (var item in result.Items.OrderBy(i => VerdictRank(i.Verdict)))
        {
            var c = item.Item;
            sb.Append("- [").Append(item.Verdict).Append("] **").Append(c.Id).Append("** ").Append(c.Level).Append(": ")
              .Append(c.Statement).Append(" — ").Append(c.Path).Append(':').Append(c.Line).AppendLine();
            sb.Append("  ").AppendLine(item.Reason);
            if (item.Design is { } d)
            {
                sb.Append("  design line ").Append(d.Line).Append(": \"").Append(d.Quote).AppendLine("\"");
            }
        }

        return sb.ToString();
    }

    private static int VerdictRank(string verdict) => verdict switch
    {
        Verdicts.Violated => 0,
        Verdicts.NeedsJudgement => 1,
        Verdicts.NotAddressed => 2,
        _ => 3,
    };
}
