using System.Text;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Loading;

/// <summary>Maps the many status wordings found in decision records to the one lifecycle.</summary>
internal static class StatusMapper
{
    private static readonly Dictionary<string, DecisionStatus> Words = new(StringComparer.Ordinal)
    {
        ["accepted"] = DecisionStatus.Accepted, ["accept"] = DecisionStatus.Accepted, ["approved"] = DecisionStatus.Accepted,
        ["adopted"] = DecisionStatus.Accepted, ["agreed"] = DecisionStatus.Accepted, ["done"] = DecisionStatus.Accepted,
        ["implemented"] = DecisionStatus.Accepted, ["decided"] = DecisionStatus.Accepted, ["active"] = DecisionStatus.Accepted,
        ["final"] = DecisionStatus.Accepted, ["completed"] = DecisionStatus.Accepted,
        ["proposed"] = DecisionStatus.Proposed, ["proposal"] = DecisionStatus.Proposed, ["pending"] = DecisionStatus.Proposed,
        ["draft"] = DecisionStatus.Proposed, ["open"] = DecisionStatus.Proposed, ["wip"] = DecisionStatus.Proposed,
        ["suggested"] = DecisionStatus.Proposed, ["rfc"] = DecisionStatus.Proposed, ["incomplete"] = DecisionStatus.Proposed,
        ["reviewing"] = DecisionStatus.Proposed, ["implementing"] = DecisionStatus.Accepted, ["review"] = DecisionStatus.Proposed, ["discussing"] = DecisionStatus.Proposed,
        ["rejected"] = DecisionStatus.Rejected, ["declined"] = DecisionStatus.Rejected, ["abandoned"] = DecisionStatus.Rejected,
        ["refused"] = DecisionStatus.Rejected, ["dropped"] = DecisionStatus.Rejected,
        ["deprecated"] = DecisionStatus.Deprecated, ["retired"] = DecisionStatus.Deprecated, ["obsolete"] = DecisionStatus.Deprecated,
        ["withdrawn"] = DecisionStatus.Deprecated, ["archived"] = DecisionStatus.Deprecated, ["revoked"] = DecisionStatus.Deprecated,
        ["superseded"] = DecisionStatus.Superseded, ["superseeded"] = DecisionStatus.Superseded, ["superceded"] = DecisionStatus.Superseded,
        ["replaced"] = DecisionStatus.Superseded, ["supersede"] = DecisionStatus.Superseded,
    };

    private static readonly (string[] Phrase, DecisionStatus Status)[] Phrases =
    [
        (["under", "review"], DecisionStatus.Proposed), (["in", "review"], DecisionStatus.Proposed), (["in", "progress"], DecisionStatus.Proposed),
        (["on", "hold"], DecisionStatus.Proposed), (["in", "development"], DecisionStatus.Proposed), (["work", "in", "progress"], DecisionStatus.Proposed), (["in", "discussion"], DecisionStatus.Proposed),
        (["not", "accepted"], DecisionStatus.Rejected),
    ];

    /// <summary>Maps a status text ("✅ Accepted", "Superseded by [x](y.md)", "on hold") to the lifecycle; Unknown when no word is known.</summary>
    /// <param name="extra">A root's own status words (lower-case words joined by one space, see <see cref="WordsOf"/>), tried first.</param>
    public static DecisionStatus Map(string? raw, IReadOnlyDictionary<string, DecisionStatus>? extra = null)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return DecisionStatus.Unknown;
        }

        if (extra is { Count: > 0 })
        {
            // a team's word wins over the general ones: it is what the team means by it
            var text = $" {string.Join(' ', Normalize(raw))} ";
            foreach (var (word, status) in extra.OrderByDescending(e => e.Key.Length))
            {
                if (text.Contains($" {word} ", StringComparison.Ordinal))
                {
                    return status;
                }
            }
        }

        // Format: an unfilled template placeholder lists the choices ("Draft / In Review / Final", "[proposed | accepted]"):
        // no status has been chosen yet.
        if (IsChoiceList(raw))
        {
            return DecisionStatus.Unknown;
        }

        var words = Normalize(raw);
        for (var i = 0; i < words.Count; i++)
        {
            foreach (var (phrase, status) in Phrases)
            {
                if (MatchesAt(words, i, phrase))
                {
                    return status;
                }
            }

            if (Words.TryGetValue(words[i], out var word))
            {
                return word;
            }
        }

        // Emoji-only statuses.
        if (raw.Contains('✅') || raw.Contains('✔'))
        {
            return DecisionStatus.Accepted;
        }

        if (raw.Contains('❌'))
        {
            return DecisionStatus.Rejected;
        }

        return raw.Contains("🚧", StringComparison.Ordinal) ? DecisionStatus.Proposed : DecisionStatus.Unknown;
    }

    /// <summary>True for a template's list of status choices ("Draft / In Review / Final", "[proposed | accepted | rejected]").</summary>
    public static bool IsChoiceList(string raw) =>
        raw.AsSpan().IndexOfAny('/', '|') >= 0 && Normalize(raw).Count(w => Words.ContainsKey(w)) >= 3;

    /// <summary>The status text without emoji, Markdown and link targets, trimmed ("✅ **Accepted**" → "Accepted").</summary>
    public static string Clean(string raw)
    {
        // one pass: keep letters, digits, whitespace and a few punctuation marks; runs of spaces become one
        var sb = new StringBuilder(raw.Length);
        var space = false;
        foreach (var rune in raw.EnumerateRunes())
        {
            if (rune.Value == ' ')
            {
                space = sb.Length > 0;
            }
            else if (Rune.IsLetterOrDigit(rune) || Rune.IsWhiteSpace(rune) || rune.Value is '-' or '(' or ')' or '.' or ',' or ':' or '/' or '|' or '\'' or '[' or ']' or '#')
            {
                if (space)
                {
                    sb.Append(' ');
                    space = false;
                }

                if (rune.IsBmp)
                {
                    sb.Append((char)rune.Value);
                }
                else
                {
                    sb.Append(rune.ToString());
                }
            }
        }

        return sb.ToString().Trim(CleanTrim);
    }

    private static readonly char[] CleanTrim = [' ', '-', ':', '.', ',', '|'];

    private static bool MatchesAt(List<string> words, int index, string[] phrase)
    {
        if (index + phrase.Length > words.Count)
        {
            return false;
        }

        for (var j = 0; j < phrase.Length; j++)
        {
            if (!string.Equals(words[index + j], phrase[j], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The lower-case words of a status text, without punctuation, emoji or digits.</summary>
    public static IReadOnlyList<string> WordsOf(string raw) => Normalize(raw);

    private static List<string> Normalize(string raw)
    {
        var sb = new StringBuilder(raw.Length);
        foreach (var rune in raw.ToLowerInvariant().EnumerateRunes())
        {
            sb.Append(Rune.IsLetter(rune) ? rune.ToString() : " ");
        }

        return sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
    }
}
