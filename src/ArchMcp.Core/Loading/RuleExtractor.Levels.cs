using System.Text.RegularExpressions;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Loading;

/// <summary>Requirement levels: inferred from a rule's wording, or read from its level keyword.</summary>
internal static partial class RuleExtractor
{
    [GeneratedRegex(@"\b(must not|mustn't|must never|shall not|never|prohibited|forbidden|not allowed|not permitted)\b")]
    private static partial Regex MustNotWords();

    [GeneratedRegex(@"\b(must|shall|required|mandatory)\b")]
    private static partial Regex MustWords();

    [GeneratedRegex(@"\b(must not|must never|shall not)\b")]
    private static partial Regex NegatedMust();

    [GeneratedRegex(@"\b(should not|shouldn't|avoid|not recommended|discouraged|do not|don't)\b")]
    private static partial Regex ShouldNotWords();

    [GeneratedRegex(@"\b(should|recommend|recommended|recommends|ought to|prefer|encouraged)\b")]
    private static partial Regex ShouldWords();

    [GeneratedRegex(@"\b(should not|not recommended)\b")]
    private static partial Regex NegatedShould();

    /// <summary>The strongest normative word of a text: must/must not → Must/MustNot, should/avoid → Should/ShouldNot, else May.</summary>
    public static RuleLevel InferLevel(string text, out string raw)
    {
        var lower = text.ToLowerInvariant();
        if (MustWords().Count(lower) > NegatedMust().Count(lower))
        {
            raw = "must";
            return RuleLevel.Must;
        }

        if (MustNotWords().Match(lower) is { Success: true } mustNot)
        {
            raw = mustNot.Value;
            return RuleLevel.MustNot;
        }

        if (ShouldWords().Count(lower) > NegatedShould().Count(lower))
        {
            raw = "should";
            return RuleLevel.Should;
        }

        if (ShouldNotWords().Match(lower) is { Success: true } shouldNot)
        {
            raw = shouldNot.Value;
            return RuleLevel.ShouldNot;
        }

        raw = "";
        return RuleLevel.May;
    }

    public static RuleLevel LevelOf(string rawLevel)
    {
        var w = Collapse(rawLevel).ToUpperInvariant().Replace('’', '\'');
        if (w.StartsWith("YOU ", StringComparison.Ordinal))
        {
            w = w[4..];
        }

        return w switch
        {
            "MUST NOT" or "MUSTN'T" or "SHALL NOT" or "DO NOT" or "DON'T" => RuleLevel.MustNot,
            "MUST" or "SHALL" or "REQUIRED" or "DO" => RuleLevel.Must,
            "SHOULD NOT" or "SHOULDN'T" or "NOT RECOMMENDED" or "AVOID" => RuleLevel.ShouldNot,
            "SHOULD" or "RECOMMENDED" or "CONSIDER" => RuleLevel.Should,
            _ => RuleLevel.May,
        };
    }
}
