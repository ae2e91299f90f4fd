namespace ArchMcp.Core.Model;

/// <summary>One parsed Markdown file of a knowledge root.</summary>
internal sealed record KnowledgeDocument
{
    /// <summary>Name of the knowledge root the file belongs to.</summary>
    public required string Root { get; init; }

    /// <summary>Path relative to the root, with forward slashes.</summary>
    public required string Path { get; init; }

    public required DocumentKind Kind { get; init; }

    /// <summary>Why the file was read as <see cref="Kind"/> (for <c>archmcp inspect</c>); not kept in the index.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string KindReason { get; init; } = "";

    /// <summary>Stable id: <c>ADR-0007</c> for numbered decisions, the front matter id, or the file slug.</summary>
    public required string Id { get; init; }

    public required string Title { get; init; }

    /// <summary>
    /// The other identifiers a reader cites the document by: for a decision its number ("86", "086"), slug, path, the
    /// source's own name ("ITE-5", "ADR029") and "path :: heading" of its decision section; for a guide page, the checklist
    /// code it elaborates ("RE:05").
    /// </summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>1-based line of the title (the H1, or 1 when the title comes from front matter).</summary>
    public int TitleLine { get; init; } = 1;

    public IReadOnlyList<string> Tags { get; init; } = [];

    public DateOnly? Date { get; init; }

    /// <summary>Decision metadata, set when <see cref="Kind"/> is <see cref="DocumentKind.Decision"/>.</summary>
    public DecisionInfo? Decision { get; init; }

    /// <summary>Normative rules found in the document (standards mostly; guides may carry some).</summary>
    public IReadOnlyList<Rule> Rules { get; init; } = [];

    public IReadOnlyList<Section> Sections { get; init; } = [];

    /// <summary>Relative links to other Markdown files, as written.</summary>
    public IReadOnlyList<DocumentLink> Links { get; init; } = [];

    /// <summary>Front matter values as flat strings (lists joined with ", ").</summary>
    public IReadOnlyDictionary<string, string> FrontMatter { get; init; } = new Dictionary<string, string>();

    /// <summary>Plain text of the body (Markdown syntax stripped, front matter excluded).</summary>
    public string Text { get; init; } = "";

    /// <summary>Problems met while parsing (the document is still usable).</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];
}

/// <summary>A heading and the plain text under it (up to the next heading of any level).</summary>
public sealed record Section(string Heading, int Level, int Line, string Text, string? Anchor = null);

/// <summary>A Markdown link found in a document.</summary>
internal sealed record DocumentLink(string Text, string Target, int Line);

/// <summary>Decision-specific metadata.</summary>
internal sealed record DecisionInfo
{
    /// <summary>The decision number, from the heading or the file name.</summary>
    public int? Number { get; init; }

    public DecisionStatus Status { get; init; }

    /// <summary>The status text as written ("Partly superseded", "✅ Accepted", …).</summary>
    public string RawStatus { get; init; } = "";

    public int StatusLine { get; init; }

    public string? DecisionMakers { get; init; }

    /// <summary>Relations as stated in this file; resolved both ways by the catalog.</summary>
    public IReadOnlyList<DecisionRelation> Relations { get; init; } = [];

    /// <summary>Number given by the heading and by the file name, when both exist and differ (for lint).</summary>
    public (int Heading, int FileName)? NumberMismatch { get; init; }

    /// <summary>What was decided and why, with the options turned down; null when the record states no outcome.</summary>
    public DecisionOutcome? Outcome { get; init; }
}

/// <summary>
/// A decision's outcome: the sentence that states the chosen option and its reason, its line, and the options the
/// record turned down (empty when it names none).
/// </summary>
public sealed record DecisionOutcome(string Text, int Line, IReadOnlyList<string> Rejected);

/// <summary>A stated relation: <paramref name="Target"/> is a raw reference (file name, "ADR-0015", number, title).</summary>
/// <param name="Alternative">
/// For a link whose text names a number (<c>[ADR-0012](0012-evnt-bus.md)</c>): that number ("ADR-0012"), which the
/// catalog resolves when the link's target names no file.
/// </param>
internal sealed record DecisionRelation(RelationKind Kind, string Target, int Line, string? Alternative = null);

/// <summary>One normative rule of a standard.</summary>
public sealed record Rule
{
    /// <summary>The identifier the source gives ("176", "API-001", "http-url-casing", "SEGAS-00015") or "path :: heading".</summary>
    public required string Id { get; init; }

    public required RuleLevel Level { get; init; }

    /// <summary>The level wording as written ("DO NOT", "YOU SHOULD", "AVOID", "MUST").</summary>
    public required string RawLevel { get; init; }

    /// <summary>One-line statement of the rule (usually its heading without the id).</summary>
    public required string Statement { get; init; }

    /// <summary>Plain text body of the rule.</summary>
    public string Text { get; init; } = "";

    public int Line { get; init; }

    /// <summary>The heading path above the rule ("Versioning"), for context.</summary>
    public string? SectionHeading { get; init; }

    /// <summary>Other identifiers the rule is cited by (the checklist code of the guide page that holds it).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>True when the source marks no rule explicitly and the rule is a section ("path :: heading") with its level inferred.</summary>
    public bool Implicit { get; init; }
}

/// <summary>A problem found in a file: for lint, and as an error when a file cannot be read.</summary>
internal sealed record Finding(FindingSeverity Severity, string Code, string Path, int Line, string Message)
{
    public string? Root { get; init; }
}

internal enum FindingSeverity
{
    Error,
    Warning,
    Info,
}
