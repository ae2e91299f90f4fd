namespace ArchMcp.Core.Model;

/// <summary>What a Markdown file in a knowledge root is.</summary>
public enum DocumentKind
{
    Decision,
    Standard,
    Reference,
    Guide,
    Template,
}

/// <summary>The one decision lifecycle every status wording maps to.</summary>
public enum DecisionStatus
{
    Unknown,
    Proposed,
    Accepted,
    Rejected,
    Deprecated,
    Superseded,
}

/// <summary>Normalised requirement level of a rule (RFC 2119 and the DO / DON'T style).</summary>
public enum RuleLevel
{
    Must,
    MustNot,
    Should,
    ShouldNot,
    May,
}

/// <summary>How one decision relates to another.</summary>
public enum RelationKind
{
    Supersedes,
    SupersededBy,
    Amends,
    AmendedBy,
    RelatesTo,
}

/// <summary>The wire spelling of the model's enums (as tools, JSON and the CLI show them) and its parsing back.</summary>
public static class EnumText
{
    public static string ToWire(this DocumentKind kind) => kind switch
    {
        DocumentKind.Decision => "decision",
        DocumentKind.Standard => "standard",
        DocumentKind.Reference => "reference",
        DocumentKind.Guide => "guide",
        DocumentKind.Template => "template",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static string ToWire(this DecisionStatus status) => status.ToString().ToLowerInvariant();

    public static string ToWire(this RuleLevel level) => level switch
    {
        RuleLevel.Must => "MUST",
        RuleLevel.MustNot => "MUST NOT",
        RuleLevel.Should => "SHOULD",
        RuleLevel.ShouldNot => "SHOULD NOT",
        RuleLevel.May => "MAY",
        _ => level.ToString().ToUpperInvariant(),
    };

    public static string ToWire(this RelationKind kind) => kind switch
    {
        RelationKind.Supersedes => "supersedes",
        RelationKind.SupersededBy => "superseded-by",
        RelationKind.Amends => "amends",
        RelationKind.AmendedBy => "amended-by",
        _ => "relates-to",
    };

    public static bool TryParseKind(string? text, out DocumentKind kind)
    {
        kind = DocumentKind.Guide;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "decision" or "decisions" or "adr" or "adrs": kind = DocumentKind.Decision; return true;
            case "standard" or "standards" or "rule" or "rules" or "guideline" or "guidelines": kind = DocumentKind.Standard; return true;
            case "reference" or "references" or "reference-architecture" or "reference-architectures": kind = DocumentKind.Reference; return true;
            case "guide" or "guides" or "doc" or "docs": kind = DocumentKind.Guide; return true;
            case "template" or "templates": kind = DocumentKind.Template; return true;
            default: return false;
        }
    }

    public static bool TryParseStatus(string? text, out DecisionStatus status)
    {
        status = DecisionStatus.Unknown;
        return text is not null && Enum.TryParse(text.Trim(), ignoreCase: true, out status) && status != DecisionStatus.Unknown;
    }

    public static bool TryParseLevel(string? text, out RuleLevel level)
    {
        level = RuleLevel.May;
        switch (text?.Trim().ToUpperInvariant().Replace('_', ' ').Replace('-', ' '))
        {
            case "MUST": level = RuleLevel.Must; return true;
            case "MUST NOT": level = RuleLevel.MustNot; return true;
            case "SHOULD": level = RuleLevel.Should; return true;
            case "SHOULD NOT": level = RuleLevel.ShouldNot; return true;
            case "MAY": level = RuleLevel.May; return true;
            default: return false;
        }
    }
}
