using System.Text.RegularExpressions;

namespace ArchMcp.Core.Checklists;

/// <summary>
/// Checks on the data a design carries and what it promises its consumers: sensitive data against rules that keep it out
/// or protected, breaking changes against compatibility rules, exactly-once assumptions against duplicate handling.
/// </summary>
internal static partial class DataContractChecks
{
    /// <summary>Sensitive or personal data in the design against a rule that keeps such data out or protected.</summary>
    public static CheckOutcome? SensitiveData(Candidate c, DesignContext d)
    {
        if (!SensitiveRule().IsMatch(c.Statement) || !(DesignReviewer.IsProhibition(c) || DesignReviewer.Negation.IsMatch(c.Statement) || Protect().IsMatch(c.Statement)))
        {
            return null;
        }

        var fact = d.First(FactKinds.PersonalData);
        return fact is null ? null
            : DesignReviewer.Violated("The design carries personal or sensitive data.", DesignContext.Quote(fact), DesignReviewer.RuleQuote(c, null));
    }

    /// <summary>
    /// A breaking change (changed field types, removed fields) against a backward-compatibility rule. A sentence that
    /// ships the change as a new version (a `/v2/` prefix, a version header) keeps existing clients working: no violation.
    /// </summary>
    public static CheckOutcome? BreakingChange(Candidate c, DesignContext d)
    {
        if (!Compatibility().IsMatch(c.Statement))
        {
            return null;
        }

        var versioned = d.Of(FactKinds.Versioning).Where(f => f.Value != "breaking-change").Select(f => f.Line).ToHashSet();
        var fact = d.Of(FactKinds.Versioning).FirstOrDefault(f => f.Value == "breaking-change" && !versioned.Contains(f.Line));
        return fact is null ? null
            : DesignReviewer.Violated("The design makes incompatible changes.", DesignContext.Quote(fact), DesignReviewer.RuleQuote(c, null));
    }

    /// <summary>Consumers assuming exactly-once delivery against a rule asking them to cope with duplicates.</summary>
    public static CheckOutcome? Duplicates(Candidate c, DesignContext d)
    {
        if (!DuplicateRule().IsMatch(c.Statement))
        {
            return null;
        }

        var fact = d.First(FactKinds.Delivery, "exactly-once");
        return fact is null ? null
            : DesignReviewer.Violated("The design assumes exactly-once delivery; the rule expects duplicates to be handled.", DesignContext.Quote(fact), DesignReviewer.RuleQuote(c, null));
    }

    /// <summary>
    /// A schema that lets a type be null (<c>type: boolean</c> with <c>nullable: true</c>) against a rule that forbids
    /// null for that type ("MUST not use `null` for boolean properties", "booleans must not be null"). A rule on a kind
    /// of value narrowed by what the type does not show ("null for empty arrays") is not read: the schema does not say
    /// whether the value is empty.
    /// </summary>
    public static CheckOutcome? NullForbidden(Candidate c, DesignContext d)
    {
        var nullable = d.Of(FactKinds.NullableType).ToList();
        var m = nullable.Count == 0 ? Match.Empty : NullForType().Match(c.Statement);
        if (!m.Success || !(DesignReviewer.IsProhibition(c) || DesignReviewer.Negation.IsMatch(c.Statement)))
        {
            return null;
        }

        var type = TypeName(m.Groups["type"].Value);
        var fact = nullable.FirstOrDefault(f => TypeName(f.Value) == type);
        return fact is null ? null
            : DesignReviewer.Violated($"The change lets a {type} be null; the rule forbids null for {type} values.", DesignContext.Quote(fact), DesignReviewer.RuleQuote(c, null));
    }

    /// <summary>A JSON Schema type name in its singular form ("booleans", "bool" → boolean).</summary>
    private static string TypeName(string word)
    {
        var w = word.ToLowerInvariant();
        return w is "bool" or "bools" ? "boolean" : w.EndsWith('s') ? w[..^1] : w;
    }

    /// <summary>
    /// A statement about null for one JSON type: "null for boolean properties", "nullable booleans" or "boolean properties
    /// … not be null / nullable" (whether it forbids is read from its level or a negation).
    /// </summary>
    [GeneratedRegex(@"\bnull\b\W{0,2}\s+(?:values?\s+)?(?:for|in)\s+(?<type>booleans?|bools?|strings?|numbers?|integers?|arrays?|objects?)\b|\bnullable\s+(?<type>booleans?|bools?|strings?|numbers?|integers?|arrays?|objects?)\b|\b(?<type>booleans?|bools?|strings?|numbers?|integers?|arrays?|objects?)\s+(?:(?:propert\w*|fields?|attributes?|values?)\s+)?(?:must|should|shall|may|can)\s+(?:not|never)\s+be\s+(?:null|nullable)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NullForType();

    /// <summary>Sensitive or personal data ("personal access tokens" are credentials, not personal data).</summary>
    [GeneratedRegex(@"\b(sensitive|pii|confidential|privacy|personal(ly)?\s+(data|information|details|identifiable))\b", RegexOptions.IgnoreCase)]
    private static partial Regex SensitiveRule();

    [GeneratedRegex(@"\b(protect|encrypt|mask|redact|minimi[sz]e|exclude|filter)\w*", RegexOptions.IgnoreCase)]
    private static partial Regex Protect();

    [GeneratedRegex(@"\bbackwards?[- ]compatib\w*|\bnot break\b|\bbreaking changes?\b|\bcompatib\w+\b.{0,30}\b(maintain|keep|preserve)|\b(maintain|keep|preserve)\w*\b.{0,30}\bcompatib", RegexOptions.IgnoreCase)]
    private static partial Regex Compatibility();

    /// <summary>Duplicate delivery: duplicates, at-least-once, or idempotent processing of what is delivered (not idempotent POST requests).</summary>
    [GeneratedRegex(@"\bduplicates?\b|\bat[- ]least[- ]once\b|\bidempoten\w*\b.{0,40}\b(process\w*|consum\w*|deliver\w*|handl\w*|receiv\w*|events?|messages?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DuplicateRule();
}
