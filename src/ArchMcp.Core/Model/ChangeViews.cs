namespace ArchMcp.Core.Model;

/// <summary>What <c>recent_changes</c> asks: changes since a git ref (branch, tag, commit) or a date (YYYY-MM-DD).</summary>
public sealed record ChangesRequest
{
    /// <summary>A git ref, or a day (YYYY-MM-DD, from midnight UTC).</summary>
    public required string Since { get; init; }

    /// <summary>Only this knowledge root (by name).</summary>
    public string? Root { get; init; }

    /// <summary>Most changes returned, newest first.</summary>
    public int Limit { get; init; } = ToolContract.ChangesLimitDefault;
}

/// <summary>
/// The decisions and rules that changed since a ref or a date, newest first: <see cref="Total"/> of them, the first
/// <see cref="ChangesRequest.Limit"/> in <see cref="Changes"/>; <see cref="Notes"/> says how each root was read
/// (a root that is not a git working copy answers from file modification times).
/// </summary>
public sealed record ChangesResult(int Total, IReadOnlyList<KnowledgeChange> Changes, IReadOnlyList<string> Notes);

/// <summary>
/// One change to a decision or a rule.
/// <see cref="Change"/> is added, removed, status, superseded, deprecated, level, edited, or modified (from a file's
/// time, when its history is not known); <see cref="Kind"/> is decision or rule (or, by file time, the document's
/// kind); <see cref="Date"/> is the commit's author date (or the file's time) in UTC, ISO 8601; <see cref="Commit"/>
/// is null when the change was found by file time.
/// </summary>
public sealed record KnowledgeChange(
    string Change,
    string Kind,
    string Id,
    string Title,
    string Summary,
    string Root,
    string Path,
    int Line,
    string Date,
    string? Commit = null);

/// <summary>
/// What a decision or standard governs: components, technologies and path globs; <paramref name="Inferred"/> when
/// read from what the record names rather than declared in its front matter.
/// </summary>
public sealed record ScopeView(IReadOnlyList<string> Components, IReadOnlyList<string> Technologies, IReadOnlyList<string> Paths, bool Inferred);

/// <summary>A unified diff to review against the knowledge (review_change), optionally against one root.</summary>
public sealed record ChangeReviewRequest
{
    /// <summary>A unified diff as <c>git diff</c> prints it.</summary>
    public required string Diff { get; init; }

    public string? Root { get; init; }
}

/// <summary>
/// A decision or standard whose scope covers a changed file: its id, kind ("decision" or "standard"), title and
/// place, why it covers the file ("technology Jenkins", "path .github/workflows/**"), and whether its scope was inferred.
/// </summary>
public sealed record GoverningItem(string Id, string Kind, string Title, string Path, int Line, string Root, string Why, bool Inferred);

/// <summary>
/// One changed file: its path (after the change), how it changed (added, modified, deleted, renamed), the records
/// governing it, and the violations found in the lines the change adds — each a review item whose design evidence
/// is the added line, cited at its line in the new file.
/// </summary>
public sealed record FileReview(string Path, string Change, IReadOnlyList<GoverningItem> Governing, IReadOnlyList<ReviewItem> Findings);

/// <summary>A change reviewed file by file, with the risk roll-up of all its findings.</summary>
public sealed record ChangeReviewResult(IReadOnlyList<FileReview> Files, RiskSummary Risk);
