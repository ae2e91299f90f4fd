using System.Buffers;
using System.Globalization;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Loading;

/// <summary>
/// The requirement level a text's wording implies: its "must", "must not", "should" and "should not" words and phrases,
/// counted in one pass over its words (cheaper than a regular expression per phrase over every section; figures in
/// docs/performance.md). Words are what a regular expression's <c>\b</c> separates; a phrase's words are one space (or, for
/// "mustn't", "shouldn't" and "don't", one apostrophe) apart.
/// </summary>
internal static class NormativeWording
{
    /// <summary>
    /// The strongest level the text's wording says, and its words: more "must/shall/required/mandatory" than "must not,
    /// must never, shall not" → Must; else the first prohibition (must not, mustn't, never, prohibited, forbidden, not
    /// allowed, not permitted …) → MustNot; else more "should/recommend(ed|s)/ought to/prefer/encouraged" than "should
    /// not, not recommended" → Should; else the first "should not, shouldn't, avoid, not recommended, discouraged, do
    /// not, don't" → ShouldNot; else May with no words.
    /// </summary>
    public static RuleLevel Infer(string text, out string raw)
    {
        int must = 0, mustNegated = 0, should = 0, shouldNegated = 0;
        string? mustNot = null, shouldNot = null;
        var negatedShouldFrom = 0; // counted phrases do not overlap: "should not recommended" is one

        var (start, end) = NextWord(text, 0);
        var word = start < 0 ? Word.None : KindOf(text.AsSpan(start, end - start));
        for (var i = 0; start >= 0; i++)
        {
            var (nextStart, nextEnd) = NextWord(text, end);
            var next = nextStart < 0 ? Word.None : KindOf(text.AsSpan(nextStart, nextEnd - nextStart));
            // the word after, when it follows after exactly one space or apostrophe
            var spaced = nextStart == end + 1 && text[end] == ' ' ? next : Word.None;
            var apostrophe = nextStart == end + 1 && text[end] == '\'' ? next : Word.None;
            if (word != Word.None)
            {
                var phrase = (word, spaced) is (Word.Must, Word.Not or Word.Never) or (Word.Shall, Word.Not);
                if (word is Word.Must or Word.Shall or Word.Required or Word.Mandatory)
                {
                    must++;
                }

                if (phrase)
                {
                    mustNegated++;
                }

                if (mustNot is null)
                {
                    if (phrase || (word, spaced) is (Word.Not, Word.Allowed or Word.Permitted) || (word, apostrophe) is (Word.Mustn, Word.T))
                    {
                        mustNot = text[start..nextEnd].ToLowerInvariant();
                    }
                    else if (word is Word.Never or Word.Prohibited or Word.Forbidden)
                    {
                        mustNot = text[start..end].ToLowerInvariant();
                    }
                }

                if (word is Word.Should or Word.Recommend or Word.Recommended or Word.Recommends or Word.Prefer or Word.Encouraged
                    || (word, spaced) is (Word.Ought, Word.To))
                {
                    should++;
                }

                var notRecommended = (word, spaced) is (Word.Not, Word.Recommended);
                if (i >= negatedShouldFrom && ((word, spaced) is (Word.Should, Word.Not) || notRecommended))
                {
                    shouldNegated++;
                    negatedShouldFrom = i + 2;
                }

                if (shouldNot is null)
                {
                    if ((word, spaced) is (Word.Should, Word.Not) or (Word.Do, Word.Not) || notRecommended
                        || (word, apostrophe) is (Word.Shouldn, Word.T) or (Word.Don, Word.T))
                    {
                        shouldNot = text[start..nextEnd].ToLowerInvariant();
                    }
                    else if (word is Word.Avoid or Word.Discouraged)
                    {
                        shouldNot = text[start..end].ToLowerInvariant();
                    }
                }
            }

            (start, end, word) = (nextStart, nextEnd, next);
        }

        (var level, raw) = must > mustNegated ? (RuleLevel.Must, "must")
            : mustNot is not null ? (RuleLevel.MustNot, mustNot)
            : should > shouldNegated ? (RuleLevel.Should, "should")
            : shouldNot is not null ? (RuleLevel.ShouldNot, shouldNot)
            : (RuleLevel.May, "");
        return level;
    }

