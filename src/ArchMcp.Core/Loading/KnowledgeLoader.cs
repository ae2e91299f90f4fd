using System.Security.Cryptography;
using System.Text;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Loading;

/// <summary>A Markdown file found under a knowledge root.</summary>
/// <param name="Root">Name of the knowledge root.</param>
/// <param name="RelativePath">Path relative to the root, forward slashes.</param>
/// <param name="FullPath">Absolute path used to read the file.</param>
internal sealed record SourceFile(string Root, string RelativePath, string FullPath, long Length, DateTimeOffset LastWriteUtc);

/// <summary>The outcome of reading and parsing one file: a document, or none when the file had to be skipped.</summary>
internal sealed record LoadedFile(SourceFile File, KnowledgeDocument? Document, string? ContentHash, long Length, IReadOnlyList<Finding> Findings)
{
    public bool Succeeded => Document is not null;
}

/// <summary>
/// Finds and reads the Markdown files of a knowledge root. Enumeration never leaves the root (symbolic links
/// are followed only inside it, loops are cut); reading is safe against large, binary, invalid or vanishing files.
/// Every method is thread-safe, so files can be loaded in parallel.
/// </summary>
internal static partial class KnowledgeLoader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UTF8Encoding LenientUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>Reads and parses one file. Never throws for file problems: they become findings and, when fatal, a null document.</summary>
    public static LoadedFile Load(KnowledgeRoot root, SourceFile file, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(file);
        var path = file.RelativePath;
        Finding Problem(FindingSeverity severity, string code, int line, string message) => new(severity, code, path, line, message) { Root = root.Name };

        var read = SafeFile.Read(file.FullPath, RootReal(root), maxBytes);
        var bytes = read.Bytes;
        switch (read.Outcome)
        {
            case SafeReadOutcome.Read:
                break;
            case SafeReadOutcome.TooLarge:
                return new LoadedFile(file, null, null, read.Length, [Problem(FindingSeverity.Error, LintCodes.TooLarge, 0,
                    $"File is over the {maxBytes:N0}-byte limit ({read.Length:N0} bytes or more) and was skipped. Split it into smaller documents or raise Knowledge:MaxFileBytes.")]);
            case SafeReadOutcome.NotFound:
                return new LoadedFile(file, null, null, 0, [Problem(FindingSeverity.Error, LintCodes.Unreadable, 0,
                    "File disappeared while the knowledge was being indexed and was skipped. Run the indexing again once the files are stable.")]);
            case SafeReadOutcome.NotRegular:
                return new LoadedFile(file, null, null, 0, [Problem(FindingSeverity.Warning, LintCodes.NotRegularFile, 0,
                    $"'{path}' is a {read.Detail ?? "special file"}, not a regular file, and was not read. Only regular files are indexed; remove it or replace it with a file.")]);
            case SafeReadOutcome.Outside:
                return new LoadedFile(file, null, null, 0, [Problem(FindingSeverity.Warning, LintCodes.SymlinkSkipped, 0,
                    $"File link '{path}' points outside the knowledge root (or nowhere) and was not indexed. Copy the file into the root instead.")]);
            default:
                return new LoadedFile(file, null, null, 0, [Problem(FindingSeverity.Error, LintCodes.Unreadable, 0,
                    $"File could not be read ({read.Detail}) and was skipped. Check its permissions, then index again.")]);
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

        var document = MarkdownKnowledgeParser.Parse(root.Name, path, content, RootSettings.Of(root));
        if (document.Kind != DocumentKind.Decision && document.Rules.Count > 0 && VersionedFiles.IsOlderVersion(file.FullPath))
        {
            // an older version of a versioned standard: searchable history, its rules not in force
            document = document with { Rules = [], Tags = [.. document.Tags, VersionedFiles.OlderVersionTag] };
        }

        if (document.Kind == DocumentKind.Decision)
        {
            // a record still holding its template's placeholders was not finished (the text is at hand only here)
            findings.AddRange(Lint.TemplatePlaceholders.Find(path, content));
        }

        if (findings.Count > 0)
        {
            document = document with { Findings = [.. findings.Select(f => f with { Root = root.Name }), .. document.Findings] };
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

}
