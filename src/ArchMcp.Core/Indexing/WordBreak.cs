namespace ArchMcp.Core.Indexing;

/// <summary>
/// The UAX #29 word-break classes of the characters <see cref="QuickTokenizer"/> splits itself, as Lucene's
/// StandardTokenizer has them (Unicode 6.3); every other character is <see cref="Unknown"/>.
/// </summary>
internal static class WordBreak
{
    public const byte Other = 0, Letter = 1, Digit = 2, Underscore = 3, MidLetter = 4, MidNumber = 5, MidBoth = 6, Unknown = 255;

    /// <summary>The class of every UTF-16 code unit.</summary>
    public static readonly byte[] Classes = Build();

    /// <summary>Whether every character of <paramref name="text"/> has a known class.</summary>
    public static bool Handles(ReadOnlySpan<char> text)
    {
        var classes = Classes;
        foreach (var c in text)
        {
            if (classes[c] == Unknown)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a mid character of class <paramref name="mid"/> joins two characters of class <paramref name="kind"/> (two letters or two digits).</summary>
    public static bool Joins(byte mid, byte kind) => mid == MidBoth || (mid == MidLetter && kind == Letter) || (mid == MidNumber && kind == Digit);

    private static byte[] Build()
    {
        var classes = new byte[char.MaxValue + 1];
        Array.Fill(classes, Unknown);
        for (var c = 0; c < 0x80; c++)
        {
            classes[c] = c switch
            {
                >= 'a' and <= 'z' or >= 'A' and <= 'Z' => Letter,
                >= '0' and <= '9' => Digit,
                '_' => Underscore,
                ':' => MidLetter,
                ',' or ';' => MidNumber,
                '.' or '\'' => MidBoth,
                _ => Other,
            };
        }

        // Latin-1 letters (not × and ÷), and its punctuation and symbols that break words
        for (var c = 0xC0; c <= 0xFF; c++)
        {
            classes[c] = c is 0xD7 or 0xF7 ? Other : Letter;
        }

        foreach (var c in "\u00A0¡¢£¤¥¦§¨©«¬®¯°±²³´¶¸¹»¼½¾¿")
        {
            classes[c] = Other;
        }

        // spaces, dashes, quotes, bullets and ellipsis of general punctuation; ‘ and ’ join words as an apostrophe does
        foreach (var c in "\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A‐‑‒–—―“”„†‡•…‰′″‹›€™")
        {
            classes[c] = Other;
        }

        classes['\u2018'] = MidBoth;
        classes['\u2019'] = MidBoth;

        // arrows, box drawing, block elements, geometric shapes, and the check and cross marks of dingbats
        foreach (var (from, to) in new[] { (0x2190, 0x21FF), (0x2500, 0x25FF) })
        {
            for (var c = from; c <= to; c++)
            {
                classes[c] = Other;
            }
        }

        foreach (var c in "✓✔✕✖✗✘❌⚠")
        {
            classes[c] = Other;
        }

        return classes;
    }
}
