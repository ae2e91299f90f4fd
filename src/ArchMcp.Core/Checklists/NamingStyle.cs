using System.Text.RegularExpressions;

namespace ArchMcp.Core.Checklists;

/// <summary>The letter-case convention of an identifier (a field, a path segment, a query parameter, an enum value).</summary>
internal enum NamingStyle
{
    /// <summary>One lowercase word: compatible with camelCase, snake_case, kebab-case and lowercase rules.</summary>
    Lower,
    Upper,
    CamelCase,
    PascalCase,
    SnakeCase,
    UpperSnakeCase,
    KebabCase,
    Mixed,
}

internal static partial class NamingStyles
{
    public static NamingStyle Of(string identifier)
    {
        var s = identifier.Trim();
        if (s.Length == 0)
        {
            return NamingStyle.Mixed;
        }

        var hasUnderscore = s.Contains('_');
        var hasHyphen = s.Contains('-');
        var hasUpper = s.Any(char.IsUpper);
        var hasLower = s.Any(char.IsLower);
        if (hasUnderscore && hasHyphen)
        {
            return NamingStyle.Mixed;
        }

        if (hasUnderscore)
        {
            return !hasLower ? NamingStyle.UpperSnakeCase : !hasUpper ? NamingStyle.SnakeCase : NamingStyle.Mixed;
        }

        if (hasHyphen)
        {
            return !hasUpper ? NamingStyle.KebabCase : NamingStyle.Mixed;
        }

        if (!hasUpper)
        {
            return NamingStyle.Lower;
        }

        if (!hasLower)
        {
            return NamingStyle.Upper;
        }

        return char.IsLower(s[0]) ? NamingStyle.CamelCase : NamingStyle.PascalCase;
    }

    /// <summary>Whether an identifier written in <paramref name="actual"/> conforms to a rule asking for <paramref name="required"/>.</summary>
    public static bool Conforms(NamingStyle actual, NamingStyle required) => actual == required || (actual, required) switch
    {
        (NamingStyle.Lower, NamingStyle.CamelCase or NamingStyle.SnakeCase or NamingStyle.KebabCase) => true,
        (NamingStyle.Upper, NamingStyle.UpperSnakeCase) => true,
        (NamingStyle.SnakeCase or NamingStyle.KebabCase, NamingStyle.Lower) => true, // "lowercase" alone asks for no capitals
        _ => false,
    };

    /// <summary>True when the identifier has several words, so its style says something about the convention used.</summary>
    public static bool IsTelling(NamingStyle style) => style is not (NamingStyle.Lower or NamingStyle.Upper or NamingStyle.Mixed);

    public static string ToWire(this NamingStyle style) => style switch
    {
        NamingStyle.CamelCase => "camelCase",
        NamingStyle.PascalCase => "PascalCase",
        NamingStyle.SnakeCase => "snake_case",
        NamingStyle.UpperSnakeCase => "UPPER_SNAKE_CASE",
        NamingStyle.KebabCase => "kebab-case",
        NamingStyle.Upper => "UPPERCASE",
        NamingStyle.Lower => "lowercase",
        _ => "mixed",
    };

    /// <summary>The styles a rule text names, in order ("snake_case (never camelCase)" → snake_case, camelCase), each with whether it is negated.</summary>
    public static IReadOnlyList<(NamingStyle Style, bool Negated)> Mentioned(string text)
    {
        var found = new List<(NamingStyle, bool, int)>();
        foreach (Match m in StyleWords().Matches(text))
        {
            var word = m.Value.ToLowerInvariant().Replace(" ", "_").Replace("-", "_");
            NamingStyle? style = word switch
            {
                "upper_snake_case" or "screaming_snake_case" or "upper_case_with_underscores" => NamingStyle.UpperSnakeCase,
                "snake_case" or "snakecase" or "snake_cased" => NamingStyle.SnakeCase,
                "camelcase" or "camel_case" or "camelcased" or "lower_camel_case" => NamingStyle.CamelCase,
                "pascalcase" or "pascal_case" or "upper_camel_case" => NamingStyle.PascalCase,
                "kebab_case" or "kebabcase" or "spinal_case" or "hyphenated" => NamingStyle.KebabCase,
                "lowercase" or "lower_case" => NamingStyle.Lower,
                _ => null,
            };
            if (style is null)
            {
                continue;
            }

            var before = text[Math.Max(0, m.Index - 24)..m.Index].ToLowerInvariant();
            var negated = NegationBefore().IsMatch(before);
            found.Add((style.Value, negated, m.Index));
        }

        return found.Select(f => (f.Item1, f.Item2)).ToList();
    }

    [GeneratedRegex(@"\b(upper[_ -]?snake[_ -]?case|screaming[_ -]snake[_ -]case|snake[_ -]?case[d]?|lower[_ -]camel[_ -]case|upper[_ -]camel[_ -]case|camel[_ -]?case[d]?|pascal[_ -]?case|kebab[_ -]?case|spinal[_ -]case|lower[_ -]?case)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StyleWords();

    [GeneratedRegex(@"\b(never|not|no|avoid|don't|do not|instead of|rather than)\b[^.;,]*$")]
    private static partial Regex NegationBefore();

    /// <summary>Splits an identifier into lowercase words: "getOrders" → get, orders; "bulk-create" → bulk, create.</summary>
    public static IReadOnlyList<string> Words(string identifier) =>
        WordParts().Matches(identifier).Select(m => m.Value.ToLowerInvariant()).ToList();

    [GeneratedRegex(@"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")]
    private static partial Regex WordParts();
}
