using System.Globalization;
using System.Text.RegularExpressions;

namespace ArchMcp.Core.Templates;

/// <summary>How the metadata of a decision record is written.</summary>
internal enum RecordStyle
{
    /// <summary>YAML front matter (<c>status:</c>, <c>date:</c>) — MADR 3 and 4.</summary>
    FrontMatter,

    /// <summary><c>* Status: …</c> / <c>- Date: …</c> bullets — MADR 2, log4brains.</summary>
    Bullets,

    /// <summary><c>Date: …</c> lines and a <c>## Status</c> section — Nygard, adr-tools.</summary>
    Lines,
}

/// <summary>
/// The conventions of the folder a new decision goes into, learnt from the decisions already there: the folder
/// itself, the file name (number width and prefix, or a date prefix), a template file beside the records, how
/// the metadata is written and whether statuses are capitalised. General rules only: majority votes over the
/// existing records, with MADR 4 conventions (<c>0001-slug.md</c>, front matter) when there are none.
/// </summary>
internal sealed partial record AdrConventions
{
    /// <summary>Largest template file read (a template is a page, not a data set).</summary>
    public const long MaxTemplateBytes = 256 * 1024;

    /// <summary>Root-relative folder, forward slashes; "" for the root itself.</summary>
    public string Folder { get; init; } = "";

    /// <summary>Text before the number in file names ("ADR-", "adr-" or "").</summary>
    public string NumberPrefix { get; init; } = "";

    /// <summary>Digits the number is padded to; 0 for no padding (<c>7-slug.md</c>).</summary>
    public int NumberWidth { get; init; } = 4;

    /// <summary>File names start with the date (<c>2024-05-01-slug.md</c>) instead of a number.</summary>
    public bool DatePrefix { get; init; }

    /// <summary>Root-relative path of the template beside the records, or null.</summary>
    public string? Template { get; init; }

    public RecordStyle Style { get; init; } = RecordStyle.FrontMatter;

    /// <summary>Statuses written "Accepted" rather than "accepted".</summary>
    public bool CapitalizedStatus { get; init; }

    /// <summary>The number as the folder writes it (<c>0007</c>, <c>007</c>, <c>7</c>).</summary>
    public string NumberText(int number) => number.ToString(NumberWidth > 1 ? "D" + NumberWidth.ToString(CultureInfo.InvariantCulture) : "D", CultureInfo.InvariantCulture);

    /// <summary>The status as the folder writes it.</summary>
    public string StatusText(string status) =>
        CapitalizedStatus && status.Length > 0 ? char.ToUpperInvariant(status[0]) + status[1..] : status;

    /// <summary>The new record's file name.</summary>
    public string FileName(int number, string slug, string date) =>
        DatePrefix ? $"{date}-{slug}.md" : $"{NumberPrefix}{NumberText(number)}-{slug}.md";

    /// <summary>Learns the conventions from the decisions of a root (their root-relative paths).</summary>
    public static AdrConventions Detect(string rootPath, IEnumerable<string> decisionPaths)
    {
        ArgumentNullException.ThrowIfNull(rootPath);
        ArgumentNullException.ThrowIfNull(decisionPaths);
        var paths = decisionPaths.Select(p => p.Replace('\\', '/')).ToList();
        var folder = paths.Count == 0 ? "" : paths
            .GroupBy(FolderOf, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key.Length)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .First().Key;
        var records = paths.Where(p => FolderOf(p) == folder).ToList();
        var names = records.Select(p => Path.GetFileNameWithoutExtension(p)).ToList();
        var conventions = new AdrConventions { Folder = folder, Template = FindTemplate(rootPath, folder, paths) };
        if (names.Count == 0)
        {
            return conventions;
        }

        if (names.Count(n => DateName().IsMatch(n)) * 2 > names.Count)
        {
            conventions = conventions with { DatePrefix = true };
        }
        else
        {
            var numbered = names.Select(n => NumberName().Match(n)).Where(m => m.Success).ToList();
            if (numbered.Count > 0)
            {
                var prefix = Majority(numbered.Select(m => m.Groups["prefix"].Value));
                var digits = numbered.Where(m => m.Groups["prefix"].Value == prefix).Select(m => m.Groups["digits"].Value).ToList();
                var padded = digits.Where(d => d.Length > 1 && d[0] == '0').ToList();
                conventions = conventions with
                {
                    NumberPrefix = prefix,
                    NumberWidth = padded.Count > 0 ? int.Parse(Majority(padded.Select(d => d.Length.ToString(CultureInfo.InvariantCulture))), CultureInfo.InvariantCulture) : 0,
                };
            }
        }

        var styles = new List<RecordStyle>();
        var capitals = new List<bool>();
        foreach (var record in records.OrderByDescending(p => p, StringComparer.Ordinal).Take(20))
        {
            var head = ReadHead(Path.Combine(rootPath, record.Replace('/', Path.DirectorySeparatorChar)));
            if (head is null)
            {
                continue;
            }

            var (style, status) = StyleOf(head);
            if (style is { } s)
            {
                styles.Add(s);
            }

            if (status is { Length: > 0 } && char.IsLetter(status[0]))
            {
                capitals.Add(char.IsUpper(status[0]));
            }
        }

        return conventions with
        {
            Style = styles.Count == 0 ? RecordStyle.FrontMatter : Majority(styles),
            CapitalizedStatus = capitals.Count(c => c) * 2 > capitals.Count,
        };
    }

