namespace ArchMcp.Core.Model;

// Result shapes shared by the MCP tools, the Semantic Kernel functions and the CLI. Property names are the
// wire contract (camelCase in JSON): keep them stable.

/// <summary>A compact pointer to a decision.</summary>
public sealed record DecisionRef(string Id, string Title, string Status, string Uri, string Path, int Line);

/// <summary>Search input; <see cref="Limit"/> defaults to 5.</summary>
public sealed record SearchRequest
{
    public required string Query { get; init; }
    public DocumentKind? Kind { get; init; }
    public DecisionStatus? Status { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string? Root { get; init; }
    public int Limit { get; init; } = 5;
}

/// <summary>One compact result card.</summary>
public sealed record SearchHit
{
    public required string Id { get; init; }
    public required string Kind { get; init; }
    public required string Title { get; init; }
    public string? Status { get; init; }
    public string? Date { get; init; }
    public required string Snippet { get; init; }
    public required string Uri { get; init; }
    public required string Path { get; init; }
    public required int Line { get; init; }
    public required string Root { get; init; }
    public double Score { get; init; }

    /// <summary>For a superseded decision: the decisions that replaced it.</summary>
    public IReadOnlyList<string>? SupersededBy { get; init; }

    /// <summary>For a superseded decision: the decision currently in force at the end of the chain.</summary>
    public string? InForce { get; init; }

    /// <summary>Why this hit is here when it was not a text match ("ADR-0015 supersedes ADR-0004").</summary>
    public string? Reason { get; init; }

    /// <summary>For a decision: what it decided and why (get_decision adds its line and the options turned down).</summary>
    public string? Decision { get; init; }

    /// <summary>When its file last changed: the author date of the last commit that changed it, else the file's modification date.</summary>
    public string? Changed { get; init; }

    /// <summary>The last commit that changed its file (short id); absent outside git history.</summary>
    public string? Commit { get; init; }
}

/// <summary>
/// The hits for a query; <paramref name="Covered"/> is false when nothing in the knowledge answers it (the hits are then
/// only loosely related).
/// </summary>
public sealed record SearchResult(string Query, IReadOnlyList<SearchHit> Hits, string? Interpretation = null, bool Covered = true)
{
    /// <summary>The share of the query's words that the best hit holds (1 when the query names a record); for eval, not on the wire.</summary>
    internal double Coverage { get; init; } = 1;
}

/// <summary>Which parts of a decision to return.</summary>
public sealed record GetDecisionRequest
{
    /// <summary>"ADR-7", "7", "0007", a slug, a file name or title words.</summary>
    public required string Reference { get; init; }

    /// <summary>Section names to include ("context", "decision", "consequences", "options", "all"); default: context, decision, consequences.</summary>
    public IReadOnlyList<string> Sections { get; init; } = [];

    public string? Root { get; init; }
}

/// <summary>One section of a decision: its heading, line and text.</summary>
public sealed record DecisionSection(string Heading, int Line, string Text);

/// <summary>A decision as <c>get_decision</c> returns it: its header, relations, the decision in force and the sections asked for.</summary>
public sealed record DecisionView
{
    public required string Id { get; init; }