    private enum Word
    {
        None, Must, Mustn, Shall, Required, Mandatory, Never, Prohibited, Forbidden, Not, Allowed, Permitted, Should, Shouldn,
        Recommend, Recommended, Recommends, Ought, To, Prefer, Encouraged, Avoid, Discouraged, Do, Don, T,
    }

    /// <summary>The first letters of the words looked for.</summary>
    private static readonly SearchValues<char> Initials = SearchValues.Create("adefmnoprst");

    /// <summary>Longest word looked for ("recommended", "discouraged").</summary>
    private const int LongestWord = 11;

    /// <summary>Which word this is, compared lower-cased (as the text's lower-cased copy would have it).</summary>
    private static Word KindOf(ReadOnlySpan<char> text)
    {
        // most words are not looked for: an ASCII first letter tells (other letters may lower-case into one)
        if (text.Length > LongestWord || (char.IsAscii(text[0]) && !Initials.Contains(char.ToLowerInvariant(text[0]))))
        {
            return Word.None;
        }

        Span<char> word = stackalloc char[LongestWord];
        return LowerKindOf(word[..text.ToLowerInvariant(word)]);
    }

    private static Word LowerKindOf(ReadOnlySpan<char> word) => word switch
    {
        "must" => Word.Must,
        "mustn" => Word.Mustn,
        "shall" => Word.Shall,
        "required" => Word.Required,
        "mandatory" => Word.Mandatory,
        "never" => Word.Never,
        "prohibited" => Word.Prohibited,
        "forbidden" => Word.Forbidden,
        "not" => Word.Not,
        "allowed" => Word.Allowed,
        "permitted" => Word.Permitted,
        "should" => Word.Should,
        "shouldn" => Word.Shouldn,
        "recommend" => Word.Recommend,
        "recommended" => Word.Recommended,
        "recommends" => Word.Recommends,
        "ought" => Word.Ought,
        "to" => Word.To,
        "prefer" => Word.Prefer,
        "encouraged" => Word.Encouraged,
        "avoid" => Word.Avoid,
        "discouraged" => Word.Discouraged,
        "do" => Word.Do,
        "don" => Word.Don,
        "t" => Word.T,
        _ => Word.None,
    };

    /// <summary>ASCII word characters, and the other ASCII characters: runs of either are skipped in one vectorised search.</summary>
    private static readonly SearchValues<char> AsciiWordChars = SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");

    private static readonly SearchValues<char> AsciiOtherChars =
        SearchValues.Create(string.Concat(Enumerable.Range(0, 128).Select(c => (char)c).Where(c => !AsciiWordChars.Contains(c))));

    /// <summary>The next run of word characters at or after <paramref name="from"/>; (-1, -1) when none.</summary>
    private static (int Start, int End) NextWord(string text, int from)
    {
        var start = from;
        while (true)
        {
            // past ASCII non-word characters: then an ASCII word character, or any other to look at
            var skip = text.AsSpan(start).IndexOfAnyExcept(AsciiOtherChars);
            if (skip < 0)
            {
                return (-1, -1);
            }

            start += skip;
            if (IsWordChar(text[start]))
            {
                break;
            }

            start++;
        }

        var end = start + 1;
        while (true)
        {
            var run = text.AsSpan(end).IndexOfAnyExcept(AsciiWordChars);
            if (run < 0)
            {
                return (start, text.Length);
            }

            end += run;
            if (!IsWordChar(text[end]))
            {
                return (start, end);
            }

            end++;
        }
    }

    /// <summary>A character on the word side of a regular expression's <c>\b</c>: a letter, non-spacing mark, digit or connector, or a zero-width (non-)joiner.</summary>
    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_'
        || (c > '\u007f' && (c is '\u200c' or '\u200d' || char.GetUnicodeCategory(c) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation));
}
