using System.Globalization;
using ArchMcp.Core.Checklists;
using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;

namespace ArchMcp.Core;

/// <summary>How one file was understood (or why it was left out), as <c>archmcp inspect</c> shows it.</summary>
/// <param name="Kind">decision, standard, reference, guide or template; null when the file was left out.</param>
/// <param name="Why">Why the file was read as its kind, or why it was left out.</param>
/// <param name="Status">For a decision: its status as written and as mapped.</param>
/// <param name="Date">yyyy-MM-dd, or null when no date was read.</param>
/// <param name="Scope">What a decision or standard governs, declared or inferred; null when it is general.</param>
public sealed record InspectedFile(
    string Path,
    string? Kind,
    string Why,
    string? Id = null,
    IReadOnlyList<string>? Aliases = null,
    string? Title = null,
    InspectedStatus? Status = null,
    string? Date = null,
    IReadOnlyList<InspectedRelation>? Relations = null,
    IReadOnlyList<InspectedRule>? Rules = null,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyList<LintFinding>? Findings = null,
    ScopeView? Scope = null);

/// <summary>A decision's status: the text as written (empty when none), the lifecycle state it maps to, and its line.</summary>
public sealed record InspectedStatus(string Raw, string Mapped, int Line);

/// <summary>A relation as the file states it (the target as written).</summary>
public sealed record InspectedRelation(string Kind, string Target, int Line);

/// <summary>A rule as read: its id, other identifiers, level (mapped and as written), line and statement.</summary>
public sealed record InspectedRule(string Id, IReadOnlyList<string> Aliases, string Level, string RawLevel, int Line, string Statement, bool Implicit);

/// <summary>Counts over the inspected files.</summary>
/// <param name="UnknownStatus">Decisions whose stated status maps to no lifecycle state.</param>
/// <param name="NoStatus">Decisions that state no status (or only a template's list of choices: "Draft / Accepted").</param>
public sealed record InspectSummary(int Files, int LeftOut, int Decisions, int UnknownStatus, int NoStatus, int Standards, int Rules, int References, int Guides, int Templates);

/// <summary>What <c>archmcp inspect PATH</c> found: the root it read the files as part of, its settings, and each file.</summary>
/// <param name="Settings">The root's settings file, or null when it has none.</param>
public sealed record InspectReport(string Root, string RootPath, string? Settings, IReadOnlyList<LintFinding> SettingsFindings, IReadOnlyList<InspectedFile> Files, InspectSummary Summary);

