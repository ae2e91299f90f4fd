using System.Text;

namespace ArchMcp.Core.Catalog;

/// <summary>Text helpers for reference resolution: normalisation, tokens, edit distance.</summary>
internal static class CatalogText
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "about", "on", "of", "for", "to", "in", "decision", "decisions", "record", "records", "adr", "adrs",
        "which", "what", "is", "are", "was", "did", "we", "our", "with", "how", "why", "by", "and", "or", "as", "its", "it",
        "md", "markdown",
    };

    /// <summary>Lower case, punctuation to spaces, whitespace collapsed.</summary>
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(c);
                space = false;
            }
            else if (!space && sb.Length > 0)
            {
                sb.Append(' ');
                space = true;
            }
        }

        return sb.ToString().TrimEnd();
    }

    /// <summary>Content words, lightly stemmed (plural "s" dropped).</summary>
    public static HashSet<string> Tokens(string text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!StopWords.Contains(word))
            {
                set.Add(Stem(word));
            }
        }

        return set;
    }

    public static string Stem(string word) =>
        word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1] : word;

    /// <summary>Levenshtein distance, bounded to the first 64 characters of each string.</summary>
    public static int EditDistance(string a, string b)
    {
        a = a.Length > 64 ? a[..64] : a;
        b = b.Length > 64 ? b[..64] : b;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>1 for equal strings, 0 for nothing in common (normalised edit distance).</summary>
    public static double Similarity(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        var max = Math.Min(64, Math.Max(a.Length, b.Length));
        return 1.0 - (double)EditDistance(a, b) / max;
    }

    /// <summary>Share of <paramref name="query"/> tokens found in <paramref name="target"/> (0 when the query has none).</summary>
    public static double Coverage(HashSet<string> query, HashSet<string> target)
    {
        if (query.Count == 0)
        {
            return 0;
        }

        var hits = 0;
        foreach (var token in query)
        {
            if (target.Contains(token))
            {
                hits++;
            }
        }

        return (double)hits / query.Count;
    }
}
