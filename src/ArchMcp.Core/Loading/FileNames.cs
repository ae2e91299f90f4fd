using System.Globalization;
using System.Text.RegularExpressions;

namespace ArchMcp.Core.Loading;

/// <summary>What a knowledge file name says: date prefix, decision number and slug.</summary>
public sealed record FileNameInfo(string Stem, string Slug, int? Number, DateOnly? Date);

/// <summary>Reads decision numbers, date prefixes and slugs out of file names.</summary>
public static partial class FileNames
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

    public static FileNameInfo Analyze(string path)
    {
        var stem = Stem(path);
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

    /// <summary>Title made from a slug ("use-kafka-for-events" → "Use kafka for events").</summary>
    public static string Humanize(string slug)
    {
        var words = slug.Replace('_', ' ').Replace('-', ' ').Trim();
        return words.Length == 0 ? slug : char.ToUpperInvariant(words[0]) + words[1..];
    }
}
