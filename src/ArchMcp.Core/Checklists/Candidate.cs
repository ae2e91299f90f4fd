using ArchMcp.Core.Model;
using ArchMcp.Core.Search;

namespace ArchMcp.Core.Checklists;

/// <summary>A rule or a decision in force gathered while ranking, with its fused evidence of relevance.</summary>
internal sealed class Candidate
{
    private Candidate(string key, RuleRecord? rule, DecisionRecord? decision, string decisionText)
    {
        Key = key;
        Rule = rule;
        Decision = decision;
        DecisionText = decisionText;
    }

    public string Key { get; }
    public RuleRecord? Rule { get; }
    public DecisionRecord? Decision { get; }
    public string DecisionText { get; }

    /// <summary>Normalised score of the whole-design query.</summary>
    public double Whole { get; set; }

    /// <summary>Best weighted normalised score over the sub-queries (sentences, clauses, facts).</summary>
    public double Best { get; set; }

    /// <summary>Sum of weighted normalised scores over the sub-queries.</summary>
    public double Sum { get; set; }

    public double Boost { get; set; }

    public double Score { get; set; }

    public bool IsDecision => Decision is not null;

    public string Id => Rule?.Id ?? Decision!.Id;

    public string Statement => Rule?.Statement ?? Decision!.Title;

    /// <summary>What the candidate says: the rule body or the decision outcome.</summary>
    public string Body => Rule is not null ? Rule.Text : DecisionText;

    /// <summary>Statement and body together, for text-driven checks.</summary>
    public string FullText => Statement + "\n" + Body;

    public RuleLevel Level => Rule?.Level ?? DecisionLevel(Decision!);

    /// <summary>
    /// Only an accepted decision binds (MUST); a proposed one is an option under discussion (MAY); a rejected one says
    /// what not to bring back without new arguments (SHOULD NOT). None of them but the accepted one is in force.
    /// </summary>
    private static RuleLevel DecisionLevel(DecisionRecord decision) => decision.Status switch
    {
        DecisionStatus.Proposed => RuleLevel.May,
        DecisionStatus.Rejected => RuleLevel.ShouldNot,
        _ => RuleLevel.Must,
    };

    /// <summary>The line of the rule's heading or of the decision.</summary>
    public int Line => Rule?.Line ?? Decision!.Line;

    public string Path => Rule?.Path ?? Decision!.Path;

    public string Root => Rule?.Root ?? Decision!.Root;

    public static Candidate For(RuleRecord rule) => new($"r|{rule.Root}|{rule.Path}|{rule.Id}", rule, null, "");

    public static Candidate For(DecisionRecord decision, string text) => new($"d|{decision.Root}|{decision.Path}", null, decision, text);

    public ChecklistItem ToItem() => Rule is { } r
        ? new ChecklistItem
        {
            Id = r.Id,
            Aliases = r.Aliases,
            Kind = "rule",
            Level = r.Level.ToWire(),
            RawLevel = r.RawLevel,
            Statement = OneLine(r.Statement),
            Source = r.DocumentTitle,
            Uri = $"arch://standards/{r.DocumentId}/rules/{Uri.EscapeDataString(r.Id)}",
            Path = r.Path,
            Line = r.Line,
            Root = r.Root,
            Score = Math.Round(Score, 4),
        }
        : new ChecklistItem
        {
            Id = Decision!.Id,
            Aliases = Decision.Aliases,
            Kind = "decision",
            Level = DecisionLevel(Decision).ToWire(),
            RawLevel = Decision.RawStatus,
            Statement = OneLine(Decision.Title),
            Source = Decision.Title,
            Uri = Decision.Uri,
            Path = Decision.Path,
            Line = Decision.Line,
            Root = Decision.Root,
            Score = Math.Round(Score, 4),
        };

    /// <summary>This candidate carrying the scores gathered so far by <paramref name="other"/> (same key).</summary>
    internal Candidate WithScoresOf(Candidate other)
    {
        Whole = other.Whole;
        Best = other.Best;
        Sum = other.Sum;
        return this;
    }

    internal static string OneLine(string text)
    {
        var line = string.Join(' ', text.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= 200 ? line : line[..197].TrimEnd() + "…";
    }
}