    /// <summary>The other ways a reader cites it: number, padded number, file stem, slug, path, the source's own name.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public int? Number { get; init; }
    public required string Title { get; init; }
    public required string Status { get; init; }
    public required string RawStatus { get; init; }
    public string? Date { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string? DecisionMakers { get; init; }
    public required string Uri { get; init; }
    public required string Path { get; init; }
    public required int Line { get; init; }
    public required string Root { get; init; }
    public IReadOnlyList<DecisionRef> Supersedes { get; init; } = [];
    public IReadOnlyList<DecisionRef> SupersededBy { get; init; } = [];
    public IReadOnlyList<DecisionRef> Amends { get; init; } = [];
    public IReadOnlyList<DecisionRef> AmendedBy { get; init; } = [];

    /// <summary>The decision in force at the end of the supersession chain (this one when nothing replaced it).</summary>
    public required DecisionRef InForce { get; init; }

    /// <summary>Other decisions this one links to or that link to it.</summary>
    public IReadOnlyList<DecisionRef> Related { get; init; } = [];

    public IReadOnlyList<DecisionSection> Sections { get; init; } = [];

    /// <summary>What was decided and why, and the options turned down; null when the record states no outcome.</summary>
    public DecisionOutcome? Decision { get; init; }

    /// <summary>When its file last changed: the author date of the last commit that changed it, else the file's modification date.</summary>
    public string? Changed { get; init; }

    /// <summary>The last commit that changed its file (short id); absent outside git history.</summary>
    public string? Commit { get; init; }

    /// <summary>
    /// What the decision governs, in one line ("technologies: Jenkins, GitHub Actions (inferred)"): declared in its
    /// front matter, or inferred from its title and outcome; null when it is general. Shown in the text of get_decision
    /// and `archmcp show`, not sent as a field: the tool list's byte budget.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Scope { get; init; }
}

/// <summary>Filters and paging of the decision log (<c>list_decisions</c>).</summary>
public sealed record DecisionQuery
{
    public DecisionStatus? Status { get; init; }
    public string? Tag { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public string? Root { get; init; }
    public int Offset { get; init; }
    public int Limit { get; init; } = 20;
}

/// <summary>One decision in a listing; the JSON shape of <c>archmcp list --format json</c>.</summary>
public sealed record DecisionSummary
{
    public required string Id { get; init; }
    public int? Number { get; init; }
    public required string Title { get; init; }
    public required string Status { get; init; }
    public required string RawStatus { get; init; }
    public string? Date { get; init; }
    public IReadOnlyList<string> Supersedes { get; init; } = [];
    public IReadOnlyList<string> SupersededBy { get; init; } = [];
    public IReadOnlyList<string> Amends { get; init; } = [];
    public IReadOnlyList<string> AmendedBy { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];
    public required string Uri { get; init; }
    public required string Path { get; init; }
    public required int Line { get; init; }
    public required string Root { get; init; }
}

/// <summary>One page of the decision log: the total, this page's items and where the next page starts.</summary>
public sealed record DecisionPage(int Total, int Offset, IReadOnlyList<DecisionSummary> Items, int? NextOffset);

/// <summary>One rule with its level, statement, text and the document it belongs to.</summary>
public sealed record RuleView
{
    public required string Id { get; init; }

    /// <summary>The other ways a reader cites it (the checklist code of its guide page).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public required string Level { get; init; }
    public required string RawLevel { get; init; }
    public required string Statement { get; init; }
    public string Text { get; init; } = "";
    public required string StandardId { get; init; }
    public required string StandardTitle { get; init; }
    public required string Uri { get; init; }
    public required string Path { get; init; }
    public required int Line { get; init; }
    public required string Root { get; init; }
    /// <summary>When its file last changed (as on a search card); given when the rule is looked up on its own.</summary>
    public string? Changed { get; init; }

    /// <summary>The last commit that changed its file (short id); absent outside git history.</summary>
    public string? Commit { get; init; }
}

/// <summary>A standard (or guide) with its rules listed compactly.</summary>
public sealed record StandardView
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Kind { get; init; }
    public required string Uri { get; init; }
    public required string Path { get; init; }
    public required int Line { get; init; }
    public required string Root { get; init; }
    public IReadOnlyList<RuleView> Rules { get; init; } = [];

    /// <summary>When its file last changed: the author date of the last commit that changed it, else the file's modification date.</summary>
    public string? Changed { get; init; }

    /// <summary>The last commit that changed its file (short id); absent outside git history.</summary>
    public string? Commit { get; init; }
}

/// <summary>Answer of <c>get_rule</c>: a single rule, or a whole standard when the id names one.</summary>
public sealed record RuleLookup(RuleView? Rule, StandardView? Standard);

/// <summary>Any indexed document in full (resources).</summary>
public sealed record DocumentView
{
    public required string Id { get; init; }
    public required string Kind { get; init; }
    public required string Title { get; init; }
    public required string Uri { get; init; }
    public required string Path { get; init; }
    public required string Root { get; init; }
    public required string Markdown { get; init; }
}

/// <summary>What is indexed, from which roots and commits, when, and whether the index is behind the files.</summary>
public sealed record IndexInfo
{
    public required IReadOnlyList<KnowledgeRootInfo> Roots { get; init; }
    public required string IndexPath { get; init; }
    public DateTimeOffset? IndexedAt { get; init; }
    public int Documents { get; init; }
    public int Decisions { get; init; }
    public int Standards { get; init; }
    public int Rules { get; init; }
    public int References { get; init; }
    public int Errors { get; init; }
    public bool Ready { get; init; }

    /// <summary>Why the index is behind the files (its last refresh failed; answers come from its last good commit); null when it is not.</summary>
    public string? Behind { get; init; }
}

/// <summary>A knowledge root: its name, folder and the git commit its checkout is on (null when not a checkout).</summary>
public sealed record KnowledgeRootInfo(string Name, string Path, string? Commit);
