namespace ArchMcp.Core.Search;

/// <summary>
/// The line of a file where a quoted sentence starts. The quote is plain text (markup gone, lines joined), so it is
/// found by its words: the first line, from the section's heading on, where its first words follow one another.
/// </summary>
internal static class QuoteLine
{
    /// <summary>How many of the quote's first words must follow one another in the file.</summary>
    public const int Words = 5;

    /// <summary>The 1-based line where <paramref name="quote"/> starts at or after <paramref name="fromLine"/>; null when it is not found.</summary>
    public static int? Find(string markdown, int fromLine, string quote)
    {
        var wanted = WordsOf(quote.Replace("**", "", StringComparison.Ordinal)).Take(Words).ToList();
        if (wanted.Count == 0)
        {
            return null;
        }

        var lines = markdown.Split('\n');
        var words = new List<(string Word, int Line)>();
        for (var i = Math.Max(fromLine - 1, 0); i < lines.Length; i++)
        {
            words.AddRange(WordsOf(lines[i]).Select(w => (w, i + 1)));
        }

        for (var at = 0; at + wanted.Count <= words.Count; at++)
        {
            var all = true;
            for (var k = 0; k < wanted.Count && all; k++)
            {
                all = string.Equals(words[at + k].Word, wanted[k], StringComparison.OrdinalIgnoreCase);
            }

            if (all)
            {
                return words[at].Line;
            }
        }

        return null;
    }

    private static IEnumerable<string> WordsOf(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                yield return text[start..i];
                start = -1;
            }
        }
    }
}
