using System.Globalization;
using System.Text.RegularExpressions;

namespace ArchMcp.Core.Loading;

/// <summary>What a knowledge file name says: date prefix, decision number and slug.</summary>
internal sealed record FileNameInfo(string Stem, string Slug, int? Number, DateOnly? Date);

/// <summary>Reads decision numbers, date prefixes and slugs out of file names.</summary>
internal static partial class FileNames
{
    [GeneratedRegex(@"^(?<y>(?:19|20)\d{2})-?(?<m>\d{2})-?(?<d>\d{2})(?:[-_ ]+(?<rest>.+))?$")]
    private static partial Regex DatePrefix();

    [GeneratedRegex(@"^(?:adr|decision|dr)?[-_ #]*(?<n>\d{1,5})(?:[-_ .]+(?<rest>.*))?$", RegexOptions.IgnoreCase)]
    private static partial Regex NumberPrefix();

    /// <summary>The file name without directories and without <c>.md</c>/<c>.markdown</c>/<c>.adoc</c>/<c>.asciidoc</c> (and a <c>.html</c> before it).</summary>
    public static string Stem(string path)
    {
        var name = path.Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        foreach (var ext in new[] { ".markdown", ".md", ".asciidoc", ".adoc" })
        {
            if (name.EndsWith(ext, StringComparison.OrdinalIgnoreCase))
            {
                name = name[..^ext.Length];
                break;
            }
        }

        if (name.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^5];
        }

        return name;
    }

    /// <summary>
    /// What the file name says; for a folder's README/index whose folder is named like a record
    /// (<c>2022-11-09-slug/README.md</c>, <c>ITE/5/README.adoc</c>), what the folder name says: such a folder is the record.
    /// </summary>
    public static FileNameInfo Analyze(string path)
    {
        if (RecordFolder(path) is { } folder)
        {
            return folder;
        }

        return AnalyzeStem(Stem(path));
    }

    /// <summary>
    /// Format: one folder per record, the record being the folder's README/index and the folder named by a date
    /// prefix or a number (<c>2022-11-09-slug/</c>, <c>0042-slug/</c>, <c>5/</c>). Null for any other file, and for a
    /// bare year folder (<c>2023/</c>), which groups records rather than being one.
    /// </summary>
    public static FileNameInfo? RecordFolder(string path)
    {
        if (!IsFolderIndex(path))
        {
            return null;
        }

        var parts = path.Replace('\\', '/').Split('/');
        return parts.Length >= 2 ? RecordName(parts[^2]) : null;
    }

    /// <summary>
    /// Format: a file kept beside its record in a record folder (<c>2022-11-09-slug/renaming.md</c>): an attachment of
    /// that record, not a record of its own, unless its own name carries a number or date.
    /// </summary>
    public static bool IsRecordAttachment(string path)
    {
        var parts = path.Replace('\\', '/').Split('/');
        if (parts.Length < 2 || IsFolderIndex(path) || RecordName(parts[^2]) is null)
        {
            return false;
        }

        var own = AnalyzeStem(Stem(path));
        return own.Number is null && own.Date is null;
    }

    private static FileNameInfo? RecordName(string folder)
    {
        if (folder.Length == 4 && folder.All(char.IsAsciiDigit) && folder[0] is '1' or '2')
        {
            return null; // a year
        }

        var info = AnalyzeStem(folder);
        return info.Number is not null || info.Date is not null ? info : null;
    }

    private static FileNameInfo AnalyzeStem(string stem)
    {
        var rest = stem;
        DateOnly? date = null;
        int? number = null;

        var d = DatePrefix().Match(rest);
        if (d.Success && DateOnly.TryParseExact($"{d.Groups["y"].Value}-{d.Groups["m"].Value}-{d.Groups["d"].Value}", "yyyy-MM-dd",
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            rest = d.Groups["rest"].Success ? d.Groups["rest"].Value : "";
        }
        else
        {
            var n = NumberPrefix().Match(rest);
            if (n.Success && int.TryParse(n.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var num))
            {
                number = num;
                rest = n.Groups["rest"].Success ? n.Groups["rest"].Value : "";
            }
        }

        var slug = rest.Trim('-', '_', ' ', '.');
        if (slug.Length == 0)
        {
            // a file named ".md" or "  .md" still needs an id
            slug = string.IsNullOrWhiteSpace(stem) ? "untitled" : stem;
        }

        return new FileNameInfo(stem, slug, number, date);
    }

    /// <summary>True for README/index files, which describe a folder rather than being a record.</summary>
    public static bool IsFolderIndex(string path)
    {
        var stem = Stem(path);
        return stem.Equals("readme", StringComparison.OrdinalIgnoreCase) || stem.Equals("index", StringComparison.OrdinalIgnoreCase)
            || stem.Equals("_index", StringComparison.OrdinalIgnoreCase);
    }

    private static readonly HashSet<string> ProcessStems = new(StringComparer.OrdinalIgnoreCase)
    {
        "contributing", "governance", "code_of_conduct", "code-of-conduct", "maintainers",
        "notice", "license", "licence", "authors", "editors", "codeowners", "summary", "toc", "nav", "meeting-notes", "meeting_notes", "runbook",
    };

    /// <summary>
    /// Principle: a page about the repository or the process around the knowledge (CONTRIBUTING, GOVERNANCE, CODE_OF_CONDUCT,
    /// MAINTAINERS, SECURITY, NOTICE, SUMMARY/TOC/nav pages, runbooks, meeting notes) is searchable
    /// but never a rule or a decision. Matched by the file name, or a runbook/meeting-notes folder.
    /// </summary>
    public static bool IsProcessDocument(string path)
    {
        var stem = Stem(path);
        // SECURITY.md and SUPPORT.md are GitHub's policy files only in upper case: a security.md chapter is a standard's.
        if (ProcessStems.Contains(stem) || stem is "SECURITY" or "SUPPORT" || stem.StartsWith("meeting", StringComparison.OrdinalIgnoreCase)
            || stem.EndsWith("-runbook", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var folders = path.Replace('\\', '/').Split('/')[..^1];
        return folders.Any(f => f.Equals("runbooks", StringComparison.OrdinalIgnoreCase) || f.Equals("meeting-notes", StringComparison.OrdinalIgnoreCase)
                                || f.Equals("meetings", StringComparison.OrdinalIgnoreCase) || f.Equals("minutes", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Title made from a slug ("use-kafka-for-events" → "Use kafka for events").</summary>
    public static string Humanize(string slug)
    {
        var words = slug.Replace('_', ' ').Replace('-', ' ').Trim();
        return words.Length == 0 ? slug : char.ToUpperInvariant(words[0]) + words[1..];
    }
}
