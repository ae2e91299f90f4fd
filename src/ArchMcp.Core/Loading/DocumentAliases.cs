using System.Globalization;
using System.Text.RegularExpressions;

namespace ArchMcp.Core.Loading;

/// <summary>The identifiers, besides its id, that a reader cites a decision or a guide page by.</summary>
internal static partial class DocumentAliases
{
    // The source's own name at the start of a title: "ITE-5: …", "ADR013: …", a title that is only "ADR-002".
    [GeneratedRegex(@"^(?<name>[A-Za-z]{2,8}[-_ ]?\d{1,5})(?=\s*[:.\-–—]\s|\s*$)")]
    private static partial Regex SourceName();

    // A checklist code as a metadata row's key: "RE:05: Add redundancy …", "SEC-01: …".
    [GeneratedRegex(@"^(?<code>[A-Z]{2,5}[:\-]\d{1,3})\s*:\s+\S")]
    private static partial Regex CodeRow();

    /// <summary>
    /// A decision's aliases: its number as written in full and padded to three digits, its file stem and slug, its path,
    /// the name its title starts with, and "path :: heading" of the section that states the decision (how a decision
    /// log without numbers is cited). The id itself is left out.
    /// </summary>
    public static IReadOnlyList<string> OfDecision(string id, string path, int? number, FileNameInfo file, string? rawTitle, IReadOnlyList<TextBlock> blocks)
    {
        var aliases = new List<string>();
        if (number is { } n)
        {
            aliases.Add(n.ToString(CultureInfo.InvariantCulture));
            aliases.Add(n.ToString("D3", CultureInfo.InvariantCulture));
        }

        aliases.Add(file.Stem);
        aliases.Add(file.Slug);
        aliases.Add(path);
        if (rawTitle is not null && SourceName().Match(rawTitle.Trim()) is { Success: true } name)
        {
            aliases.Add(name.Groups["name"].Value);
        }

        if (blocks.FirstOrDefault(b => b.Type == BlockType.Heading && b.Level >= 2 && KnowledgeViews.SectionMatches(b.Text, "decision")) is { } section)
        {
            aliases.Add($"{path} :: {section.Text}");
        }

        return Distinct(aliases, id);
    }

    /// <summary>
    /// Format: a guide page that names, in its metadata rows before the first section, the one checklist code it
    /// elaborates (<c>| **RE:05** | Add redundancy … |</c>): the page and its sections answer to that code. Null when
    /// the page names no code or several (an overview, not the guide of one recommendation).
    /// </summary>
    public static string? GuideCode(IReadOnlyList<TextBlock> blocks)
    {
        string? code = null;
        foreach (var block in blocks)
        {
            if (block.Type == BlockType.Heading && block.Level >= 2)
            {
                break;
            }

            if (block.Type == BlockType.Paragraph && CodeRow().Match(block.Text) is { Success: true } m)
            {
                var found = m.Groups["code"].Value;
                if (code is not null && code != found)
                {
                    return null;
                }

                code = found;
            }
        }

        return code;
    }

    private static List<string> Distinct(List<string> aliases, string id)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { id };
        return aliases.Where(a => a.Length > 0 && seen.Add(a)).ToList();
    }
}
