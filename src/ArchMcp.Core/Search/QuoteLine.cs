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

        // the file's words from that line on, read one by one (a search reads a file per hit): the last few are kept
        // in a ring, and each new word completes a run to compare with the quote's first words
        var at = 0;
        var line = 1;
        for (; line < fromLine && at < markdown.Length; line++)
        {
            var next = markdown.IndexOf('\n', at);
            at = next < 0 ? markdown.Length : next + 1;
        }

        var ring = new (int Start, int Length, int Line)[wanted.Count];
        var seen = 0;
        var start = -1;
        for (var i = at; i <= markdown.Length; i++)
        {
            var letter = i < markdown.Length && char.IsLetterOrDigit(markdown[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                ring[seen++ % ring.Length] = (start, i - start, line);
                start = -1;
                if (seen >= ring.Length && RunMatches(markdown, ring, seen, wanted))
                {
                    return ring[seen % ring.Length].Line;
                }
            }

            if (i < markdown.Length && markdown[i] == '\n')
            {
                line++;
            }
        }

        return null;
    }

    /// <summary>Whether the last words in the ring (the oldest at <paramref name="seen"/> modulo its length) are the wanted ones, ignoring case.</summary>
    private static bool RunMatches(string markdown, (int Start, int Length, int Line)[] ring, int seen, List<string> wanted)
    {
        for (var k = 0; k < wanted.Count; k++)
        {
            var (start, length, _) = ring[(seen + k) % ring.Length];
            if (!markdown.AsSpan(start, length).Equals(wanted[k], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
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
