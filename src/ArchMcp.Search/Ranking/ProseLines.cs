using System.Text.RegularExpressions;

namespace ArchMcp.Search;

/// <summary>
/// Tells a line of prose from the lines that quote nothing a reader asked for: metadata ("Date: 2020-01-05",
/// "Deciders: …"), a bare date or status word, and code or diagram source (Mermaid arrows, braces, statements).
/// </summary>
public static partial class ProseLines
{
    /// <summary>Format: the metadata keys of decision records and documents (Nygard, MADR, log4brains, front-matter-like bullets).</summary>
    [GeneratedRegex(@"^\W*(status|date|last[- ]updated|updated|deciders|decision[- ]makers?|decided by|authors?|owners?|consulted|informed|tags|keywords|technical story|supersedes|superseded[- ]by|amends|amended[- ]by|version|reviewers?|category|created|id|title)\s*[:：|]", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex MetadataKey();

    /// <summary>A date and nothing else: 2020-01-05, 05/01/2020, 5 January 2020, January 5, 2020.</summary>
    [GeneratedRegex(@"^\W*(\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{1,2}\s+\p{L}+\s+\d{4}|\p{L}+\s+\d{1,2},?\s+\d{4})\W*$", RegexOptions.NonBacktracking)]
    private static partial Regex BareDate();

    /// <summary>Diagram and code syntax that prose does not use: arrows, braces, statement ends, assignments.</summary>
    [GeneratedRegex(@"-->|->>|==>|-\.->|[{}]\s*$|^\s*[}\])]|^\s*(graph|flowchart|sequenceDiagram|classDiagram|stateDiagram(-v2)?|erDiagram|gantt|subgraph|participant)\b[^.]*$|^\s*end\s*$|^\s*[\w.$]+\s*[:+\-*/]?=\s", RegexOptions.NonBacktracking)]
    private static partial Regex CodeSyntax();

    /// <summary>
    /// Whether <paramref name="line"/> reads as prose worth quoting; <paramref name="standsAlone"/>: it neither continues
    /// the line before nor runs on into the next (a word or two is then a label, not the end of a wrapped sentence).
    /// </summary>
    public static bool IsProse(ReadOnlySpan<char> line, bool standsAlone = true)
    {
        var text = line.Trim();
        if (text.IsEmpty || MetadataKey().IsMatch(text) || BareDate().IsMatch(text) || CodeSyntax().IsMatch(text))
        {
            return false;
        }

        // a word or two with no sentence end: a status ("✅ Accepted"), a label, a diagram keyword
        var words = 0;
        foreach (var range in text.Split(' '))
        {
            words += text[range].Length > 0 ? 1 : 0;
        }

        return words > 2 || !standsAlone || text[^1] is '.' or '!' or '?' or ':' or ',';
    }

    /// <summary>
    /// <paramref name="text"/> with every line that is not prose made a paragraph break (so that no sentence runs across
    /// it); the text as given when it has no prose at all.
    /// </summary>
    public static string Keep(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var lines = text.Split('\n');
        var kept = new string[lines.Length];
        var any = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var before = i == 0 ? "" : lines[i - 1].TrimEnd();
            var after = i + 1 == lines.Length ? "" : lines[i + 1].TrimStart();
            var standsAlone = (before.Length == 0 || before[^1] is '.' or '!' or '?' or ':') && (after.Length == 0 || !char.IsLower(after[0]));
            var prose = IsProse(lines[i], standsAlone);
            kept[i] = prose ? lines[i] : "";
            any |= prose;
        }

        return any ? string.Join('\n', kept) : text;
    }
}
