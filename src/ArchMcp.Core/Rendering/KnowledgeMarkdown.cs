using System.Text;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Rendering;

/// <summary>Short Markdown renderings of results: the readable text block of MCP tools and the CLI's text output.</summary>
public static class KnowledgeMarkdown
{
    public static string Search(SearchResult result)
    {
        var sb = new StringBuilder();
        if (result.Interpretation is not null)
        {
            sb.Append("_").Append(result.Interpretation).AppendLine("_");
        }

        if (result.Hits.Count == 0)
        {
            sb.AppendLine($"Not covered: no results for \"{result.Query}\". Try other words, fewer filters, or list_decisions.");
            return sb.ToString();
        }

        if (!result.Covered)
        {
            var nearest = result.Hits[0];
            sb.AppendLine($"Not covered: nothing in the knowledge answers \"{result.Query}\" (the nearest hit, {nearest.Id} at {nearest.Path}, only touches it).");
            return sb.ToString();
        }

        var n = 1;
        foreach (var hit in result.Hits)
        {
            sb.Append(n++).Append(". **").Append(hit.Id).Append("** ").Append(hit.Title);
            sb.Append(" (").Append(hit.Kind);
            if (hit.Status is not null)
            {
                sb.Append(", ").Append(hit.Status);
            }

            if (hit.Date is not null)
            {
                sb.Append(", ").Append(hit.Date);
            }

            sb.Append(") — ").Append(hit.Path).Append(':').Append(hit.Line).AppendLine();
            if (hit.SupersededBy is { Count: > 0 })
            {
                sb.Append("   ⚠ superseded by ").Append(string.Join(", ", hit.SupersededBy));
                if (hit.InForce is not null)
                {
                    sb.Append("; in force: ").Append(hit.InForce);
                }

                sb.AppendLine();
            }

            if (hit.Reason is not null)
            {
                sb.Append("   ↳ ").AppendLine(hit.Reason);
            }

            if (hit.Snippet.Length > 0)
            {
                sb.Append("   > ").AppendLine(hit.Snippet.ReplaceLineEndings(" "));
            }

            if (hit.Decision is { } decided)
            {
                sb.Append("   Decided: ").AppendLine(decided);
            }
        }

        return sb.ToString();
    }

    public static string Decision(DecisionView d)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(d.Id).Append(' ').AppendLine(d.Title);
        sb.Append("Status: **").Append(d.Status).Append("**");
        if (!string.Equals(d.RawStatus, d.Status, StringComparison.OrdinalIgnoreCase) && d.RawStatus.Length > 0)
        {
            sb.Append(" (\"").Append(d.RawStatus).Append("\")");
        }

        if (d.Date is not null)
        {
            sb.Append(" · Date: ").Append(d.Date);
        }

        sb.Append(" · ").Append(d.Path).Append(':').Append(d.Line);
        if (d.Changed is not null)
        {
            sb.Append(" · changed ").Append(d.Changed);
            if (d.Commit is not null)
            {
                sb.Append(" in ").Append(d.Commit);
            }
        }

        sb.AppendLine();
        if (d.InForce.Id != d.Id)
        {
            sb.Append("⚠ Not in force — the decision in force is **").Append(d.InForce.Id).Append("** ").AppendLine(d.InForce.Title);
        }

        if (d.Decision is { } outcome)
        {
            Outcome(sb, outcome);
        }

        if (d.Scope is not null)
        {
            sb.Append("Scope: ").AppendLine(d.Scope);
        }

        Links(sb, "Supersedes", d.Supersedes);
        Links(sb, "Superseded by", d.SupersededBy);
        Links(sb, "Amends", d.Amends);
        Links(sb, "Amended by", d.AmendedBy);
        Links(sb, "Related", d.Related);
        foreach (var s in d.Sections)
        {
            sb.AppendLine().Append("## ").Append(s.Heading).Append(" (line ").Append(s.Line).AppendLine(")");
            sb.AppendLine(s.Text);
        }

        return sb.ToString();
    }

    public static string DecisionList(DecisionPage page)
    {
        var sb = new StringBuilder();
        foreach (var d in page.Items)
        {
            sb.Append(d.Id).Append("  ").Append(d.Status.PadRight(10)).Append("  ").Append(d.Date ?? "          ").Append("  ").Append(d.Title);
            if (d.SupersededBy.Count > 0)
            {
                sb.Append("  (superseded by ").Append(string.Join(", ", d.SupersededBy)).Append(')');
            }

            sb.AppendLine();
        }

        sb.Append(page.Items.Count).Append(" of ").Append(page.Total).Append(" decisions");
        if (page.NextOffset is { } next)
        {
            sb.Append(" — next page: offset ").Append(next);
        }

        return sb.AppendLine().ToString();
    }

    /// <summary>One line per change, newest first (date, commit, kind and id, what changed, title, path:line), then the count and the notes.</summary>
    public static string Changes(ChangesResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        foreach (var c in result.Changes)
        {
            sb.Append(c.Date[..Math.Min(10, c.Date.Length)]).Append("  ")
                .Append(c.Commit is null ? "(file)" : c.Commit[..Math.Min(7, c.Commit.Length)]).Append("  ")
                .Append(c.Kind).Append(' ').Append(c.Id).Append(": ").Append(c.Summary)
                .Append(" — ").Append(c.Title).Append("  ").Append(c.Path).Append(':').Append(c.Line).AppendLine();
        }

        sb.Append(result.Changes.Count).Append(" of ").Append(result.Total).AppendLine(" changes");
        foreach (var note in result.Notes)
        {
            sb.AppendLine(note);
        }

        return sb.ToString();
    }

    public static string Rule(RuleLookup lookup)
    {
        var sb = new StringBuilder();
        if (lookup.Rule is { } r)
        {
            sb.Append("**").Append(r.Id).Append("** ").Append(r.Level).Append(": ").AppendLine(r.Statement);
            sb.Append("From ").Append(r.StandardTitle).Append(" — ").Append(r.Path).Append(':').Append(r.Line).AppendLine();
            if (r.Text.Length > 0)
            {
                sb.AppendLine().AppendLine(r.Text);
            }
        }
        else if (lookup.Standard is { } s)
        {
            sb.Append("# ").Append(s.Title).Append(" (").Append(s.Id).Append(") — ").Append(s.Path).AppendLine();
            foreach (var rule in s.Rules)
            {
                sb.Append("- **").Append(rule.Id).Append("** ").Append(rule.Level).Append(": ").Append(rule.Statement).Append(" (line ").Append(rule.Line).AppendLine(")");
            }
        }

        return sb.ToString();
    }

    private static void Links(StringBuilder sb, string label, IReadOnlyList<DecisionRef> refs)
    {
        if (refs.Count == 0)
        {
            return;
        }

        sb.Append(label).Append(": ").AppendLine(string.Join(", ", refs.Select(r => $"{r.Id} {r.Title} ({r.Status})")));
    }

    /// <summary>A decision's outcome with its line, and the options it turned down.</summary>
    private static void Outcome(StringBuilder sb, DecisionOutcome outcome)
    {
        sb.Append("Decided (line ").Append(outcome.Line).Append("): ").AppendLine(outcome.Text);
        if (outcome.Rejected.Count > 0)
        {
            sb.Append("Rejected: ").AppendLine(string.Join("; ", outcome.Rejected));
        }
    }
}
