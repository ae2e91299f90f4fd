using ArchMcp.Core.Export;
using ArchMcp.Core.Model;

namespace ArchMcp.Core;

/// <summary>
/// The one service layer behind the MCP tools, the Semantic Kernel functions and the CLI verbs. Ranking,
/// filtering, snippets, lookups and checklists live here and nowhere else.
/// </summary>
public interface IKnowledgeService
{
    /// <summary>Ranked search over all knowledge.</summary>
    Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// One decision by any reference. Throws <see cref="DecisionNotFoundException"/> with the closest matches, or
    /// <see cref="AmbiguousReferenceException"/> with the candidates when the reference names several.
    /// </summary>
    Task<DecisionView> GetDecisionAsync(GetDecisionRequest request, CancellationToken cancellationToken = default);

    /// <summary>The decision log filtered by status, tag, date range and root, one page of it.</summary>
    Task<DecisionPage> ListDecisionsAsync(DecisionQuery query, CancellationToken cancellationToken = default);

    /// <summary>One rule by its identifier, or a standard by its id. Throws <see cref="RuleNotFoundException"/>, or <see cref="AmbiguousReferenceException"/> when standards or roots share the id.</summary>
    Task<RuleLookup> GetRuleAsync(string id, string? root = null, CancellationToken cancellationToken = default);

    /// <summary>The rules and decisions in force that apply to a topic or a design text, most relevant first.</summary>
    Task<ChecklistResult> DesignChecklistAsync(ChecklistRequest request, CancellationToken cancellationToken = default);

    /// <summary>A design text checked against the applicable rules and decisions: a verdict per item and a risk roll-up.</summary>
    Task<ReviewResult> ReviewDesignAsync(ChecklistRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// A unified diff reviewed file by file: the decisions and standards whose scope (declared or inferred) covers each
    /// changed file, and the violations the design review finds in the lines the change adds, at their new line.
    /// Text that is not a diff, or longer than <see cref="ToolContract.MaxDesignChars"/>, is an <see cref="InvalidQueryException"/>.
    /// </summary>
    Task<ChangeReviewResult> ReviewChangeAsync(ChangeReviewRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// The decisions and rules added, changed, superseded or deprecated since a git ref or a date, newest first, each
    /// with its commit and author date. A root that is not a git working copy answers from file times and says so in
    /// the notes. A ref that is not a commit there is an <see cref="InvalidQueryException"/>.
    /// </summary>
    Task<ChangesResult> RecentChangesAsync(ChangesRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// The status of a decision (any reference <see cref="GetDecisionAsync"/> takes) at each of the last 20 commits
    /// that changed its file, newest first, read from git when its root is a git working copy; otherwise no commits and
    /// a note saying so. Read once per index snapshot and git HEAD, then answered from memory.
    /// </summary>
    Task<StatusHistory> GetStatusHistoryAsync(string reference, CancellationToken cancellationToken = default);

    /// <summary>
    /// The rule files an assistant reads without a tool call (AGENTS.md section, Copilot instructions, Cursor rules),
    /// made from the decisions in force and the MUST and MUST NOT rules (SHOULD within the budget).
    /// </summary>
    Task<IReadOnlyList<RuleFile>> AssistantRuleFilesAsync(AssistantTarget target, CancellationToken cancellationToken = default);

    /// <summary>A whole document by kind and id, or by the exact URI the service gave it (for resources). Throws <see cref="DocumentNotFoundException"/>.</summary>
    Task<DocumentView> GetDocumentAsync(DocumentKind kind, string id, CancellationToken cancellationToken = default);

    /// <summary>Every document (id, kind, title, uri), for resource listings.</summary>
    Task<IReadOnlyList<DocumentView>> ListDocumentsAsync(CancellationToken cancellationToken = default);

    /// <summary>What is indexed, from which roots and commits, and when.</summary>
    Task<IndexInfo> GetIndexInfoAsync(CancellationToken cancellationToken = default);

    /// <summary>Ids of <paramref name="target"/> starting with (then containing) <paramref name="prefix"/>, for completions.</summary>
    IReadOnlyList<string> CompleteIds(CompletionTarget target, string prefix, int limit = 100);

    /// <summary>Lint findings over every root.</summary>
    Task<LintReport> LintAsync(CancellationToken cancellationToken = default);

    /// <summary>Brings the index up to date with the files (only changed files are re-parsed).</summary>
    Task<IndexInfo> RefreshAsync(IProgress<IndexProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Raised after a refresh changed the index; carries the URIs of the documents that changed.</summary>
    event EventHandler<KnowledgeChangedEventArgs>? Changed;
}

/// <summary>Which ids <see cref="IKnowledgeService.CompleteIds"/> completes.</summary>
public enum CompletionTarget
{
    Decision,
    Standard,
    Rule,
    Reference,
}

/// <summary>Progress of a refresh: files done of those listed so far, and the file being read.</summary>
public sealed record IndexProgress(int Done, int Total, string? CurrentPath);

/// <summary>The documents a refresh changed (their URIs), and whether documents came or went.</summary>
public sealed class KnowledgeChangedEventArgs(IReadOnlyList<string> changedUris, bool listChanged) : EventArgs
{
    public IReadOnlyList<string> ChangedUris { get; } = changedUris;
    public bool ListChanged { get; } = listChanged;
}

/// <summary>What lint looked at, and how many errors and warnings it found.</summary>
public sealed record LintSummary(int Decisions, int Standards, int Rules, int References, int Errors, int Warnings);

/// <summary>One lint finding with its stable code (see <see cref="Model.LintCodes"/>) and its place.</summary>
public sealed record LintFinding(string Severity, string Code, string Path, int Line, string Message);

/// <summary>The result of <see cref="IKnowledgeService.LintAsync"/>.</summary>
public sealed record LintReport(LintSummary Summary, IReadOnlyList<LintFinding> Findings);