/// <summary>
/// Shows how files are understood, through the very loading path the indexer uses (listing, settings, parser), with no
/// index: for each file its kind and why, id, aliases, title, status as written and as mapped, date, relations and
/// rules — or why it was left out.
/// </summary>
public static class KnowledgeInspector
{
    /// <summary>Inspects a file or a folder.</summary>
    /// <param name="path">A file or folder.</param>
    /// <param name="roots">
    /// The knowledge roots: the one holding <paramref name="path"/> is the root the files are read as part of (folder
    /// names and settings count). Without one, the nearest folder at or above the path with a settings file; else the
    /// folder itself, or for a file the repository it is in (the folder holding <c>.git</c>) or its own folder.
    /// </param>
    public static InspectReport Inspect(string path, IReadOnlyList<KnowledgeRoot> roots, long maxFileBytes = 4 * 1024 * 1024)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(roots);
        var full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path));
        var isFolder = Directory.Exists(full);
        if (!isFolder && !File.Exists(full))
        {
            throw new KnowledgeException($"'{path}' is neither a file nor a folder. Give a knowledge file or a folder of them to inspect.");
        }

        var root = RootOf(full, isFolder, roots);
        var relative = System.IO.Path.GetRelativePath(root.Path, full).Replace('\\', '/');
        var findings = new List<Finding>();
        var files = new List<InspectedFile>();
        if (isFolder)
        {
            var prefix = relative == "." ? "" : relative + "/";
            var leftOut = new List<InspectedFile>();
            var listed = KnowledgeLoader.Walk(root, findings, (rel, why) => leftOut.Add(new InspectedFile(rel, null, why))).ToList();
            files.AddRange(listed.Where(f => f.RelativePath.StartsWith(prefix, StringComparison.Ordinal)).Select(f => Read(root, f, maxFileBytes)));
            files.AddRange(leftOut.Where(f => f.Path.StartsWith(prefix, StringComparison.Ordinal)));
            files.AddRange(findings.Where(f => f.Path != RootSettings.Of(root).File && f.Path.StartsWith(prefix, StringComparison.Ordinal))
                .Select(f => new InspectedFile(f.Path, null, f.Message)));
        }
        else
        {
            findings.AddRange(RootSettings.Of(root).Findings);
            var why = KnowledgeLoader.LeftOutWhy(root, relative);
            var source = why is null ? KnowledgeLoader.Describe(root, relative) : null;
            files.Add(source is null
                ? new InspectedFile(relative, null, why ?? "it is reached through a link that leads outside the knowledge root")
                : Read(root, source, maxFileBytes));
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        var settings = RootSettings.Of(root);
        var settingsFindings = findings.Where(f => f.Path == settings.File).Select(ToLint).ToList();
        return new InspectReport(root.Name, root.Path, settings.File, settingsFindings, files, Summarize(files));
    }

    private static KnowledgeRoot RootOf(string full, bool isFolder, IReadOnlyList<KnowledgeRoot> roots)
    {
        var given = roots.Where(r => full == r.Path || full.StartsWith(r.Path + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .MaxBy(r => r.Path.Length);
        if (given is not null)
        {
            return given;
        }

        var start = isFolder ? full : System.IO.Path.GetDirectoryName(full)!;
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (RootSettings.FileNames.Any(n => System.IO.Path.Exists(System.IO.Path.Combine(dir.FullName, n))))
            {
                return Named(dir.FullName);
            }
        }

        if (!isFolder)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (System.IO.Path.Exists(System.IO.Path.Combine(dir.FullName, ".git")))
                {
                    return Named(dir.FullName);
                }
            }
        }

        return Named(start);
    }

    private static KnowledgeRoot Named(string folder)
    {
        var name = System.IO.Path.GetFileName(folder);
        return new KnowledgeRoot(string.IsNullOrEmpty(name) ? "knowledge" : name, folder);
    }

    private static InspectedFile Read(KnowledgeRoot root, SourceFile file, long maxFileBytes)
    {
        var loaded = KnowledgeLoader.Load(root, file, maxFileBytes);
        var lint = loaded.Findings.Select(ToLint).ToList();
        if (loaded.Document is not { } doc)
        {
            return new InspectedFile(file.RelativePath, null, string.Join(" ", loaded.Findings.Select(f => f.Message)), Findings: lint);
        }

        var why = doc.KindReason;
        if (doc.Tags.Contains(VersionedFiles.OlderVersionTag))
        {
            why += "; an older version of a versioned standard: searchable, its rules not in force";
        }

        var decision = doc.Decision;
        return new InspectedFile(
            doc.Path,
            doc.Kind.ToWire(),
            why,
            doc.Id,
            doc.Aliases,
            doc.Title,
            decision is null ? null : new InspectedStatus(decision.RawStatus, decision.Status.ToWire(), decision.StatusLine),
            doc.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            decision?.Relations.Select(r => new InspectedRelation(r.Kind.ToWire(), r.Target, r.Line)).ToList() ?? [],
            [.. doc.Rules.Select(r => new InspectedRule(r.Id, r.Aliases, r.Level.ToWire(), r.RawLevel, r.Line, r.Statement, r.Implicit))],
            doc.Tags,
            lint,
            DocumentScope.DeclaredOrInferred(DeclaredScope(root, doc.Path), doc.Kind, doc.Title, decision?.Outcome?.Text, () => doc)?.ToView());
    }

    private static DocumentScope? DeclaredScope(KnowledgeRoot root, string path)
    {
        try
        {
            return DocumentScope.Parse(File.ReadAllText(System.IO.Path.Combine(root.Path, path)));
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static LintFinding ToLint(Finding f) =>
        new(f.Severity == FindingSeverity.Error ? "error" : f.Severity == FindingSeverity.Warning ? "warning" : "info", f.Code, f.Path, f.Line, f.Message);

    private static InspectSummary Summarize(List<InspectedFile> files)
    {
        int Count(DocumentKind kind) => files.Count(f => f.Kind == kind.ToWire());
        return new InspectSummary(
            files.Count,
            files.Count(f => f.Kind is null),
            Count(DocumentKind.Decision),
            files.Count(f => f.Status is { Mapped: "unknown", Raw.Length: > 0 } status && !StatusMapper.IsChoiceList(status.Raw)),
            files.Count(f => f.Status is { } status && (status.Raw.Length == 0 || StatusMapper.IsChoiceList(status.Raw))),
            Count(DocumentKind.Standard),
            files.Sum(f => f.Rules?.Count ?? 0),
            Count(DocumentKind.Reference),
            Count(DocumentKind.Guide),
            Count(DocumentKind.Template));
    }
}