    /// <summary>The metadata style of one record and its raw status text.</summary>
    public static (RecordStyle? Style, string? Status) StyleOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length > 0 && lines[0].TrimEnd() == "---")
        {
            var end = Array.FindIndex(lines, 1, l => l.TrimEnd() == "---");
            var front = lines.Skip(1).Take(end < 0 ? 0 : end - 1).ToList();
            if (front.Any(l => FrontKey().IsMatch(l)))
            {
                var status = front.Select(l => FrontStatus().Match(l)).FirstOrDefault(m => m.Success);
                return (RecordStyle.FrontMatter, status?.Groups[1].Value);
            }
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var bullet = Bullet().Match(lines[i]);
            if (bullet.Success)
            {
                return (RecordStyle.Bullets, lines.Select(l => Bullet().Match(l)).FirstOrDefault(m => m.Success && m.Groups[1].Value.Equals("status", StringComparison.OrdinalIgnoreCase))?.Groups[2].Value);
            }

            var line = MetaLine().Match(lines[i]);
            if (line.Success)
            {
                var status = lines.Select(l => MetaLine().Match(l)).FirstOrDefault(m => m.Success && m.Groups[1].Value.Equals("status", StringComparison.OrdinalIgnoreCase))?.Groups[2].Value;
                return (RecordStyle.Lines, status ?? StatusUnderHeading(lines));
            }

            if (StatusHeading().IsMatch(lines[i]))
            {
                return (RecordStyle.Lines, StatusUnderHeading(lines));
            }
        }

        return (null, null);
    }

    private static string? StatusUnderHeading(string[] lines)
    {
        var at = Array.FindIndex(lines, l => StatusHeading().IsMatch(l));
        return at < 0 ? null : lines.Skip(at + 1).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#'));
    }

    /// <summary>
    /// A template beside the records: a Markdown file in the records' folder (or its <c>templates/</c> folder, or
    /// the root's) whose name is, or ends in, "template" (<c>template.md</c>, <c>adr-template.md</c>,
    /// <c>0000-template.md</c>, <c>_template.md</c>). Regular files only (no links), at most <see cref="MaxTemplateBytes"/>.
    /// </summary>
    /// <param name="decisions">Root-relative paths of the decisions: never templates, whatever their names.</param>
    public static string? FindTemplate(string rootPath, string folder, IReadOnlyCollection<string>? decisions = null)
    {
        ArgumentNullException.ThrowIfNull(rootPath);
        var records = new HashSet<string>(decisions ?? [], StringComparer.Ordinal);
        var places = new List<string> { folder, folder.Length == 0 ? "templates" : folder + "/templates" };
        if (folder.Length > 0)
        {
            places.Add("templates");
        }

        foreach (var place in places)
        {
            var dir = new DirectoryInfo(Path.Combine(rootPath, place.Replace('/', Path.DirectorySeparatorChar)));
            if (!dir.Exists || dir.LinkTarget is not null)
            {
                continue;
            }

            var found = dir.EnumerateFiles()
                .Where(f => f.Extension is ".md" or ".markdown" && TemplateName().IsMatch(Path.GetFileNameWithoutExtension(f.Name)))
                .Where(f => !records.Contains(place.Length == 0 ? f.Name : $"{place}/{f.Name}"))
                // a FIFO or a device reports length 0: never opened (an empty template has nothing to offer anyway)
                .Where(f => f.LinkTarget is null && f.Length is > 0 and <= MaxTemplateBytes)
                .OrderBy(f => Path.GetFileNameWithoutExtension(f.Name).Equals("template", StringComparison.OrdinalIgnoreCase) ? 0 : 1)
                .ThenBy(f => f.Name.Contains("adr", StringComparison.OrdinalIgnoreCase) ? 0 : 1)
                .ThenBy(f => f.Name.Length)
                .ThenBy(f => f.Name, StringComparer.Ordinal)
                .FirstOrDefault();
            if (found is not null)
            {
                return place.Length == 0 ? found.Name : $"{place}/{found.Name}";
            }
        }

        return null;
    }

    private static string FolderOf(string path) => path.Contains('/') ? path[..path.LastIndexOf('/')] : "";

    private static T Majority<T>(IEnumerable<T> values) where T : notnull =>
        values.GroupBy(v => v).OrderByDescending(g => g.Count()).First().Key;

    /// <summary>The first 8 KB of a regular file, or null.</summary>
    private static string? ReadHead(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.LinkTarget is not null || info.Length == 0)
            {
                return null;
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var buffer = new byte[8192];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[-_]")]
    private static partial Regex DateName();

    [GeneratedRegex(@"^(?<prefix>[A-Za-z]+[-_]?)?(?<digits>\d{1,6})(?:[-_.]|$)")]
    private static partial Regex NumberName();

    [GeneratedRegex(@"^(?:\d+[-_])?(?:.*[-_])?template$|^_?template([-_].*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex TemplateName();

    [GeneratedRegex(@"^(status|date)\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex FrontKey();

    [GeneratedRegex(@"^status\s*:\s*[""']?([^""'\n]*)", RegexOptions.IgnoreCase)]
    private static partial Regex FrontStatus();

    [GeneratedRegex(@"^\s*[-*+]\s*(?:\*\*)?(status|date)(?:\*\*)?\s*:(?:\*\*)?\s*(.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex Bullet();

    [GeneratedRegex(@"^(?:\*\*)?(status|date)(?:\*\*)?\s*:(?:\*\*)?\s*(.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex MetaLine();

    [GeneratedRegex(@"^#{2,3}\s*Status\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex StatusHeading();
}
