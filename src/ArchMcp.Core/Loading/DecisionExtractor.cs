using System.Buffers;
using System.Text.RegularExpressions;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Loading;

/// <summary>Metadata lines of a decision record, wherever the format puts them.</summary>
internal sealed class DecisionFacts
{
    public string? RawStatus { get; set; }
    public int StatusLine { get; set; }
    public bool HasStatusSection { get; set; }

    /// <summary>True when the status comes from the metadata block: front matter, or a line or key/value table row before the first section.</summary>
    public bool StatusInMetadata { get; set; }
    public string? DateText { get; set; }

    /// <summary>When the record was created ("Created at: 2025-04-03"): its date when it states no other.</summary>
    public string? CreatedText { get; set; }

    /// <summary>A date line whose value is not a date this reader knows ("Date: sometime in spring"), with its line.</summary>
    public (string Text, int Line)? UnreadableDate { get; set; }
    public string? DecisionMakers { get; set; }
    public string? TagsText { get; set; }
    public int DecisionSectionCount { get; set; }
    public bool YStatement { get; set; }

    /// <summary>True when the file has no text beyond its title: a navigation page or a stub.</summary>
    public bool Empty { get; set; }
    public List<DecisionRelation> Relations { get; } = [];
}

/// <summary>Reads status, date, deciders and relations of decision records (Nygard, MADR 2–4, log4brains, Y-statements).</summary>
internal static partial class DecisionExtractor
{
    [GeneratedRegex(@"^\s*(?<key>status|date|decision[- ]?date|last[- ]updated|updated|created(?:[ _-](?:at|on))?|date[ _-]created|deciders|decision[- ]makers?|decided by|tags|keywords)\s*[:：]\s*(?<value>.*)$|^\s*(?<key>date)\s+(?<value>\d.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex MetaLine();

    // NonBacktracking: the bounded gaps made the backtracking engine cost ~1 ms per "in the context of" in hostile text.
    [GeneratedRegex(@"in the context of\b.{0,400}\bfacing\b.{0,600}\bwe decided\b", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.NonBacktracking)]
    private static partial Regex YStatementPattern();

    /// <summary>How a Y-statement starts: a vectorised search (the culture-free case-insensitive Contains compares char by char).</summary>
    private static readonly SearchValues<string> YStatementStart = SearchValues.Create(["in the context of"], StringComparison.OrdinalIgnoreCase);

    private static readonly HashSet<string> DecisionHeadings = new(StringComparer.OrdinalIgnoreCase)
    {
        "context", "decision", "consequences", "context and problem statement", "problem statement", "considered options",
        "decision outcome", "decision drivers", "options", "rationale", "pros and cons of the options", "status", "alternatives",
        "alternatives considered", "decision record", "implications",
        // proposals and design docs (RFC style): what is proposed, why, and what was turned down
        "motivation", "proposal", "proposed solution", "proposed change", "proposed changes", "rejected alternatives",
        "current situation", "approach",
    };

    private static readonly HashSet<string> LinkSections = new(StringComparer.OrdinalIgnoreCase)
    {
        "links", "related decisions", "related adrs", "related records", "see also", "related",
    };

    public static DecisionFacts Read(IReadOnlyList<TextBlock> blocks, FrontMatter fm)
    {
        var facts = new DecisionFacts { Empty = blocks.All(b => b.Type == BlockType.Heading && b.Level == 1) };
        string? sectionStatus = null;
        var sectionStatusLine = 0;
        string? lineStatus = null;
        var lineStatusLine = 0;
        var linkSection = false;
        var afterStatusHeading = false;
        var inSection = false;
        var lineStatusInMetadata = false;

        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (block.Type == BlockType.Heading)
            {
                inSection |= block.Level >= 2;
                var name = HeadingName(block.Text);
                linkSection = LinkSections.Contains(name);
                if (DecisionHeadings.Contains(name))
                {
                    facts.DecisionSectionCount++;
                }

                afterStatusHeading = false;
                if (name.Equals("status", StringComparison.OrdinalIgnoreCase) || name.Equals("decision status", StringComparison.OrdinalIgnoreCase))
                {
                    facts.HasStatusSection = true;
                    var colon = block.Text.IndexOf(':');
                    if (colon > 0 && block.Text[(colon + 1)..].Trim().Length > 0 && sectionStatus is null)
                    {
                        sectionStatus = block.Text[(colon + 1)..].Trim();
                        sectionStatusLine = block.Line;
                        ReadRelations(block, 0, block.Text.Length, facts.Relations, allowTitles: true);
                    }
                    else
                    {
                        afterStatusHeading = true;
                    }
                }

                continue;
            }

            if (block.Type == BlockType.Code)
            {
                continue;
            }

            if (afterStatusHeading)
            {
                if (sectionStatus is null)
                {
                    var first = block.Text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
                    if (first is not null)
                    {
                        var meta = MetaLine().Match(first);
                        sectionStatus = meta.Success && meta.Groups["key"].Value.Equals("status", StringComparison.OrdinalIgnoreCase)
                            ? meta.Groups["value"].Value.Trim()
                            : first;
                        sectionStatusLine = block.Line;
                    }
                }

                ReadRelations(block, 0, block.Text.Length, facts.Relations, allowTitles: true);
            }

            var hadLineStatus = lineStatus is not null;
            ReadMetaLines(block, facts, ref lineStatus, ref lineStatusLine);
            if (!hadLineStatus && lineStatus is not null)
            {
                lineStatusInMetadata = !inSection;
            }

            if (linkSection)
            {
                foreach (var link in block.InlineLinks)
                {
                    if (IsMarkdownLink(link.Url) && !HasRelationPhrase(block.Text))
                    {
                        facts.Relations.Add(new DecisionRelation(RelationKind.RelatesTo, StripFragment(link.Url), block.LineAt(link.Start)));
                    }
                }
            }

            if (!afterStatusHeading)
            {
                ReadRelations(block, 0, block.Text.Length, facts.Relations, allowTitles: false);
            }

            // the plain search first: starting the regex engine on every paragraph cost ~1% of a full index
            if (!facts.YStatement && block.Type == BlockType.Paragraph && block.Text.AsSpan().IndexOfAny(YStatementStart) >= 0
                && YStatementPattern().IsMatch(block.Text))
            {
                facts.YStatement = true;
            }
        }

        var fmStatus = fm.Get("status", "adr-status", "decision-status", "state");
        if (fmStatus is not null)
        {
            facts.RawStatus = fmStatus;
            facts.StatusLine = 1;
            facts.StatusInMetadata = true;
            ReadRelationsInText(fmStatus, 1, facts.Relations);
        }
        else if (sectionStatus is not null)
        {
            facts.RawStatus = sectionStatus;
            facts.StatusLine = sectionStatusLine;
        }
        else if (lineStatus is not null)
        {
            facts.RawStatus = lineStatus;
            facts.StatusLine = lineStatusLine;
            facts.StatusInMetadata = lineStatusInMetadata;
        }

        facts.DateText = fm.Get("date", "decision-date", "decision_date", "last-updated", "last_updated", "updated") ?? facts.DateText
            ?? fm.Get("created", "created-at", "created_at") ?? facts.CreatedText;
        facts.DecisionMakers = fm.Get("decision-makers", "decision_makers", "deciders", "decisionmakers", "authors", "author") ?? facts.DecisionMakers;

        AddFrontMatterRelations(fm, facts.Relations);
        Dedupe(facts.Relations);
        return facts;
    }

    /// <summary>A heading's name without emoji, numbering and trailing colon text ("📋 Status" → "Status").</summary>
    public static string HeadingName(string heading)
    {
        var text = StatusMapper.Clean(heading);
        var colon = text.IndexOf(':');
        if (colon > 0)
        {
            text = text[..colon];
        }

        return text.Trim().TrimStart('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '.', ' ').Trim();
    }

    private static void ReadMetaLines(TextBlock block, DecisionFacts facts, ref string? status, ref int statusLine)
    {
        // every metadata line has a colon: most paragraphs are not split and matched line by line
        // (or "Date 09/04/2018": a date line without the colon)
        if (block.Type != BlockType.Paragraph || (block.Text.AsSpan().IndexOfAny(':', '：') < 0 && !HasDateWord(block.Text)))
        {
            return;
        }

        var lines = block.Text.Split('\n');
        for (var j = 0; j < lines.Length; j++)
        {
            if (lines[j].AsSpan().IndexOfAny(':', '：') < 0 && !HasDateWord(lines[j]))
            {
                continue;
            }

            var m = MetaLine().Match(lines[j]);
            if (!m.Success)
            {
                continue;
            }

            var value = m.Groups["value"].Value.Trim();
            if (value.Length == 0)
            {
                continue;
            }

            switch (m.Groups["key"].Value.ToLowerInvariant().Replace('-', ' '))
            {
                case "status":
                    if (status is null)
                    {
                        status = value;
                        statusLine = block.Line + j;
                        var offset = Offset(lines, j);
                        ReadRelations(block, offset, offset + lines[j].Length, facts.Relations, allowTitles: true);
                    }

                    break;
                case "tags" or "keywords":
                    facts.TagsText ??= value;
                    break;
                case "deciders" or "decision makers" or "decision maker" or "decisionmakers" or "decided by":
                    facts.DecisionMakers ??= value;
                    break;
                case var key when key.Contains("created", StringComparison.Ordinal):
                    // a creation date stands in for the record's date; an unfilled one ("YYYY-MM-DD") is the template's
                    if (DateText.Find(value) is not null)
                    {
                        facts.CreatedText ??= value;
                    }

                    break;
                default:
                    if (facts.DateText is null && DateText.Find(value) is not null)
                    {
                        facts.DateText = value;
                    }
                    else
                    {
                        facts.UnreadableDate ??= (value, block.Line + j);
                    }

                    break;
            }
        }
    }

    private static bool HasDateWord(string text) => text.TrimStart().StartsWith("date ", StringComparison.OrdinalIgnoreCase);

    private static int Offset(string[] lines, int index)
    {
        var offset = 0;
        for (var k = 0; k < index; k++)
        {
            offset += lines[k].Length + 1;
        }

        return offset;
    }
}
