using ArchMcp.Core.Model;

namespace ArchMcp.Core.Loading;

/// <summary>Requirement levels: inferred from a rule's wording, or read from its level keyword.</summary>
internal static partial class RuleExtractor
{
    /// <summary>The strongest normative word of a text (see <see cref="NormativeWording.Infer"/>).</summary>
    public static RuleLevel InferLevel(string text, out string raw) => NormativeWording.Infer(text, out raw);

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
