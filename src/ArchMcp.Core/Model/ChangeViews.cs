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
