using System.Text.Json.Serialization;

namespace ArchMcp.Core.Model;

/// <summary>A design checklist or review request: the topic or design text, how many items, and optionally one root.</summary>
public sealed record ChecklistRequest
{
    /// <summary>A topic ("API pagination") or a whole design text.</summary>
    public required string Design { get; init; }

    public int Limit { get; init; } = 20;
    public string? Root { get; init; }
}

/// <summary>A fact drawn out of a design text (an endpoint, a field name, a technology, a retention period…).</summary>
public sealed record DesignFact(string Kind, string Value, int Line, string Sentence);

/// <summary>One applicable rule or decision in force.</summary>
public sealed record ChecklistItem
{
    /// <summary>Rule id ("176", "API-001", "path :: heading") or decision id ("ADR-0025").</summary>
    public required string Id { get; init; }

    /// <summary>
    /// The other identifiers of the rule or decision ("086", "RE:05", "path :: Decision"), for the eval's matching; not
    /// sent: the tool list's byte budget has no room for the field in the output schemas yet.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>"rule" or "decision".</summary>
    public required string Kind { get; init; }

    /// <summary>MUST, MUST NOT, SHOULD, SHOULD NOT or MAY (decisions in force count as MUST).</summary>
    public required string Level { get; init; }

    /// <summary>The level wording as written ("DO NOT", "AVOID"), or the decision status for decisions.</summary>
    public string? RawLevel { get; init; }

    public required string Statement { get; init; }
    public required string Source { get; init; }
    public required string Uri { get; init; }
    public required string Path { get; init; }
    public required int Line { get; init; }
    public required string Root { get; init; }
    public double Score { get; init; }
}

/// <summary>
/// The applicable items; <paramref name="Covered"/> is false when nothing in the knowledge applies to the design (the
/// items are then only loosely related).
/// </summary>
public sealed record ChecklistResult(IReadOnlyList<ChecklistItem> Items, IReadOnlyList<DesignFact> Facts, bool Covered = true)
{
    /// <summary>The share of the design's words that the first items' files hold; for eval, not on the wire.</summary>
    internal double Coverage { get; init; } = 1;
}

/// <summary>The verdicts a review gives an item (the wire strings of <see cref="ReviewItem.Verdict"/>).</summary>
public static class Verdicts
{
    public const string Violated = "violated";
    public const string Met = "met";
    public const string NotAddressed = "not addressed";
    public const string NeedsJudgement = "needs judgement";
}

/// <summary>A quote backing a verdict, from the design or the rule, with its line.</summary>
public sealed record Evidence(string Quote, int Line);

/// <summary>One checklist item with its verdict, the reason and the evidence from both sides.</summary>
public sealed record ReviewItem
{
    public required ChecklistItem Item { get; init; }
    public required string Verdict { get; init; }
    public required string Reason { get; init; }
    public Evidence? Design { get; init; }
    public Evidence? Rule { get; init; }

    /// <summary>"model" when the client's model gave this verdict (review_design with sampling); absent when the checks did.</summary>
    public string? JudgedBy { get; init; }

    /// <summary>The name of the model that gave the verdict, when the client reports it.</summary>
    public string? Model { get; init; }
}

/// <summary>The risk roll-up: violations by level (the model's included), how many items a rule decided (met or violated),
/// how many the client's model decided, and how many need a person (<see cref="NeedsJudgement"/>).</summary>
public sealed record RiskSummary(string Overall, int High, int Medium, int Low, int Violated, int NeedsJudgement)
{
    /// <summary>Items whose verdict (met or violated) was reached by a deterministic rule, with evidence from both sides.</summary>
    public int JudgedByRule { get; init; }

    /// <summary>Items whose verdict the client's model gave (<see cref="ReviewItem.JudgedBy"/> "model").</summary>
    public int JudgedByModel { get; init; }
}

/// <summary>A design review: a verdict per applicable item, the risk roll-up, and the facts drawn from the design.</summary>
public sealed record ReviewResult(IReadOnlyList<ReviewItem> Items, RiskSummary Risk, IReadOnlyList<DesignFact> Facts);
