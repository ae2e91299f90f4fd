using System.Text;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Rendering;

/// <summary>How a checklist is laid out.</summary>
public enum ChecklistFormat
{
    /// <summary>Readable text grouped by level (the CLI's text output and the MCP text block).</summary>
    Text,

    /// <summary>A Markdown task list to paste into a pull request.</summary>
    TaskList,
}

/// <summary>Readable renderings of checklists and reviews.</summary>
public static class ChecklistMarkdown
{
    private static readonly string[] LevelOrder = ["MUST", "MUST NOT", "SHOULD", "SHOULD NOT", "MAY"];

    public static string Checklist(ChecklistResult result, ChecklistFormat format = ChecklistFormat.Text)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Items.Count == 0)
        {
            return "Not covered: no applicable rules or decisions found. Try naming the subject (\"API versioning\", \"logging\") or check the knowledge roots.\n";
        }

        if (!result.Covered)
        {
            return $"Not covered: no rule or decision in the knowledge is about this design (the nearest, {result.Items[0].Id} in {result.Items[0].Path}, only touches it).\n";
        }

        return format == ChecklistFormat.TaskList ? TaskList(result) : Grouped(result);
    }

    public static string Review(ReviewResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        var risk = result.Risk;
        sb.Append("Risk: **").Append(risk.Overall.ToUpperInvariant()).Append("** — ")
            .Append(risk.Violated).Append(" violated (").Append(risk.High).Append(" MUST, ").Append(risk.Medium).Append(" SHOULD, ")
            .Append(risk.Low).Append(" other); ")
            .Append(risk.JudgedByRule).Append(" judged by rule, ");
        if (risk.JudgedByModel > 0)
        {
            sb.Append(risk.JudgedByModel).Append(" by the client's model, ");
        }

        sb.Append(risk.NeedsJudgement).AppendLine(" need a person");
        if (result.Items.Count == 0)
        {
            sb.AppendLine().AppendLine("No applicable rules or decisions found.");
            return sb.ToString();
        }

        foreach (var verdict in new[] { Verdicts.Violated, Verdicts.NeedsJudgement, Verdicts.Met, Verdicts.NotAddressed })
        {
            var items = result.Items.Where(i => i.Verdict == verdict).ToList();
            if (items.Count == 0)
            {
                continue;
            }

            sb.AppendLine().Append("## ").Append(Marker(verdict)).Append(' ').Append(Capitalise(verdict)).Append(" (").Append(items.Count).AppendLine(")");
            foreach (var r in items)
            {
                var i = r.Item;
                sb.Append("- ").Append(Marker(verdict)).Append(" **").Append(i.Id).Append("** ").Append(i.Level).Append(' ').Append(i.Statement)
                    .Append(" (").Append(i.Path).Append(':').Append(i.Line).AppendLine(")");
                if (verdict == Verdicts.NotAddressed)
                {
                    continue;
                }

                sb.Append("  ↳ ");
                if (r.JudgedBy is not null)
                {
                    sb.Append("_judged by ").Append(r.Model ?? r.JudgedBy).Append("_: ");
                }

                sb.AppendLine(r.Reason);
                if (r.Design is not null)
                {
                    sb.Append("  > design (line ").Append(r.Design.Line).Append("): ").AppendLine(OneLine(r.Design.Quote));
                }

                if (r.Rule is not null && r.Rule.Quote != i.Statement)
                {
                    sb.Append("  > rule (line ").Append(r.Rule.Line).Append("): ").AppendLine(OneLine(r.Rule.Quote));
                }
            }
        }

        return sb.ToString();
    }

    private static string Grouped(ChecklistResult result)
    {
        var sb = new StringBuilder();
        foreach (var group in result.Items.GroupBy(i => i.Level).OrderBy(g => LevelRank(g.Key)))
        {
            sb.Append("## ").AppendLine(group.Key);
            foreach (var i in group)
            {
                sb.Append("- **").Append(i.Id).Append("** ").Append(i.Statement);
                if (i.Kind == "decision")
                {
                    sb.Append(" _(decision in force)_");
                }
                else if (!string.Equals(i.Source, i.Statement, StringComparison.Ordinal))
                {
                    sb.Append(" — ").Append(i.Source);
                }

                sb.Append(" (").Append(i.Path).Append(':').Append(i.Line).AppendLine(")");
            }

            sb.AppendLine();
        }

        return sb.ToString();
    }

    private static string TaskList(ChecklistResult result)
    {
        var sb = new StringBuilder();
        foreach (var i in result.Items.OrderBy(i => LevelRank(i.Level)))
        {
            sb.Append("- [ ] **").Append(i.Id).Append("** ").Append(i.Level).Append(' ').Append(i.Statement)
                .Append(" (").Append(i.Path).Append(':').Append(i.Line).AppendLine(")");
        }

        return sb.ToString();
    }

    private static int LevelRank(string level)
    {
        var i = Array.IndexOf(LevelOrder, level);
        return i < 0 ? LevelOrder.Length : i;
    }

    private static string Marker(string verdict) => verdict switch
    {
        Verdicts.Violated => "✗",
        Verdicts.Met => "✓",
        Verdicts.NeedsJudgement => "?",
        _ => "·",
    };

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string OneLine(string text) => string.Join(' ', text.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
}
