using ArchMcp.Core.Model;

namespace ArchMcp.Core.Search;

/// <summary>A rule as stored in the index, with its document.</summary>
internal sealed record RuleRecord
{
    public required string Id { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public required RuleLevel Level { get; init; }
    public required string RawLevel { get; init; }
    public required string Statement { get; init; }
    public required string Text { get; init; }
    public required int Line { get; init; }
    public required string Path { get; init; }
    public required string Root { get; init; }
    public required string DocumentId { get; init; }
    public required string DocumentTitle { get; init; }
    public required DocumentKind DocumentKind { get; init; }
    public string? SectionHeading { get; init; }
}

internal sealed record ScoredRule(RuleRecord Rule, double Score);

/// <summary>A decision as kept in the catalog (light metadata; the file is re-read for its sections).</summary>
internal sealed record DecisionRecord
{
    public required string Id { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public int? Number { get; init; }
    public required string Title { get; init; }
    public required DecisionStatus Status { get; init; }
    public required string RawStatus { get; init; }
    public DateOnly? Date { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public required string Path { get; init; }
    public required int Line { get; init; }
    public required string Root { get; init; }

    /// <summary>What it decided, with the options it turned down (null when the record states no outcome).</summary>
    public DecisionOutcome? Outcome { get; init; }

    public string Uri => $"arch://decisions/{Id}";
}

internal sealed record ScoredDecision(DecisionRecord Decision, double Score, string Text);

/// <summary>Low-level retrieval used by the checklist and review engines (BM25 over single rules and decisions).</summary>
internal interface IKnowledgeRetriever
{
    /// <summary>Rules ranked by how well their statement and text match <paramref name="text"/> (free text, not query syntax).</summary>
    IReadOnlyList<ScoredRule> FindRules(string text, int limit, string? root = null);

    /// <summary>
    /// Decisions ranked by match against <paramref name="text"/>; <see cref="ScoredDecision.Text"/> holds the decision
    /// outcome text. Scores are relative to the best-matching knowledge file of any kind (1 = that file), so a decision
    /// that matches far worse than a standard or guide scores low.
    /// </summary>
    IReadOnlyList<ScoredDecision> FindDecisions(string text, int limit, string? root = null);

    /// <summary>The decisions that superseded <paramref name="decision"/>, resolved to the one in force at the end of the chain.</summary>
    DecisionRecord InForce(DecisionRecord decision);
}
