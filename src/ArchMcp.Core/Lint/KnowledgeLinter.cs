using ArchMcp.Core.Catalog;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Lint;

/// <summary>
/// Checks the health of the knowledge: files that could not be read or parsed, and the decision log (status, date,
/// numbering, supersession links). Codes are listed in <see cref="LintCodes"/>. Every message says what to do.
/// </summary>
internal static class KnowledgeLinter
{
    /// <param name="catalog">The catalog of every parsed document.</param>
    /// <param name="loaderFindings">Findings of files that produced no document (enumeration and load problems).</param>
    public static LintReport Lint(KnowledgeCatalog catalog, IEnumerable<Finding>? loaderFindings = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var findings = new List<Finding>();
        findings.AddRange(loaderFindings ?? []);
        foreach (var entry in catalog.Entries)
        {
            findings.AddRange(entry.Document.Findings.Select(f => f.Root is null ? f with { Root = entry.Root } : f));
        }

        foreach (var decision in catalog.Decisions)
        {
            CheckDecision(decision, findings);
        }

        CheckDecisionLookalikes(catalog, findings);
        CheckDuplicateNumbers(catalog, findings);
        CheckCompetingSupersessions(catalog, findings);
        DecisionConflicts.Check(catalog, findings);

        var lint = findings
            .Where(f => f.Severity != FindingSeverity.Info)
            .Distinct()
            .OrderBy(f => f.Root ?? "", StringComparer.Ordinal).ThenBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Code, StringComparer.Ordinal)
            .Select(f => new LintFinding(f.Severity == FindingSeverity.Error ? "error" : "warning", f.Code, Display(f, catalog), f.Line, f.Message))
            .ToList();
        var summary = new LintSummary(
            catalog.Decisions.Count,
            catalog.Standards.Count,
            catalog.Rules.Count,
            catalog.Entries.Count(e => e.Kind == DocumentKind.Reference),
            lint.Count(f => f.Severity == "error"),
            lint.Count(f => f.Severity == "warning"));
        return new LintReport(summary, lint);
    }

    private static void CheckDecision(CatalogEntry decision, List<Finding> findings)
    {
        var info = decision.Decision!;
        void Add(FindingSeverity severity, string code, int line, string message) =>
            findings.Add(new Finding(severity, code, decision.Path, line, message) { Root = decision.Root });

        if (info.RawStatus.Length == 0)
        {
            Add(FindingSeverity.Warning, LintCodes.MissingStatus, decision.Line,
                $"{decision.Id} has no status. Add a '## Status' section, a 'Status:' line or 'status:' front matter (proposed, accepted, rejected, deprecated or superseded).");
        }
        else if (Loading.StatusMapper.IsChoiceList(info.RawStatus))
        {
            Add(FindingSeverity.Warning, LintCodes.TemplatePlaceholder, info.StatusLine,
                $"{decision.Id} still has its template's list of statuses ('{info.RawStatus}') instead of one status. Keep the one that holds.");
        }
        else if (info.Status == DecisionStatus.Unknown)
        {
            Add(FindingSeverity.Warning, LintCodes.UnknownStatus, info.StatusLine,
                $"{decision.Id} has the status '{info.RawStatus}', which maps to no lifecycle state. Use proposed, accepted, rejected, deprecated or superseded.");
        }

        if (decision.Date is null && !decision.Document.Findings.Any(f => f.Code == LintCodes.UnreadableDate))
        {
            Add(FindingSeverity.Warning, LintCodes.MissingDate, decision.Line,
                $"{decision.Id} has no date. Add 'Date: YYYY-MM-DD' under the title or 'date:' in the front matter.");
        }

        if (info.NumberMismatch is { } mismatch)
        {
            Add(FindingSeverity.Warning, LintCodes.NumberMismatch, decision.Line,
                $"The heading says number {mismatch.Heading} but the file name says {mismatch.FileName}; the file name wins ({decision.Id}). Fix the heading.");
        }

        foreach (var relation in decision.StatedRelations)
        {
            var verb = relation.Kind.ToWire();
            if (relation.Resolved is null)
            {
                if (relation.Kind != RelationKind.RelatesTo)
                {
                    Add(FindingSeverity.Error, LintCodes.DanglingRelation, relation.Line,
                        $"{decision.Id} says it {verb} '{relation.Target}', but no decision matches. Fix the link target (a file name, ADR number or title).");
                }

                continue;
            }

            var other = relation.Resolved;
            var answered = relation.Kind switch
            {
                RelationKind.Supersedes => Says(other, RelationKind.SupersededBy, decision) || other.Status == DecisionStatus.Superseded,
                RelationKind.SupersededBy => Says(other, RelationKind.Supersedes, decision),
                RelationKind.Amends => Says(other, RelationKind.AmendedBy, decision),
                RelationKind.AmendedBy => Says(other, RelationKind.Amends, decision),
                _ => true,
            };
            if (!answered)
            {
                var inverse = relation.Kind switch
                {
                    RelationKind.Supersedes => "Superseded by",
                    RelationKind.SupersededBy => "Supersedes",
                    RelationKind.Amends => "Amended by",
                    _ => "Amends",
                };
                Add(FindingSeverity.Warning, LintCodes.OneWayRelation, relation.Line,
                    $"{decision.Id} {verb} {other.Id}, but {other.Id} ({other.Path}) does not say so. Add '{inverse} [{decision.Title}]({RelativeLink(other.Path, decision.Path)})' to {other.Id}.");
            }
        }

        if (decision.Status == DecisionStatus.Superseded)
        {
            if (decision.SupersededBy.Count == 0)
            {
                Add(FindingSeverity.Warning, LintCodes.SupersededWithoutSuccessor, info.StatusLine,
                    $"{decision.Id} is marked '{info.RawStatus}' but names no successor. Link the decision that replaces it, e.g. 'Superseded by [Title](NNNN-file.md)'.");
            }
            else if (decision.SupersededBy.All(s => s.Status != DecisionStatus.Accepted))
            {
                var names = string.Join(", ", decision.SupersededBy.Select(s => $"{s.Id} ({s.Status.ToWire()})"));
                Add(FindingSeverity.Warning, LintCodes.SuccessorNotAccepted, info.StatusLine,
                    $"{decision.Id} is superseded by {names}, which is not accepted yet. Accept the successor, or set this record back to accepted until it is.");
            }
        }
    }

    /// <summary>
    /// Principle: a file named like the decisions beside it — a number or a date in its name (or its record folder's),
    /// in a folder holding at least two decisions named so — is meant to be one; when it was read as something else
    /// (not a template, not an index page), its status or sections are missing or unreadable.
    /// </summary>
    private static void CheckDecisionLookalikes(KnowledgeCatalog catalog, List<Finding> findings)
    {
        // the root and folder of a numbered or dated file; a record folder's README (2022-11-09-slug/README.md) sits
        // beside the other record folders
        static (string Root, string Folder)? Numbered(CatalogEntry entry)
        {
            var name = Loading.FileNames.Analyze(entry.Path);
            if (name.Number is null && name.Date is null)
            {
                return null;
            }

            var parts = entry.Path.Split('/');
            var up = Loading.FileNames.RecordFolder(entry.Path) is null ? 1 : 2;
            return (entry.Root, string.Join('/', parts[..Math.Max(0, parts.Length - up)]));
        }

        var decisionsByFolder = catalog.Decisions.Select(Numbered).OfType<(string, string)>().GroupBy(f => f).ToDictionary(g => g.Key, g => g.Count());
        foreach (var entry in catalog.Entries)
        {
            if (entry.Kind is DocumentKind.Decision or DocumentKind.Template || Numbered(entry) is not { } folder
                || !decisionsByFolder.TryGetValue(folder, out var count) || count < 2)
            {
                continue;
            }

            findings.Add(new Finding(FindingSeverity.Warning, LintCodes.NotReadAsDecision, entry.Path, entry.Line,
                $"'{entry.Path}' is numbered or dated like the {count} decisions in '{(folder.Folder.Length == 0 ? "." : folder.Folder)}/' but was read as a {entry.Kind.ToWire()}. " +
                $"Run `archmcp inspect {entry.Path}` to see why; give it a status line and the decision's sections, or 'kind: decision' in its front matter.")
            { Root = entry.Root });
        }
    }

    private static void CheckDuplicateNumbers(KnowledgeCatalog catalog, List<Finding> findings)
    {
        foreach (var group in catalog.Decisions.Where(d => d.Number is not null).GroupBy(d => (d.Root, d.Number!.Value)).Where(g => g.Count() > 1))
        {
            // each finding names at most four files: a number used a hundred times would otherwise repeat a hundred paths a hundred times
            var paths = group.Select(d => d.Path).ToList();
            var users = paths.Count <= 4 ? string.Join(" and ", paths) : $"{string.Join(", ", paths.Take(3))} and {paths.Count - 3} more";
            foreach (var decision in group.Skip(1))
            {
                findings.Add(new Finding(FindingSeverity.Error, LintCodes.DuplicateNumber, decision.Path, decision.Line,
                    $"Decision number {group.Key.Value} is used by {users}; this one is listed as {decision.Id}. Renumber it to the next free number.")
                { Root = decision.Root });
            }
        }
    }

    private static void CheckCompetingSupersessions(KnowledgeCatalog catalog, List<Finding> findings)
    {
        foreach (var decision in catalog.Decisions)
        {
            var accepted = decision.SupersededBy.Where(s => s.Status == DecisionStatus.Accepted).ToList();
            if (accepted.Count > 1)
            {
                findings.Add(new Finding(FindingSeverity.Warning, LintCodes.CompetingSupersession, decision.Path, decision.Line,
                    $"{string.Join(" and ", accepted.Select(a => a.Id))} are all accepted and all supersede {decision.Id}. Mark the older successor as superseded by the newer one, or make one amend the other.")
                { Root = decision.Root });
            }
        }
    }

    private static bool Says(CatalogEntry entry, RelationKind kind, CatalogEntry target) =>
        entry.StatedRelations.Any(r => r.Kind == kind && r.Resolved == target);

    private static string RelativeLink(string from, string to)
    {
        var fromDir = from.Contains('/') ? from[..from.LastIndexOf('/')] : "";
        var toDir = to.Contains('/') ? to[..to.LastIndexOf('/')] : "";
        return fromDir == toDir ? to[(to.LastIndexOf('/') + 1)..] : Path.GetRelativePath(fromDir.Length == 0 ? "." : fromDir, to).Replace('\\', '/');
    }

    private static string Display(Finding finding, KnowledgeCatalog catalog) =>
        catalog.Roots.Count > 1 && finding.Root is not null ? $"{finding.Root}:{finding.Path}" : finding.Path;
}
