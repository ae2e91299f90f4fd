using System.Collections.Concurrent;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Loading;

/// <summary>Listing: which files of a root are knowledge, found by walking the root or by naming one path.</summary>
internal static partial class KnowledgeLoader
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { "node_modules", "bin", "obj" };
    private static readonly ConcurrentDictionary<string, string> RootReals = new(StringComparer.Ordinal);

    /// <summary>True for <c>*.md</c> and <c>*.markdown</c>.</summary>
    public static bool IsMarkdown(string path) =>
        path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for the files knowledge is read from: Markdown and AsciiDoc (<c>*.adoc</c>, <c>*.asciidoc</c>).</summary>
    public static bool IsKnowledgeFile(string path) => IsMarkdown(path) || AsciiDocConverter.IsAsciiDoc(path);

    /// <summary>The Markdown and AsciiDoc files under <paramref name="root"/>, sorted by relative path; problems go to <paramref name="findings"/>.</summary>
    public static IReadOnlyList<SourceFile> Enumerate(KnowledgeRoot root, ICollection<Finding> findings)
    {
        var files = Walk(root, findings).ToList();
        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return files;
    }

    /// <summary>
    /// The files of <see cref="Enumerate"/> in the order the walk finds them, each as soon as it is found, so that
    /// they can be read while the rest of the root is still being listed.
    /// </summary>
    /// <param name="leftOut">Told each Markdown or AsciiDoc file and each folder the listing leaves out, and why.</param>
    public static IEnumerable<SourceFile> Walk(KnowledgeRoot root, ICollection<Finding> findings, Action<string, string>? leftOut = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(findings);
        return WalkCore(root, findings, leftOut);
    }

    private static IEnumerable<SourceFile> WalkCore(KnowledgeRoot root, ICollection<Finding> findings, Action<string, string>? leftOut)
    {
        var settings = RootSettings.Of(root);
        foreach (var problem in settings.Findings)
        {
            findings.Add(problem);
        }

        var rootReal = RealPath(root.Path) ?? Path.GetFullPath(root.Path);
        RootReals[root.Path] = rootReal;
        var visited = new HashSet<string>(StringComparer.Ordinal) { rootReal };
        var pending = new Stack<(string Dir, string Relative, string Real)>();
        pending.Push((root.Path, "", rootReal));
        while (pending.Count > 0)
        {
            var (dir, relative, dirReal) = pending.Pop();
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(dir).EnumerateFileSystemInfos().ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                findings.Add(new Finding(FindingSeverity.Warning, LintCodes.Unreadable, relative.Length == 0 ? "." : relative, 0,
                    $"Folder could not be listed ({ex.Message}); its files were not indexed. Check that the folder exists and is readable.") { Root = root.Name });
                continue;
            }

            foreach (var entry in entries)
            {
                var rel = relative.Length == 0 ? entry.Name : $"{relative}/{entry.Name}";
                if (entry is DirectoryInfo sub)
                {
                    if (FolderLeftOutWhy(entry.Name, rel, settings) is { } folderWhy)
                    {
                        leftOut?.Invoke(rel, folderWhy);
                        continue;
                    }

                    // a folder that is not a link is where its parent really is: resolving its whole path again
                    // (a status and a link read per path element) was most of the time spent listing
                    var real = sub.LinkTarget is null ? Path.Combine(dirReal, entry.Name) : RealPath(sub.FullName);
                    if (real is null || !IsInside(real, rootReal))
                    {
                        findings.Add(new Finding(FindingSeverity.Warning, LintCodes.SymlinkSkipped, rel, 0,
                            $"Folder link '{rel}' points outside the knowledge root (or nowhere) and was not followed. Copy the files into the root or add the target as another --knowledge root.") { Root = root.Name });
                        continue;
                    }

                    if (!visited.Add(real))
                    {
                        if (sub.LinkTarget is not null)
                        {
                            findings.Add(new Finding(FindingSeverity.Warning, LintCodes.SymlinkSkipped, rel, 0,
                                $"Folder link '{rel}' leads back to a folder already indexed (a link loop) and was not followed. Remove the link if it is not needed.") { Root = root.Name });
                        }

                        continue;
                    }

                    pending.Push((sub.FullName, rel, real));
                }
                else if (entry is FileInfo file && IsKnowledgeFile(entry.Name))
                {
                    if (FileLeftOutWhy(entry.Name, rel, settings) is { } fileWhy)
                    {
                        leftOut?.Invoke(rel, fileWhy);
                        continue;
                    }

                    if (entry.Name.Contains('\uFFFD', StringComparison.Ordinal) && !Path.Exists(file.FullName))
                    {
                        // the name's bytes are not UTF-8: .NET cannot name the file to open it
                        findings.Add(new Finding(FindingSeverity.Warning, LintCodes.UndecodableName, rel.Replace('\uFFFD', '?'), 0,
                            $"File name '{rel.Replace('\uFFFD', '?')}' is not valid UTF-8 (each '?' stands for bytes that are not) and the file was not indexed. Rename it with a UTF-8 name.") { Root = root.Name });
                        continue;
                    }

                    if (file.LinkTarget is not null)
                    {
                        var real = RealPath(file.FullName);
                        if (real is null || !IsInside(real, rootReal))
                        {
                            findings.Add(new Finding(FindingSeverity.Warning, LintCodes.SymlinkSkipped, rel, 0,
                                $"File link '{rel}' points outside the knowledge root (or nowhere) and was not indexed. Copy the file into the root instead.") { Root = root.Name });
                            continue;
                        }
                    }

                    long length = 0;
                    var mtime = DateTimeOffset.MinValue;
                    try
                    {
                        file.Refresh();
                        length = file.Length;
                        mtime = file.LastWriteTimeUtc;
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        // Reported when the file is loaded.
                    }

                    yield return new SourceFile(root.Name, rel, file.FullName, length, mtime);
                }
            }
        }
    }

    /// <summary>
    /// Why the listing leaves the file at <paramref name="relativePath"/> out — not Markdown or AsciiDoc, hidden, in a
    /// hidden or build-output folder, or excluded by the root's settings — or null when it lists it.
    /// </summary>
    public static string? LeftOutWhy(KnowledgeRoot root, string relativePath)
    {
        ArgumentNullException.ThrowIfNull(root);
        var settings = RootSettings.Of(root);
        var segments = relativePath.Split('/');
        if (segments.Any(s => s.Length == 0))
        {
            return "not a file name";
        }

        for (var i = 0; i < segments.Length - 1; i++)
        {
            if (FolderLeftOutWhy(segments[i], string.Join('/', segments[..(i + 1)]), settings) is { } why)
            {
                return $"in '{string.Join('/', segments[..(i + 1)])}': {why}";
            }
        }

        return FileLeftOutWhy(segments[^1], relativePath, settings);
    }

    private static string? FolderLeftOutWhy(string name, string relativePath, RootSettings settings) =>
        name.StartsWith('.') ? "a hidden folder is not read"
        : SkippedFolders.Contains(name) ? "a build or package output folder is not read"
        : settings.LeftOutWhy(relativePath, folder: true);

    private static string? FileLeftOutWhy(string name, string relativePath, RootSettings settings) =>
        !IsKnowledgeFile(name) ? "not a Markdown (.md, .markdown) or AsciiDoc (.adoc, .asciidoc) file"
        : name.StartsWith('.') ? "a hidden file is not read"
        : settings.LeftOutWhy(relativePath);

    /// <summary>
    /// The file at <paramref name="relativePath"/> under <paramref name="root"/> as <see cref="Enumerate"/> would list
    /// it, or null when it is gone or would not be listed (see <see cref="LeftOutWhy"/>, or reached through a link that
    /// leaves the root). Lets a watcher's changes be indexed without listing the whole root.
    /// </summary>
    public static SourceFile? Describe(KnowledgeRoot root, string relativePath)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (LeftOutWhy(root, relativePath) is not null)
        {
            return null;
        }

        var file = new FileInfo(Path.Combine(root.Path, relativePath));
        var rootReal = RealPath(root.Path) ?? Path.GetFullPath(root.Path);
        var real = file.Exists ? RealPath(file.FullName) : null;
        if (real is null || !IsInside(real, rootReal))
        {
            return null;
        }

        return new SourceFile(root.Name, relativePath, file.FullName, file.Length, file.LastWriteTimeUtc);
    }

    /// <summary>The root's real path (links resolved), found once per root path.</summary>
    internal static string RootReal(KnowledgeRoot root) =>
        RootReals.GetOrAdd(root.Path, p => RealPath(p) ?? Path.GetFullPath(p));

    /// <summary>The path's real location (every link along it resolved), or null when it does not resolve.</summary>
    internal static string? RealPath(string path)
    {
        try
        {
            var full = Path.GetFullPath(path);

            // Resolve every link along the path, not just the last component.
            var resolved = ResolveAll(full);
            return resolved is null ? null : Path.TrimEndingDirectorySeparator(resolved);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    private static string? ResolveAll(string full)
    {
        var root = Path.GetPathRoot(full) ?? "/";
        var current = root;
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (var hops = 0; hops < 64; hops++)
        {
            var changed = false;
            foreach (var part in parts)
            {
                var next = Path.Combine(current, part);
                FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
                if (!info.Exists)
                {
                    return null;
                }

                if (info.LinkTarget is not null)
                {
                    var target = info.ResolveLinkTarget(returnFinalTarget: true);
                    if (target is null || !target.Exists)
                    {
                        return null;
                    }

                    next = target.FullName;
                    changed = true;
                }

                current = next;
            }

            if (!changed)
            {
                return current;
            }

            // The resolved target may itself sit below links: resolve again.
            full = current;
            root = Path.GetPathRoot(full) ?? "/";
            current = root;
            parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        }

        return null;
    }

    private static bool IsInside(string path, string root) =>
        path.Equals(root, StringComparison.Ordinal)
        || path.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
