using System.Text.Json.Serialization;

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
/// A decision or standard whose scope covers a changed file: its id, why it covers the file ("technology Jenkins",
/// "path .github/workflows/**", with ", inferred" when the scope was inferred from what the record names) and where
/// it is (path:line).
/// </summary>
public sealed record GoverningItem(string Id, string Why, string Cite)
{
    /// <summary>True when the record declares no scope and this one was inferred from its title and outcome.</summary>
    public bool Inferred { get; init; }

    /// <summary>The record's file, relative to its root.</summary>
    public string Path { get; init; } = "";

    /// <summary>"ADR-0001 (technology Jenkins, inferred) decisions/0001-use-github-actions.md:1".</summary>
    public override string ToString() => $"{Id} ({Why}) {Cite}";
}

/// <summary>
/// A violation in the lines a change adds: the changed file and the line of the new file, the rule or decision id,
/// where the rule's sentence that the change goes against is (path:line), and why.
/// </summary>
public sealed record ChangeFinding(string File, int Line, string Id, string Cite, string Reason)
{
/// <summary>The review item the finding comes from: level, rule quote, evidence (not sent: the tool list's byte budget).</summary>
    [JsonIgnore]
    public ReviewItem Review { get; init; } = null!; // always set by the reviewer; not required only because JSON must not ask for it

    /// <summary>MUST, MUST NOT, SHOULD, SHOULD NOT or MAY.</summary>
    [JsonIgnore]
    public string Level => Review.Item.Level;

    /// <summary>The rule's sentence the change goes against.</summary>
    [JsonIgnore]
    public string Rule => Review.Rule?.Quote ?? Review.Item.Statement;
}

/// <summary>One changed file: its path after the change, how it changed (added, modified, deleted, renamed), the records governing it and the violations in its added lines.</summary>
public sealed record FileReview(string Path, string Change, IReadOnlyList<GoverningItem> Governing, IReadOnlyList<ChangeFinding> Findings);

/// <summary>
/// A change reviewed: the records governing the changed files ("file: id (why) path:line") and the violations in
/// the lines it adds. <see cref="Files"/> has the same per file, and <see cref="Summary"/> the risk roll-up (neither
/// is sent: the tool list's byte budget).
/// </summary>
public sealed record ChangeReviewResult(IReadOnlyList<string> Governing, IReadOnlyList<ChangeFinding> Findings)
{
    [JsonIgnore]
    public IReadOnlyList<FileReview> Files { get; init; } = [];

    [JsonIgnore]
    public RiskSummary Summary { get; init; } = new("low", 0, 0, 0, 0, 0);
}

/// <summary>
/// A decision's file at one commit: the commit's author date (UTC, ISO 8601), its short id, the status the file gave
/// then (lifecycle value and the text as written), and whether that status differs from the commit before (the
/// oldest commit listed counts as a change: the status began there). <see cref="Status"/> is "deleted" when the
/// commit removed the file.
/// </summary>
public sealed record StatusAtCommit(string Date, string Commit, string Status, string RawStatus, bool Changed);

/// <summary>
/// A decision's status over its file's last commits, newest first (<see cref="Commits"/>). Outside git history
/// (<see cref="FromGit"/> false) there are no commits and <see cref="Note"/> says why; a note also tells when the
/// list is cut or the file is not committed yet.
/// </summary>
public sealed record StatusHistory(bool FromGit, IReadOnlyList<StatusAtCommit> Commits, string? Note);
