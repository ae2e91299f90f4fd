using System.Text.RegularExpressions;
using ArchMcp.Core.Catalog;
using ArchMcp.Core.Checklists;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Lint;

/// <summary>
/// Contradictions in a decision log: two decisions in force choosing different options for the same subject,
/// supersession cycles, and a replaced decision that still says it is in force.
/// </summary>
internal static partial class DecisionConflicts
{
    public static void Check(KnowledgeCatalog catalog, List<Finding> findings)
    {
        CheckCycles(catalog, findings);
        CheckReplacedStillInForce(catalog, findings);
        CheckCompetingChoices(catalog, findings);
    }

    /// <summary>A decision reachable from itself through superseded-by links: no decision in the chain can be the one in force.</summary>
    private static void CheckCycles(KnowledgeCatalog catalog, List<Finding> findings)
    {
        var reported = new HashSet<CatalogEntry>();
        foreach (var start in catalog.Decisions)
        {
            if (reported.Contains(start))
            {
                continue;
            }

            var cycle = FindCycle(start);
            if (cycle is null)
            {
                continue;
            }

            reported.UnionWith(cycle);
            var first = cycle.OrderBy(e => e.Path, StringComparer.Ordinal).First();
            var chain = string.Join(" → ", cycle.Select(e => e.Id).Append(cycle[0].Id));
            findings.Add(new Finding(FindingSeverity.Error, LintCodes.SupersessionCycle, first.Path, first.Line,
                $"Supersession cycle {chain}: none of these decisions can be in force. Remove the link that points back to an older decision.")
            { Root = first.Root });
        }
    }

    /// <summary>The cycle through <paramref name="start"/> along superseded-by links, or null.</summary>
    private static List<CatalogEntry>? FindCycle(CatalogEntry start)
    {
        var path = new List<CatalogEntry>();
        var onPath = new HashSet<CatalogEntry>();
        var done = new HashSet<CatalogEntry>();

        List<CatalogEntry>? Visit(CatalogEntry e)
        {
            if (onPath.Contains(e))
            {
                return e == start ? [.. path] : null;
            }

            if (!done.Add(e))
            {
                return null;
            }

            path.Add(e);
            onPath.Add(e);
            foreach (var next in e.SupersededBy)
            {
                if (Visit(next) is { } found)
                {
                    return found;
                }
            }

            path.RemoveAt(path.Count - 1);
            onPath.Remove(e);
            return null;
        }

        return Visit(start);
    }

    /// <summary>
    /// A decision replaced by a successor (it names the successor, or an accepted successor names it) whose own status
    /// still says accepted: readers of that file believe it is in force.
    /// </summary>
    private static void CheckReplacedStillInForce(KnowledgeCatalog catalog, List<Finding> findings)
    {
        foreach (var decision in catalog.Decisions.Where(d => d.Status == DecisionStatus.Accepted))
        {
            var saysReplaced = decision.StatedRelations.FirstOrDefault(r => r.Kind == RelationKind.SupersededBy && r.Resolved is not null);
            if (saysReplaced is not null)
            {
                findings.Add(new Finding(FindingSeverity.Warning, LintCodes.ReplacedStillInForce, decision.Path, saysReplaced.Line,
                    $"{decision.Id} says it is superseded by {saysReplaced.Resolved!.Id} but its status is still '{decision.RawStatus}'. Set its status to 'superseded by {saysReplaced.Resolved.Id}'.")
                { Root = decision.Root });
                continue;
            }

            var replacer = catalog.Decisions.FirstOrDefault(other => other != decision && other.Status == DecisionStatus.Accepted
                && other.StatedRelations.Any(r => r.Kind == RelationKind.Supersedes && r.Resolved == decision));
            if (replacer is not null)
            {
                findings.Add(new Finding(FindingSeverity.Warning, LintCodes.ReplacedStillInForce, decision.Path, decision.Decision!.StatusLine > 0 ? decision.Decision.StatusLine : decision.Line,
                    $"{replacer.Id} ({replacer.Path}) says it supersedes {decision.Id}, but {decision.Id} still says '{decision.RawStatus}'. Mark {decision.Id} superseded by {replacer.Id}, or drop the link if both stay in force.")
                { Root = decision.Root });
            }
        }
    }

    /// <summary>
    /// Two accepted decisions, neither superseding nor amending the other, whose titles choose different options for the
    /// same subject ("Use Kafka for order events" and "Use RabbitMQ for order events").
    /// </summary>
    private static void CheckCompetingChoices(KnowledgeCatalog catalog, List<Finding> findings)
    {
        var choices = catalog.Decisions
            .Where(d => d.Status == DecisionStatus.Accepted && d.SupersededBy.Count == 0)
            .Select(d => (Decision: d, Choice: Choice(d.Title)))
            .Where(x => x.Choice is not null)
            .ToList();
        for (var i = 0; i < choices.Count; i++)
        {
            for (var j = i + 1; j < choices.Count; j++)
            {
                var (a, ca) = choices[i];
                var (b, cb) = choices[j];
                if (a.Root != b.Root || !ca!.Value.Subject.SetEquals(cb!.Value.Subject) || ca.Value.Option.SetEquals(cb.Value.Option)
                    || ca.Value.Option.Overlaps(cb.Value.Option) || Linked(a, b))
                {
                    continue;
                }

                findings.Add(new Finding(FindingSeverity.Warning, LintCodes.ConflictingDecisions, b.Path, b.Line,
                    $"{a.Id} ('{a.Title}') and {b.Id} ('{b.Title}') are both accepted and choose different options for the same subject. Supersede one with the other, or narrow their titles to what each governs.")
                { Root = b.Root });
            }
        }
    }

    private static bool Linked(CatalogEntry a, CatalogEntry b) =>
        a.Supersedes.Contains(b) || b.Supersedes.Contains(a) || a.Amends.Contains(b) || b.Amends.Contains(a)
        || a.AmendedBy.Contains(b) || b.AmendedBy.Contains(a);

    /// <summary>The option and the subject of a title phrased as a choice: "Use X for Y", "Adopt X as Y".</summary>
    internal static (HashSet<string> Option, HashSet<string> Subject)? Choice(string title)
    {
        var m = ChoiceTitle().Match(title);
        if (!m.Success)
        {
            return null;
        }

        var option = Words.Content(m.Groups["option"].Value);
        var subject = Words.Content(m.Groups["subject"].Value);
        return option.Count == 0 || subject.Count == 0 ? null : (option, subject);
    }

    [GeneratedRegex(@"^\s*(\d+\.\s*)?(use|using|adopt|choose|select|standardi[sz]e on|go with|prefer)\s+(?<option>.+?)\s+(for|as)\s+(?<subject>.+?)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ChoiceTitle();
}
