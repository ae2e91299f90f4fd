using System.Text.RegularExpressions;
using ArchMcp.Core.Model;
using ArchMcp.Search;

namespace ArchMcp.Core.Loading;

/// <summary>
/// Finds what a decision record decided and why, in the forms the templates give it: MADR's "Chosen option: …,
/// because …", a Y-statement's "… we decided for X and neglected Y …", a "We will …" sentence, or else the first
/// prose sentence under a Decision (Decision Outcome, Resolution) heading; and the options it turned down: those of
/// its considered options other than the chosen one, or all of those under a "rejected" heading.
/// </summary>
internal static partial class OutcomeExtractor
{
    // NonBacktracking throughout: linear time on hostile text (a quote never closed, "in the context of" a thousand times).
    public const int MaxChars = 300;

    private const int MaxOptionChars = 100;

    [GeneratedRegex(@"\bchosen (?:option|alternative)\b\s*[:：]?\s*(?<option>""[^""]+""|“[^”]+”|`[^`]+`|\[[^\]]+\]|[^,.]+)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex ChosenOption();

    [GeneratedRegex(@"\bwe (?:decided|have decided|chose|choose|will|are going to|'ll|agreed|have agreed|adopt|propose to)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex WeDecided();

    [GeneratedRegex(@"\bin the context of\b.*?\bwe decided\b", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.NonBacktracking)]
    private static partial Regex YStatement();

    [GeneratedRegex(@"\b(?:and )?neglected (?<options>.+?)(?:,|\bto achieve\b|$)", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.NonBacktracking)]
    private static partial Regex Neglected();

    public static DecisionOutcome? Find(IReadOnlyList<TextBlock> blocks)
    {
        var (text, line, chosen) = Statement(blocks);
        if (text is null)
        {
            return null;
        }

        return new DecisionOutcome(text, line, Rejected(blocks, text, chosen));
    }

    /// <summary>The outcome sentence, its line, and the chosen option's name when the sentence gives one.</summary>
    private static (string? Text, int Line, string? Chosen) Statement(IReadOnlyList<TextBlock> blocks)
    {
        var prose = Prose(blocks).ToList();
        foreach (var (block, _) in prose)
        {
            if (ChosenOption().Match(block.Text) is { Success: true } chosen)
            {
                return (SentenceFrom(block.Text, chosen.Index, untilParagraphEnd: true), block.LineAt(chosen.Index), OptionName(chosen.Groups["option"].Value));
            }
        }

        foreach (var (block, _) in prose)
        {
            if (YStatement().Match(block.Text) is { Success: true } y)
            {
                var at = y.Index + y.Length - "we decided".Length;
                return (SentenceFrom(block.Text, at, untilParagraphEnd: false), block.LineAt(at), null);
            }
        }

        // a "we will" sentence under the decision heading, then under any heading but the context; then the decision
        // section's first sentence
        foreach (var part in new[] { Part.Decision, Part.Other })
        {
            foreach (var (block, where) in prose)
            {
                if (where == part && WeDecided().Match(block.Text) is { Success: true } we)
                {
                    var at = SentenceStart(block.Text, we.Index);
                    return (SentenceFrom(block.Text, at, untilParagraphEnd: false), block.LineAt(at), null);
                }
            }
        }

        return prose.FirstOrDefault(p => p.Part == Part.Decision) is ({ } first, _)
            ? (SentenceFrom(first.Text, 0, untilParagraphEnd: false), first.Line, null)
            : (null, 0, null);
    }

    private enum Part
    {
        Other,
        Decision,
        Context,
    }

    /// <summary>The paragraphs of prose, each with the part of the record it is in.</summary>
    private static IEnumerable<(TextBlock Block, Part Part)> Prose(IReadOnlyList<TextBlock> blocks)
    {
        var part = Part.Other;
        foreach (var block in blocks)
        {
            if (block.Type == BlockType.Heading)
            {
                part = PartOf(block.Text);
            }
            else if (block.Type == BlockType.Paragraph && ProseLines.IsProse(block.Text.AsSpan(0, LineEnd(block.Text, 0))))
            {
                yield return (block, part);
            }
        }
    }

    /// <summary>
    /// Format: the heading of the part that states the decision (Decision, Decision Outcome, Resolution — not its
    /// drivers or makers), or of the part that states the problem (Context, Problem, Background, Motivation).
    /// </summary>
    private static Part PartOf(string heading)
    {
        var name = DecisionExtractor.HeadingName(heading).ToLowerInvariant();
        if (KnowledgeViews.SectionMatches(name, "decision"))
        {
            return Part.Decision;
        }

        return name.Contains("context") || name.Contains("problem") || name.Contains("background") || name.Contains("motivation")
            || name.Contains("situation") ? Part.Context : Part.Other;
    }

    /// <summary>
    /// The options turned down: all under a heading that says they were rejected; else, once the chosen option is
    /// known, the other considered options. Options are list items under such a heading or its sub-headings (MADR's
    /// "Pros and Cons of the Options" gives each option a heading; the list under it argues, it names no option).
    /// </summary>
    private static IReadOnlyList<string> Rejected(IReadOnlyList<TextBlock> blocks, string outcome, string? chosen)
    {
        if (Neglected().Match(outcome) is { Success: true } y)
        {
            return [Cut(y.Groups["options"].Value.Trim())];
        }

        var rejected = new List<string>();
        var considered = new List<string>();
        List<string>? into = null;
        var level = 0;
        var underOption = false;
        foreach (var block in blocks)
        {
            if (block.Type == BlockType.Heading)
            {
                if (into is not null && block.Level > level)
                {
                    into.Add(Cut(block.Text));
                    underOption = true;
                    continue;
                }

                var name = DecisionExtractor.HeadingName(block.Text).ToLowerInvariant();
                into = name.Contains("rejected") || name.Contains("neglected") ? rejected
                    : name.Contains("option") || name.Contains("alternative") ? considered
                    : null;
                level = block.Level;
                underOption = false;
            }
            else if (into is not null && !underOption && block.StartsListItem)
            {
                into.Add(Cut(FirstLine(block.Text)));
            }
        }

        if (rejected.Count == 0 && chosen is { Length: > 0 } && considered.Exists(o => SameOption(o, chosen)))
        {
            rejected.AddRange(considered.Where(o => !SameOption(o, chosen)));
        }

        return rejected.DistinctBy(OptionName, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The chosen option a "Chosen option: …" outcome names (by <see cref="OptionName"/>); null when it names none.</summary>
    public static string? Chosen(string outcome) =>
        ChosenOption().Match(outcome) is { Success: true } m ? OptionName(m.Groups["option"].Value) : null;

    /// <summary>
    /// The name of an option as a list item or heading gives it: "[Kafka](…) – a durable log", "Option 2: Kafka" and
    /// "`Kafka`" all name Kafka.
    /// </summary>
    public static string OptionName(string option)
    {
        var text = OptionLabel().Replace(MarkdownLink().Replace(option, "${text}"), "");
        var description = OptionDescription().Match(text);
        return Unquote(description.Success ? text[..description.Index] : text);
    }

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\([^)]*\)", RegexOptions.NonBacktracking)]
    private static partial Regex MarkdownLink();

    /// <summary>"Option 2:", "Alternative B –", "3." before an option's name.</summary>
    [GeneratedRegex(@"^\W*(?:(?:option|alternative)\s+(?:\d+|[a-z])\b|\d+[.)])\s*[:.)\-\u2013\u2014]?\s*", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex OptionLabel();

    /// <summary>Where the description after an option's name starts: " – ", ": ", ", ".</summary>
    [GeneratedRegex(@"\s+[-\u2013\u2014]\s+|[:,]\s", RegexOptions.NonBacktracking)]
    private static partial Regex OptionDescription();

    private static bool SameOption(string option, string chosen)
    {
        var o = OptionName(option);
        return o.Length > 0 && (o.StartsWith(chosen, StringComparison.OrdinalIgnoreCase) || chosen.StartsWith(o, StringComparison.OrdinalIgnoreCase));
    }

    private static string Unquote(string text) => text.Trim().Trim('"', '“', '”', '`', '[', ']', '*', ' ');

    /// <summary>The sentence starting at <paramref name="at"/> (with the rest of its paragraph when asked), cut at <see cref="MaxChars"/>.</summary>
    private static string SentenceFrom(string text, int at, bool untilParagraphEnd)
    {
        var rest = text[at..].ReplaceLineEndings(" ");
        var end = untilParagraphEnd ? rest.Length : SentenceEnd(rest);
        var sentence = rest[..end].Trim();
        sentence = sentence.Length > 0 ? char.ToUpperInvariant(sentence[0]) + sentence[1..] : sentence;
        return KnowledgeViews.Cut(sentence, MaxChars);
    }

    private static int SentenceEnd(string text)
    {
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (text[i] is '.' or '!' or '?' && text[i + 1] == ' ')
            {
                return i + 1;
            }
        }

        return text.Length;
    }

    private static int SentenceStart(string text, int at)
    {
        for (var i = at - 1; i > 0; i--)
        {
            if (text[i] is ' ' or '\n' && text[i - 1] is '.' or '!' or '?' or ':')
            {
                return i + 1;
            }
        }

        return 0;
    }

    private static int LineEnd(string text, int from)
    {
        var end = text.IndexOf('\n', from);
        return end < 0 ? text.Length : end;
    }

    private static string FirstLine(string text) => text[..LineEnd(text, 0)];

    private static string Cut(string text) => text.Length <= MaxOptionChars ? text : text[..(MaxOptionChars - 1)].TrimEnd() + "…";
}
