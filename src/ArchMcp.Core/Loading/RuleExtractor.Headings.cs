using System.Text.RegularExpressions;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Loading;

/// <summary>Rules named by a heading: a level word leading it, an id in brackets or before it, a requirement id under a control.</summary>
internal static partial class RuleExtractor
{
    // "MUST use x", "{MUST} use x", "MUST not use x", "SHOULD NOT …", "DO NOT …" at the start of a heading.
    [GeneratedRegex(@"^\{?(?<level>MUST\s+NOT|MUST\s+not|MUSTN'T|SHALL\s+NOT|SHOULD\s+NOT|SHOULD\s+not|SHOULDN'T|NOT\s+RECOMMENDED|MUST|SHALL|SHOULD|REQUIRED|RECOMMENDED|MAY|OPTIONAL|DO\s+NOT|DON'T|DON’T|DO|AVOID|CONSIDER)\}?(?=[\s:,.]|$)[\s:,.]*(?<rest>.*)$")]
    private static partial Regex LeadingLevel();

    [GeneratedRegex(@"\s*\[(?<id>[A-Za-z0-9][A-Za-z0-9_.:#-]*)\]\s*$")]
    private static partial Regex BracketId();

    [GeneratedRegex(@"^(?<id>[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-\d+(?:\.\d+)*)(?:\s*[:.\-–—]\s*(?<rest>.+)|\s*)$")]
    private static partial Regex PrefixId();

    // A requirement id, not a name with a number (UTF-8, ISO-8601): two series parts (XYZ-AC-01), a dotted number
    // (AC-01.01) or a zero-padded one (R-0042).
    [GeneratedRegex(@"^[A-Z][A-Z0-9]*-[A-Z][A-Z0-9]*-\d+(?:\.\d+)*$|^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-\d+\.\d+|^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-0\d+$")]
    private static partial Regex RequirementId();

    private static Rule? TryHeadingRule(string path, IReadOnlyList<TextBlock> blocks, int index, string? sectionAbove, string? documentIdPrefix, Dictionary<string, int> counters)
    {
        var heading = blocks[index];
        var text = heading.Text.Trim();
        string? id = null;
        var bracket = BracketId().Match(text);
        if (bracket.Success)
        {
            id = bracket.Groups["id"].Value.TrimStart('#');
            text = text[..bracket.Index].TrimEnd();
        }

        var prefix = PrefixId().Match(text);
        if (prefix.Success)
        {
            id ??= prefix.Groups["id"].Value;
            text = prefix.Groups["rest"].Value.Trim();
        }

        // Format: a heading that is only an id (#### XYZ-AC-01.01), the requirement in the paragraphs under it.
        var bareId = prefix.Success && text.Length == 0;

        string raw;
        string statement;
        var leading = LeadingLevel().Match(text);
        if (leading.Success && leading.Groups["rest"].Value.Length > 0)
        {
            raw = Collapse(leading.Groups["level"].Value);
            statement = leading.Groups["rest"].Value.Trim();
        }
        else if ((bracket.Success || prefix.Success) && AnyLevel().Match(text) is { Success: true } any)
        {
            raw = Collapse(any.Groups["level"].Value);
            statement = text;
        }
        else if (prefix.Success && GroupsChildIds(blocks, index, prefix.Groups["id"].Value))
        {
            // Format: a control (### XYZ-AC-01 - Title) whose requirements are the sub-headings with ids under it
            // (#### XYZ-AC-01.01): the control describes them and is not a rule of its own.
            return null;
        }
        else if (prefix.Success && documentIdPrefix is not null
                 && prefix.Groups["id"].Value.StartsWith(documentIdPrefix, StringComparison.OrdinalIgnoreCase))
        {
            InferLevel(BodyOf(blocks, index, heading.Level), out raw);
            statement = text;
        }
        else if (prefix.Success && RequirementId().IsMatch(prefix.Groups["id"].Value)
                 && InferLevel(BodyOf(blocks, index, maxLevel: 6), out var own) is var _ && own.Length > 0)
        {
            // Format: an id heading (### XYZ-01 - Title) whose own text, before any sub-heading, states a requirement.
            raw = "";
            statement = bareId ? FirstSentence(BodyOf(blocks, index, maxLevel: 6)) : text;
        }
        else
        {
            return null;
        }

        var body = BodyOf(blocks, index, heading.Level);
        var level = raw.Length == 0 ? InferLevel(body, out _) : LevelOf(raw);
        id ??= heading.Anchor ?? $"{path} :: {heading.Text}";
        return new Rule
        {
            Id = Unique(id, counters),
            Level = level,
            RawLevel = raw,
            Statement = statement,
            Text = body,
            Line = heading.Line,
            SectionHeading = sectionAbove,
        };
    }

    /// <summary>Whether a sub-heading of heading <paramref name="index"/> starts with its id extended (<c>AC-01</c> → <c>AC-01.01</c>).</summary>
    private static bool GroupsChildIds(IReadOnlyList<TextBlock> blocks, int index, string id)
    {
        var level = blocks[index].Level;
        for (var j = index + 1; j < blocks.Count; j++)
        {
            if (blocks[j].Type != BlockType.Heading)
            {
                continue;
            }

            if (blocks[j].Level <= level)
            {
                return false;
            }

            var text = blocks[j].Text;
            if (text.Length > id.Length + 1 && text.StartsWith(id, StringComparison.Ordinal) && text[id.Length] is '.' or '-' && char.IsDigit(text[id.Length + 1]))
            {
                return true;
            }
        }

        return false;
    }
}
