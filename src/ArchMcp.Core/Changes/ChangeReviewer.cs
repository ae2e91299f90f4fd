using ArchMcp.Core.Catalog;
using ArchMcp.Core.Checklists;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Changes;

/// <summary>
/// A change reviewed file by file: the decisions in force and standards whose scope — declared, or inferred from what
/// they name — covers the file (by its path, or a technology its path and changed lines show: <see cref="TechnologyFootprint"/>), then the design review (<see cref="ChecklistEngine.Review(ChecklistRequest, IReadOnlyList{DesignFact}, CancellationToken)"/>,
/// the same checks) of the text the change adds to it and of the facts its format states (<see cref="FileStructure"/>),
/// keeping the violations, each cited at the line of the new file that holds its evidence.
/// </summary>
internal static class ChangeReviewer
{
    public static ChangeReviewResult Review(
        IReadOnlyList<ChangedFile> files,
        KnowledgeCatalog catalog,
        Func<CatalogEntry, DocumentScope?> scopeOf,
        Func<ChecklistRequest, IReadOnlyList<DesignFact>, ReviewResult> review,
        string? root,
        CancellationToken cancellationToken)
    {
        var scoped = catalog.Decisions.Concat(catalog.Standards)
            .Where(e => e.InForce && (root is null || e.Root == root))
            .Select(e => (Entry: e, Scope: scopeOf(e)))
            .Where(s => s.Scope is not null)
            .ToList();
        // what a finding's record is about: its scope, or for a guide or manual (which governs no file by scope) what its title names
        DocumentScope? AboutOf(ChecklistItem item) => catalog.Find(item.Root, item.Path) is { } e ? scopeOf(e) ?? DocumentScope.Infer(e.Title) : null;
        var reviewed = new List<FileReview>();
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // what the change touches: its added and removed lines, and the full names of the keys it adds (the block a
            // YAML key or the section an INI/TOML key sits in, which only a context line may show)
            var changed = string.Join('\n', file.Added.Select(a => a.Text).Concat(file.Removed).Concat(FileStructure.AddedKeys(file)));
            var footprint = TechnologyFootprint.Of(file.Path, changed);
            var governing = new List<GoverningItem>();
            foreach (var (entry, scope) in scoped)
            {
                if (scope!.CoversFile(file.Path, changed, footprint) is { } why)
                {
                    governing.Add(new GoverningItem(entry.Id, scope.Inferred ? why + ", inferred" : why, $"{entry.Path}:{entry.Line}")
                    {
                        Inferred = scope.Inferred,
                        Path = entry.Path,
                    });
                }
            }

            reviewed.Add(new FileReview(file.Path, file.Change, governing, Findings(file, review, root, AboutOf)));
        }

        var findings = reviewed.SelectMany(f => f.Findings).ToList();
        return new ChangeReviewResult([.. reviewed.SelectMany(f => f.Governing.Select(g => $"{f.Path}: {g}"))], findings)
        {
            Files = reviewed,
            Summary = DesignReviewer.Summarise([.. findings.Select(f => f.Review)]),
        };
    }

    /// <summary>
    /// The violations the design review finds in the added lines of <paramref name="file"/>. The review reads one
    /// design line per added line, after a first line naming the tools the file belongs to by convention (a
    /// <c>Jenkinsfile</c> is Jenkins' even when its text never says so), which stands for the file's first added line;
    /// the facts the file's structure states are placed at the design line of the added line that states them. A
    /// violation of a rule about another format or language than the file's is none (<see cref="RuleFit"/>), and a
    /// violation the lines the change removes already held (reviewed alike) is the file's, not the change's: a change
    /// that edits a line keeping what a rule forbids does not introduce it.
    /// </summary>
    private static List<ChangeFinding> Findings(
        ChangedFile file, Func<ChecklistRequest, IReadOnlyList<DesignFact>, ReviewResult> review, string? root, Func<ChecklistItem, DocumentScope?> aboutOf)
    {
        if (file.Binary || file.Added.Count == 0 || file.Added.All(a => string.IsNullOrWhiteSpace(a.Text)))
        {
            return [];
        }

        var lines = new List<int>();
        var design = new List<string>();
        var technologies = FileConventions.Technologies(file.Path);
        if (technologies.Count > 0)
        {
            design.Add($"{string.Join(", ", technologies)} ({System.IO.Path.GetFileName(file.Path)})");
            lines.Add(file.Added[0].Line);
        }

        var designLine = new Dictionary<DiffLine, int>();
        foreach (var line in file.Added)
        {
            design.Add(line.Text);
            lines.Add(line.Line);
            designLine[line] = design.Count;
        }

        var read = FileStructure.Read(file).Select(f => new DesignFact(f.Kind, f.Value, designLine[f.At], f.At.Text.Trim())).ToList();
        var result = review(new ChecklistRequest { Design = string.Join('\n', design), Limit = ToolContract.ChecklistLimitDefault, Root = root }, read);
        var held = file.Removed.All(string.IsNullOrWhiteSpace) ? []
            : review(new ChecklistRequest { Design = string.Join('\n', file.Removed), Limit = ToolContract.ChecklistLimitDefault, Root = root }, [])
                .Items.Where(i => i.Verdict == Verdicts.Violated).Select(i => (i.Item.Path, i.Item.Id)).ToHashSet();
        return [.. result.Items
            .Where(i => i.Verdict == Verdicts.Violated && !held.Contains((i.Item.Path, i.Item.Id)) && RuleFit.Applies(i.Item.Statement, aboutOf(i.Item), file.Path))
            .Select(i => i.Design is { } evidence && evidence.Line >= 1 && evidence.Line <= lines.Count
                ? i with { Design = evidence with { Line = lines[evidence.Line - 1] } }
                : i)
            .Select(i => new ChangeFinding(file.Path, i.Design?.Line ?? file.Added[0].Line, i.Item.Id, $"{i.Item.Path}:{i.Rule?.Line ?? i.Item.Line}", i.Reason)
            {
                Review = i,
            })];
    }
}
