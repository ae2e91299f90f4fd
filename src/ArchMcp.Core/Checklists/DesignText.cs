using System.Text.RegularExpressions;

namespace ArchMcp.Core.Checklists;

/// <summary>A sentence of a design text with its 1-based line.</summary>
internal sealed record DesignSentence(string Text, int Line);

/// <summary>Splits a design text into sentences and clauses, keeping line numbers and code spans intact.</summary>
internal static partial class DesignText
{
    public static IReadOnlyList<DesignSentence> Sentences(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<DesignSentence>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var inFence = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            if (inFence)
            {
                // Code lines (a Dockerfile, a workflow) are facts too: keep each non-empty line as one sentence.
                if (line.Trim().Length > 0)
                {
                    result.Add(new DesignSentence(line.Trim(), i + 1));
                }

                continue;
            }

            var content = ListMarker().Replace(line, "").Trim();
            if (content.Length == 0)
            {
                continue;
            }

            foreach (var sentence in SplitLine(content))
            {
                result.Add(new DesignSentence(sentence, i + 1));
            }
        }

        return result;
    }

    /// <summary>Clauses of a sentence: split at semicolons, colons before prose, and ", and" / ", so" / "; later" joins.</summary>
    public static IReadOnlyList<string> Clauses(string sentence)
    {
        var masked = MaskCode(sentence);
        var parts = new List<string>();
        var start = 0;
        foreach (Match m in ClauseBreak().Matches(masked))
        {
            parts.Add(sentence[start..m.Index]);
            start = m.Index + m.Length;
        }

        parts.Add(sentence[start..]);
        return parts.Select(p => p.Trim(' ', ',', ';', ':', '.')).Where(p => p.Split(' ').Length >= 3).ToList();
    }

    private static IEnumerable<string> SplitLine(string line)
    {
        var masked = MaskCode(line);
        var start = 0;
        foreach (Match m in SentenceBreak().Matches(masked))
        {
            var end = m.Index + 1;
            var piece = line[start..end].Trim();
            if (piece.Length > 0)
            {
                yield return piece;
            }

            start = m.Index + m.Length;
        }

        var rest = line[start..].Trim();
        if (rest.Length > 0)
        {
            yield return rest;
        }
    }

    /// <summary>Replaces the inside of `code spans` with underscores so punctuation there never splits.</summary>
    internal static string MaskCode(string text) => CodeSpan().Replace(text, m => new string('_', m.Length));

    [GeneratedRegex(@"(?<!\b(?:e\.g|i\.e|etc|vs|cf))[.!?](?=\s+[A-Z`""(\[*_]|\s*$)")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@";\s*|,\s+(?=(?:and|but|so|while|whereas|plus|then|with|which)\b)|\s+(?=(?:and then|but|whereas)\s)")]
    private static partial Regex ClauseBreak();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"^\s*(?:[-*+]|\d+[.)]|#+)\s+")]
    private static partial Regex ListMarker();
}
