using System.Security.Cryptography;
using System.Text;
using ArchMcp.Core.Lint;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Loading;

/// <summary>A Markdown file found under a knowledge root.</summary>
/// <param name="Root">Name of the knowledge root.</param>
/// <param name="RelativePath">Path relative to the root, forward slashes.</param>
/// <param name="FullPath">Absolute path used to read the file.</param>
public sealed record SourceFile(string Root, string RelativePath, string FullPath, long Length, DateTimeOffset LastWriteUtc);

/// <summary>The outcome of reading and parsing one file: a document, or none when the file had to be skipped.</summary>
public sealed record LoadedFile(SourceFile File, KnowledgeDocument? Document, string? ContentHash, long Length, IReadOnlyList<Finding> Findings)
{
    public bool Succeeded => Document is not null;
}

/// <summary>
/// Finds and reads the Markdown files of a knowledge root. Enumeration never leaves the root (symbolic links
/// are followed only inside it, loops are cut); reading is safe against large, binary, invalid or vanishing files.
/// Every method is thread-safe, so files can be loaded in parallel.
/// </summary>
public static class KnowledgeLoader
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { "node_modules", "bin", "obj" };
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UTF8Encoding LenientUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>True for <c>*.md</c> and <c>*.markdown</c>.</summary>
    public static bool IsMarkdown(string path) =>
        path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Markdown files under <paramref name="root"/>, sorted by relative path; problems go to <paramref name="findings"/>.</summary>
    public static IReadOnlyList<SourceFile> Enumerate(KnowledgeRoot root, ICollection<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(findings);
        var files = new List<SourceFile>();
        var rootReal = RealPath(root.Path) ?? Path.GetFullPath(root.Path);
        var visited = new HashSet<string>(StringComparer.Ordinal) { rootReal };
        var pending = new Stack<(string Dir, string Relative)>();
        pending.Push((root.Path, ""));
        while (pending.Count > 0)
        {
            var (dir, relative) = pending.Pop();
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
                    if (entry.Name.StartsWith('.') || SkippedFolders.Contains(entry.Name))
                    {
                        continue;
                    }

                    var real = RealPath(sub.FullName);
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

                    pending.Push((sub.FullName, rel));
                }
                else if (entry is FileInfo file && IsMarkdown(entry.Name) && !entry.Name.StartsWith('.'))
                {
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

                    files.Add(new SourceFile(root.Name, rel, file.FullName, length, mtime));
                }
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return files;
    }

    /// <summary>
    /// The file at <paramref name="relativePath"/> under <paramref name="root"/> as <see cref="Enumerate"/> would list
    /// it, or null when it is gone or would not be listed (not Markdown, hidden, in a skipped folder, or reached
    /// through a link that leaves the root). Lets a watcher's changes be indexed without listing the whole root.
    /// </summary>
    public static SourceFile? Describe(KnowledgeRoot root, string relativePath)
    {
        ArgumentNullException.ThrowIfNull(root);
        var segments = relativePath.Split('/');
        if (!IsMarkdown(relativePath) || segments.Any(s => s.Length == 0 || s.StartsWith('.') || s == "..")
            || segments[..^1].Any(SkippedFolders.Contains))
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

    /// <summary>Reads and parses one file. Never throws for file problems: they become findings and, when fatal, a null document.</summary>
    public static LoadedFile Load(KnowledgeRoot root, SourceFile file, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(file);
        var path = file.RelativePath;
        Finding Problem(FindingSeverity severity, string code, int line, string message) => new(severity, code, path, line, message) { Root = root.Name };

        byte[] bytes;
        try
        {
            using var stream = new FileStream(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.SequentialScan);
            if (stream.Length > maxBytes)
            {
                return new LoadedFile(file, null, null, stream.Length, [Problem(FindingSeverity.Error, LintCodes.TooLarge, 0,
                    $"File is {stream.Length:N0} bytes, over the {maxBytes:N0}-byte limit, and was skipped. Split it into smaller documents or raise Knowledge:MaxFileBytes.")]);
            }

            bytes = ReadAll(stream, maxBytes);
            if (bytes.Length > maxBytes)
            {
                return new LoadedFile(file, null, null, bytes.Length, [Problem(FindingSeverity.Error, LintCodes.TooLarge, 0,
                    $"File grew past the {maxBytes:N0}-byte limit while it was read, and was skipped. Split it or raise Knowledge:MaxFileBytes.")]);
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new LoadedFile(file, null, null, 0, [Problem(FindingSeverity.Error, LintCodes.Unreadable, 0,
                "File disappeared while the knowledge was being indexed and was skipped. Run the indexing again once the files are stable.")]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new LoadedFile(file, null, null, 0, [Problem(FindingSeverity.Error, LintCodes.Unreadable, 0,
                $"File could not be read ({ex.Message}) and was skipped. Check its permissions, then index again.")]);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
        {
            return new LoadedFile(file, null, hash, bytes.Length, [Problem(FindingSeverity.Error, LintCodes.Binary, LineOf(bytes, nul),
                $"File contains binary data (a NUL byte at offset {nul}) and was skipped. Only text Markdown is indexed; rename it if it is not Markdown.")]);
        }

        var findings = new List<Finding>();
        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        string content;
        try
        {
            content = StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException ex)
        {
            var offset = start + Math.Max(0, ex.Index);
            content = LenientUtf8.GetString(bytes, start, bytes.Length - start);
            findings.Add(Problem(FindingSeverity.Warning, LintCodes.InvalidUtf8, LineOf(bytes, offset),
                $"File is not valid UTF-8 (first bad byte at offset {offset}); bad bytes were replaced by '\uFFFD'. Re-save the file as UTF-8."));
        }

        if (string.IsNullOrWhiteSpace(content))
        {
            return new LoadedFile(file, null, hash, bytes.Length, [Problem(FindingSeverity.Warning, LintCodes.EmptyFile, 0,
                "File is empty and was skipped. Add content or delete it.")]);
        }

        var document = MarkdownKnowledgeParser.Parse(root.Name, path, content);
        if (findings.Count > 0)
        {
            document = document with { Findings = [.. findings, .. document.Findings] };
        }

        return new LoadedFile(file, document, hash, bytes.Length, document.Findings);
    }

    /// <summary>Enumerates and loads every file of a root, one after the other.</summary>
    public static IReadOnlyList<LoadedFile> LoadAll(KnowledgeRoot root, long maxBytes, ICollection<Finding> findings)
    {
        var loaded = Enumerate(root, findings).Select(f => Load(root, f, maxBytes)).ToList();
        foreach (var file in loaded.Where(f => !f.Succeeded))
        {
            foreach (var finding in file.Findings)
            {
                findings.Add(finding);
            }
        }

        return loaded;
    }

    private static byte[] ReadAll(FileStream stream, long maxBytes)
    {
        using var buffer = new MemoryStream(stream.CanSeek ? (int)Math.Min(stream.Length, maxBytes) : 4096);
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                break;
            }
        }

        return buffer.ToArray();
    }

    private static int LineOf(byte[] bytes, int offset)
    {
        var line = 1;
        for (var i = 0; i < offset && i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
            }
        }

        return line;
    }

    private static string? RealPath(string path)
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
