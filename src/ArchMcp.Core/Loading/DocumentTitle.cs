using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ArchMcp.Core.Loading;

/// <summary>The title a document is known by, where it came from, and the number its heading gave.</summary>
/// <param name="Raw">The heading or front-matter title as written (null when the title came from the file name).</param>
/// <param name="Line">1-based line of the heading the title came from (1 otherwise).</param>
internal sealed record TitleInfo(string Title, int? HeadingNumber, string? Raw, int Line);

/// <summary>
/// Titles and ids of a document: which heading or front-matter entry is the title, the number prefixes it carries
/// (<c>ADR-0007 - Title</c>, <c>23 Logging</c>, <c># 12.</c>), heading anchors and the slug a document without a
/// number is known by.
/// </summary>
internal static partial class DocumentTitle
{
    [GeneratedRegex(@"^(?:ADR|Decision|Record)\s*[-_#:]?\s*0*(?<n>\d{1,5})\b\s*[.:\-–—)]?\s*(?<rest>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex AdrNumberHeading();

    [GeneratedRegex(@"^0*(?<n>\d{1,5})\s*[.:)\-–—]\s+(?<rest>.+)$")]
    private static partial Regex NumberedHeading();

    // Format: a number and a capitalised title without a separator ("23 Logging"); never a year ("2024 Roadmap").
    [GeneratedRegex(@"^(?!(?:19|20)\d\d\b)0*(?<n>\d{1,4})\s+(?<rest>\p{Lu}.*)$")]
    private static partial Regex NumberSpaceHeading();

    // Format: a record id of an upper-case series name and a number before the title ("ITE-9: Title", "RFC 12 - Title").
    // NonBacktracking (here and below): adjacent optional runs of spaces cost quadratic time on a heading of blanks.
    [GeneratedRegex(@"^[A-Z]{2,8}[-_ ]?0*(?<n>\d{1,5})\s*[:.\-–—]\s+(?<rest>.+)$", RegexOptions.NonBacktracking)]
    private static partial Regex SeriesIdHeading();

    // Format: a title that is only an id or a number ("ADR-002" in front matter, "# 12.").
    [GeneratedRegex(@"^(?:(?:ADR|Decision|Record|[A-Z]{2,8})\s*[-_#:]?\s*)?0*(?<n>\d{1,5})\.?$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex BareId();

    [GeneratedRegex(@"^(?:Architectur(?:e|al)\s+Decision\s+Record|Architecture\s+Decision|Decision\s+Record|ADR)\s*[:\-–—]\s*(?<rest>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex TitlePrefix();

    [GeneratedRegex(@"<%|%>|\{\{|\}\}|\{%|%\}|^\{.*\}$|^\[.*\]$")]
    private static partial Regex TemplateMarkup();

    /// <summary>
    /// The title: the clean H1, unless it is template markup or absent; then front matter, then the first heading of a
    /// file without an H1, then the file name. A template-markup H1 is replaced in <paramref name="blocks"/> by the
    /// title, so that it reads as the title everywhere else. A title that is only an id ("ADR-006") names no subject:
    /// then the subject is the front matter's title, or its one-line <paramref name="frontMatterSummary"/>, or the words
    /// of the file name after its number — the id still numbers the record.
    /// </summary>
    public static TitleInfo Choose(List<TextBlock> blocks, string? frontMatterTitle, FileNameInfo file, string? frontMatterSummary)
    {
        var h1Index = blocks.FindIndex(b => b.Type == BlockType.Heading && b.Level == 1);
        var h1 = h1Index >= 0 ? blocks[h1Index] : null;
        var h1Usable = h1 is not null && h1.Text.Length > 0 && !TemplateMarkup().IsMatch(h1.Text);
        string? raw = null;
        var line = 1;
        if (h1Usable)
        {
            raw = h1!.Text;
            line = h1.Line;
        }
        else if (frontMatterTitle is not null)
        {
            raw = frontMatterTitle;
        }
        else if (h1 is null && blocks.FirstOrDefault(b => b.Type == BlockType.Heading && b.Text.Length > 0 && !TemplateMarkup().IsMatch(b.Text)) is { } first)
        {
            raw = first.Text;
            line = first.Line;
        }

        var (title, number) = raw is null ? ("", null) : CleanTitle(raw);
        if (title.Length == 0)
        {
            title = FileNames.Humanize(file.Slug);
        }
        else if (BareId().IsMatch(title) && Subject(frontMatterTitle, frontMatterSummary, file) is { } subject)
        {
            title = subject;
        }

        if (h1 is not null && !h1Usable)
        {
            blocks[h1Index] = new TextBlock { Type = BlockType.Heading, Level = 1, Line = h1.Line, Text = title, Anchor = h1.Anchor };
        }

        return new TitleInfo(title, number, raw, line);
    }

    /// <summary>The first of the front matter's title, a one-line summary and the file name's words that is more than an id.</summary>
    private static string? Subject(string? frontMatterTitle, string? frontMatterSummary, FileNameInfo file)
    {
        string?[] candidates =
        [
            frontMatterTitle is null ? null : CleanTitle(frontMatterTitle).Title,
            frontMatterSummary is { Length: > 0 and <= 120 } summary && !summary.Contains('\n') ? summary.Trim() : null,
            FileNames.Humanize(file.Slug),
        ];
        return candidates.FirstOrDefault(c => c is { Length: > 0 } && !BareId().IsMatch(c) && c.Any(char.IsLetter));
    }

    /// <summary>Strips "7.", "ADR 7:", "ADR-0007 -" and "Architecture Decision Record:" prefixes; returns the number they gave.</summary>
    public static (string Title, int? Number) CleanTitle(string heading)
    {
        var title = heading.Trim();
        int? number = null;
        if (BareId().Match(title) is { Success: true } bare)
        {
            return (title, int.Parse(bare.Groups["n"].Value, CultureInfo.InvariantCulture));
        }

        for (var pass = 0; pass < 2; pass++)
        {
            var m = AdrNumberHeading().Match(title);
            if (!m.Success)
            {
                m = NumberedHeading().Match(title);
            }

            if (!m.Success)
            {
                m = SeriesIdHeading().Match(title);
            }

            if (!m.Success && pass == 0)
            {
                m = NumberSpaceHeading().Match(title);
            }

            if (m.Success && m.Groups["rest"].Value.Trim().Length > 0)
            {
                number ??= int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
                title = m.Groups["rest"].Value.Trim();
            }

            var prefix = TitlePrefix().Match(title);
            if (prefix.Success)
            {
                title = prefix.Groups["rest"].Value.Trim();
            }
        }

        return (title, number);
    }

    /// <summary>
    /// Format: a title typed without the space after its hashes (<c>#Use Kafka</c>, <c>#12.</c>), which CommonMark reads as a paragraph:
    /// when the first line of the body (after any front matter) is such a line, the space is added. Only that line: a
    /// <c>#word</c> further down may be a tag or an issue reference.
    /// </summary>
    public static string SpaceAfterTitleHash(string content)
    {
        var start = 0;
        if (content.StartsWith("---", StringComparison.Ordinal))
        {
            var close = content.IndexOf("\n---", 3, StringComparison.Ordinal);
            if (close < 0)
            {
                return content;
            }

            start = content.IndexOf('\n', close + 4);
            if (start < 0)
            {
                return content;
            }
        }

        while (start < content.Length && char.IsWhiteSpace(content[start]))
        {
            start++;
        }

        var hashes = start;
        while (hashes < content.Length && hashes - start < 6 && content[hashes] == '#')
        {
            hashes++;
        }

        return hashes > start && hashes < content.Length && char.IsLetterOrDigit(content[hashes]) && (start == 0 || content[start - 1] == '\n')
            ? string.Concat(content.AsSpan(0, hashes), " ", content.AsSpan(hashes))
            : content;
    }

    /// <summary>The id of a document without a number: its file's slug, or its folder's name for a folder index (README).</summary>
    public static string Slug(string path, FileNameInfo file)
    {
        if (!FileNames.IsFolderIndex(path))
        {
            return file.Slug;
        }

        var parts = path.Split('/');
        return parts.Length >= 2 ? parts[^2] : file.Slug;
    }

    /// <summary>True for a front-matter id that can serve as a document id (short, no spaces, no slashes).</summary>
    public static bool IsIdLike(string id) => id.Length <= 64 && !id.Contains(' ') && !id.Contains('/');

    /// <summary>GitHub-style heading anchor: lower case, punctuation dropped, spaces to hyphens.</summary>
    public static string Slugify(string heading)
    {
        var sb = new StringBuilder(heading.Length);
        foreach (var c in heading.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '_' or '-')
            {
                sb.Append(c);
            }
            else if (c == ' ')
            {
                sb.Append('-');
            }
        }

        return sb.ToString();
    }
}
