using System.Text.RegularExpressions;

namespace ArchMcp.Core.Checklists;

/// <summary>
/// The names of products a record's title (or the identifiers its outcome writes in code) uses that no vocabulary
/// knows: "Kaniko", "H2", "ubi10", <c>OkHttpClient</c>. A word is told from the words of the domain and of English by
/// how the whole knowledge base writes it: a word few of its files hold (<see cref="MaxShare"/>) names one thing; the
/// project's own name, "image", "test", "database" or "client" are in many of them. Spelling alone does not tell
/// (titles capitalise common words), so without the knowledge base's statistics there are no names.
/// </summary>
internal static partial class TitleNames
{
    /// <summary>The largest share of the knowledge base's files that may hold a word for it to name a product: one in twenty.</summary>
    public const double MaxShare = 0.05;

    /// <summary>
    /// The names <paramref name="title"/> and the code spans of <paramref name="outcome"/> use, by
    /// <paramref name="share"/> (the share of the knowledge base's files holding a word; 1 for a word the index does
    /// not keep, such as a stop word):
    /// <list type="bullet">
    /// <item>a title word of three letters or more, or of letters and digits (<c>H2</c>), few files hold; two such
    /// words side by side are also one name written joined, as code and host names write it ("Red Hat": <c>redhat</c>);</item>
    /// <item>a product word with a version number (<c>ubi10</c>) names its product line as well (<c>ubi</c>), when that
    /// is as rare: another version of it is still the product the record decides about;</item>
    /// <item>an identifier the outcome writes as code (<c>`FastWireClient`</c>, or joined words with capitals inside
    /// them) few files hold — the whole identifier, not its parts.</item>
    /// </list>
    /// </summary>
    public static IReadOnlyList<string> Of(string title, string? outcome, Func<string, double> share)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(share);
        var names = new List<string>();
        string? previous = null;
        foreach (Match word in Word().Matches(title))
        {
            if (!IsName(word.Value, share))
            {
                previous = null;
                continue;
            }

            Add(names, word.Value);
            if (previous is not null)
            {
                Add(names, previous + word.Value);
            }

            if (Versioned().Match(word.Value) is { Success: true } line && IsName(line.Groups["line"].Value, share))
            {
                Add(names, line.Groups["line"].Value);
            }

            previous = word.Value;
        }

        foreach (Match code in Code().Matches(outcome ?? ""))
        {
            var identifier = code.Groups["code"].Success ? code.Groups["code"].Value : code.Value;
            if (Identifier().IsMatch(identifier) && IsName(identifier, share))
            {
                Add(names, identifier);
            }
        }

        return names;
    }

    private static bool IsName(string word, Func<string, double> share) => Shaped(word) && !Actions.Contains(word) && share(word) <= MaxShare;

    /// <summary>
    /// The verbs a title states a decision's action with ("Replace X with Y", "Drop X"): English, not names, however
    /// few records of a small knowledge base use them.
    /// </summary>
    private static readonly HashSet<string> Actions = new(StringComparer.OrdinalIgnoreCase)
    {
        "use", "using", "adopt", "adopting", "introduce", "introducing", "add", "adding", "replace", "replacing", "replacement", "remove",
        "removing", "removal", "drop", "dropping", "deprecate", "deprecating", "deprecation", "retire", "move", "moving", "migrate",
        "migrating", "migration", "switch", "switching", "support", "supporting", "enable", "enabling", "allow", "allowing", "avoid",
        "prefer", "keep", "stop", "make", "change", "changing", "improve", "improving", "rename", "split", "extend", "enforce", "archive",
    };

    /// <summary>Three letters or more, or letters with digits: shorter words ("of", "ok") and numbers name nothing.</summary>
    private static bool Shaped(string word) =>
        word.Any(char.IsLetter) && (word.Count(char.IsLetter) >= 3 || word.Any(char.IsDigit));

    private static void Add(List<string> names, string name)
    {
        if (!names.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            names.Add(name);
        }
    }

    /// <summary>A word of a title; a dotted name is one word (<c>security.txt</c> is no "txt").</summary>
    [GeneratedRegex(@"[\p{L}\p{Nd}]+(?:\.[\p{L}\p{Nd}]+)*")]
    private static partial Regex Word();

    /// <summary>
    /// What an outcome writes as code: a code span, or a word with a capital after a small letter (<c>FastWireClient</c>):
    /// prose capitalises words at their start, code joins them (the outcome sentence may come without its markup).
    /// </summary>
    [GeneratedRegex(@"`(?<code>[^`\s]+)`|(?<![\w.])\p{L}[\p{L}\p{Nd}]*\p{Ll}\p{Lu}[\p{L}\p{Nd}]*")]
    private static partial Regex Code();

    /// <summary>One identifier as code writes it: a letter, then letters and digits.</summary>
    [GeneratedRegex(@"^\p{L}[\p{L}\p{Nd}]*$")]
    private static partial Regex Identifier();

    /// <summary>Letters (three or more) then a version number: <c>ubi10</c>, <c>zephyr12</c>.</summary>
    [GeneratedRegex(@"^(?<line>\p{L}{3,})\d+$")]
    private static partial Regex Versioned();
}
