using System.Text.RegularExpressions;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Loading;

/// <summary>Finds the normative rules of a standard, in every style the product understands.</summary>
internal static partial class RuleExtractor
{
    // An uppercase level word anywhere ("You MUST …").
    [GeneratedRegex(@"\b(?<level>(?:YOU\s+)?(?:MUST\s+NOT|SHALL\s+NOT|SHOULD\s+NOT|MUST|SHALL|SHOULD|MAY|REQUIRED|RECOMMENDED))\b")]
    private static partial Regex AnyLevel();

    // Microsoft style: "✔️ DO …", "❌ DO NOT …", "**AVOID** …", "YOU SHOULD …".
    [GeneratedRegex(@"^(?<mark>[\s✔✓✅❌✗✘⛔☑\uFE0F\u2714]*)(?<level>YOU\s+MUST\s+NOT|YOU\s+MUST|YOU\s+SHOULD\s+NOT|YOU\s+SHOULD|YOU\s+MAY|DO\s+NOT|DON'T|DON’T|DO|AVOID|CONSIDER|MUST\s+NOT|MUST|SHOULD\s+NOT|SHOULD|MAY)\b[\s:,.]*(?<rest>.*)$", RegexOptions.Singleline)]
    private static partial Regex ParagraphLevel();

    [GeneratedRegex(@"^(?<mark>[\s✔✓✅❌✗✘⛔☑\uFE0F\u2714]+)(?<level>do\s+not|don't|don’t|do|avoid|consider)\b[\s:,.]*(?<rest>.*)$", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex EmojiParagraphLevel();

    // Format: a stub's body, a placeholder for text to come.
    [GeneratedRegex(@"^(?:TODO|TBD|TBC|WIP|FIXME|coming soon|work in progress|to be (?:written|defined|completed|added|done)|\.{3}|…)[.!:]*$", RegexOptions.IgnoreCase)]
    private static partial Regex Placeholder();

    // The RFC 2119 / RFC 8174 boilerplate that defines the level words: it states no requirement.
    [GeneratedRegex(@"\b(?:RFC\s?(?:2119|8174)|BCP\s?14)\b", RegexOptions.IgnoreCase)]
    private static partial Regex KeyWordBoilerplate();

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z`""(\[])")]
    private static partial Regex SentenceBreak();

    private static readonly HashSet<string> NonRuleHeadings = new(StringComparer.OrdinalIgnoreCase)
    {
        "links", "references", "further reading", "contents", "table of contents", "see also", "related", "related links",
    };

    /// <summary>Rules the document marks explicitly (headings with levels or ids, DO/DON'T paragraphs).</summary>
    public static List<Rule> Explicit(string path, IReadOnlyList<TextBlock> blocks, string? documentIdPrefix, string title)
    {
        var rules = new List<Rule>();
        var counters = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        TextBlock? heading = null;
        var inSection = false;
        // index of the last heading seen at each level, so the section above a heading is found in O(levels), not O(blocks)
        var lastHeadingAt = new int[8];
        Array.Fill(lastHeadingAt, -1);
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (block.Type == BlockType.Heading)
            {
                heading = block;
                inSection |= block.Level >= 2;
                var level = Math.Clamp(block.Level, 1, lastHeadingAt.Length - 1);
                var above = -1;
                for (var l = 1; l < level; l++)
                {
                    above = Math.Max(above, lastHeadingAt[l]);
                }

                lastHeadingAt[level] = i;
                if (TryHeadingRule(path, blocks, i, above < 0 ? null : blocks[above].Text, documentIdPrefix, counters) is { } headingRule)
                {
                    rules.Add(headingRule);
                }

                continue;
            }

            if (block.Type != BlockType.Paragraph)
            {
                continue;
            }

            var m = ParagraphLevel().Match(block.Text);
            if (!m.Success || !LooksLikeSentence(m.Groups["rest"].Value))
            {
                m = EmojiParagraphLevel().Match(block.Text);
                if (!m.Success || !LooksLikeSentence(m.Groups["rest"].Value))
                {
                    if (SentenceRule(path, block, heading?.Text ?? title, inSection, counters) is { } sentenceRule)
                    {
                        rules.Add(sentenceRule);
                    }

                    continue;
                }
            }

            var raw = Collapse(m.Groups["level"].Value);
            var headingText = heading?.Text ?? title;
            var id = Unique(block.Anchor ?? $"{path} :: {headingText}", counters);
            rules.Add(new Rule
            {
                Id = id,
                Level = LevelOf(raw),
                RawLevel = raw,
                Statement = FirstSentence(m.Groups["rest"].Value),
                Text = block.Text,
                Line = block.Line,
                SectionHeading = heading?.Text,
            });
        }

        return rules;
    }

    /// <summary>
    /// A rule stated by a sentence rather than by a leading level word: a checklist table's row with a code
    /// (<c>| RE:05 | Add redundancy … |</c>: a recommendation, SHOULD unless its wording says more), an item of a numbered
    /// list with an upper-case level word (<c>1. Services MUST …</c>, id "path :: heading / 1"), or a bold paragraph with
    /// one before the first section (<c>**All services MUST …**</c>) — never the RFC 2119 boilerplate defining the words.
    /// </summary>
    private static Rule? SentenceRule(string path, TextBlock block, string headingText, bool inSection, Dictionary<string, int> counters)
    {
        if (block.RowCode is { } code)
        {
            var recommendation = block.Text[(code.Length + 1)..].Trim();
            var inferred = InferLevel(recommendation, out var words);
            return new Rule
            {
                Id = Unique(code, counters), Level = words.Length == 0 ? RuleLevel.Should : inferred, RawLevel = words,
                Statement = FirstSentence(recommendation), Text = recommendation, Line = block.Line, SectionHeading = headingText,
            };
        }

        var numbered = block.ListNumber is not null;
        if (!numbered && (inSection || !block.StartsBold))
        {
            return null;
        }

        var level = AnyLevel().Match(block.Text);
        if (!level.Success || KeyWordBoilerplate().IsMatch(block.Text))
        {
            return null;
        }

        var raw = Collapse(level.Groups["level"].Value);
        var id = numbered ? $"{path} :: {headingText} / {block.ListNumber}" : $"{path} :: {headingText}";
        return new Rule
        {
            Id = Unique(block.Anchor ?? id, counters), Level = LevelOf(raw), RawLevel = raw, Statement = FirstSentence(block.Text),
            Text = block.Text, Line = block.Line, SectionHeading = headingText,
        };
    }

    /// <summary>
    /// The explicit rules, and the sections that hold none of them but whose wording states a level (MUST, should …),
    /// as implicit rules: one rule marked in a standard does not hide what its other sections require. A standard that
    /// gives its rules identifiers of its own (ids, anchors, codes) is a catalogue of them: its other sections (an
    /// overview restating the rules, a glossary) are not rules.
    /// </summary>
    public static List<Rule> WithNormativeSections(string path, List<TextBlock> blocks, string title, List<Rule> explicitRules)
    {
        var namedBySource = explicitRules.Exists(r => !r.Id.StartsWith(path + " :: ", StringComparison.Ordinal));
        if (explicitRules.Count == 0 || namedBySource)
        {
            return explicitRules;
        }

        var rules = new List<Rule>(explicitRules);
        foreach (var section in Implicit(path, blocks, title, null))
        {
            var index = blocks.FindIndex(b => b.Type == BlockType.Heading && b.Line == section.Line);
            if (index < 0)
            {
                continue;
            }

            var end = index + 1;
            var stop = Math.Max(blocks[index].Level, 3);
            while (end < blocks.Count && !(blocks[end].Type == BlockType.Heading && blocks[end].Level <= stop))
            {
                end++;
            }

            var endLine = end < blocks.Count ? blocks[end].Line : int.MaxValue;
            if (section.RawLevel.Length > 0 && !explicitRules.Exists(r => r.Line >= section.Line && r.Line < endLine)
                && !rules.Exists(r => r.Id == section.Id))
            {
                rules.Add(section);
            }
        }

        return [.. rules.OrderBy(r => r.Line)];
    }

    /// <summary>
    /// Sections (H2/H3 with text) of a standard or guide without explicit rules, as implicit rules "path :: heading"; a
    /// file without sections is one rule named by its title (<paramref name="fileRuleId"/>, the id its front matter
    /// gives, when there is one: one rule per file). A body that is only a placeholder (TODO, TBD …) is no rule.
    /// </summary>
    public static List<Rule> Implicit(string path, List<TextBlock> blocks, string title, string? fileRuleId)
    {
        var rules = new List<Rule>();
        var counters = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (block.Type != BlockType.Heading || block.Level is < 2 or > 3 || NonRuleHeadings.Contains(block.Text.Trim().TrimEnd(':')))
            {
                continue;
            }

            var text = BodyOf(blocks, i, maxLevel: 3);
            if (text.Length == 0 || Placeholder().IsMatch(text))
            {
                continue;
            }

            var level = InferLevel(text, out var raw);
            rules.Add(new Rule
            {
                Id = Unique($"{path} :: {block.Text}", counters),
                Level = level,
                RawLevel = raw,
                Statement = block.Text,
                Text = text,
                Line = block.Line,
                SectionHeading = block.Text,
                Implicit = true,
            });
        }

        var h1 = blocks.FindIndex(b => b.Type == BlockType.Heading && b.Level == 1);
        if (rules.Count == 0 && (h1 >= 0 || fileRuleId is not null))
        {
            // A standard with no sections at all is one rule named by its title.
            var text = string.Join('\n', blocks.Skip(h1 + 1).Select(b => b.Text)).Trim();
            var statement = h1 >= 0 ? blocks[h1].Text : title;
            var body = string.Join('\n', blocks.Skip(h1 + 1).Where(b => b.Type != BlockType.Heading).Select(b => b.Text)).Trim();
            if (body.Length > 0 && !Placeholder().IsMatch(body))
            {
                var level = InferLevel(text, out var raw);
                rules.Add(new Rule
                {
                    Id = fileRuleId ?? $"{path} :: {statement}", Level = level, RawLevel = raw, Statement = statement, Text = text,
                    Line = h1 >= 0 ? blocks[h1].Line : blocks[0].Line, SectionHeading = statement, Implicit = true,
                    Aliases = fileRuleId is null ? [] : [$"{path} :: {statement}"],
                });
            }
        }

        return rules;
    }

    /// <summary>Plain text under heading <paramref name="index"/> up to the next heading of level ≤ max(own level, <paramref name="maxLevel"/>).</summary>
    public static string BodyOf(IReadOnlyList<TextBlock> blocks, int index, int maxLevel)
    {
        var stop = Math.Max(blocks[index].Level, maxLevel);
        var parts = new List<string>();
        for (var j = index + 1; j < blocks.Count; j++)
        {
            if (blocks[j].Type == BlockType.Heading && blocks[j].Level <= stop)
            {
                break;
            }

            parts.Add(blocks[j].Text);
        }

        return string.Join('\n', parts).Trim();
    }

    private static bool LooksLikeSentence(string rest) => rest.Length >= 3 && rest.Any(char.IsLetter);

    private static string Unique(string id, Dictionary<string, int> counters)
    {
        var n = counters.TryGetValue(id, out var seen) ? seen + 1 : 1;
        counters[id] = n;
        return n == 1 ? id : $"{id} #{n}";
    }

    private static string Collapse(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static string FirstSentence(string text)
    {
        var flat = Collapse(text.Replace('\n', ' '));
        var parts = SentenceBreak().Split(flat, 2);
        var sentence = parts[0];
        return sentence.Length <= 240 ? sentence : sentence[..237].TrimEnd() + "…";
    }
}
