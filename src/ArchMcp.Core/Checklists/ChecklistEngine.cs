using ArchMcp.Core.Model;
using ArchMcp.Core.Search;

namespace ArchMcp.Core.Checklists;

/// <summary>
/// The applicable rules and decisions in force for a topic or a design, ranked by how much they bear on it,
/// and the review of a design against them. Works over any <see cref="IKnowledgeRetriever"/>.
/// </summary>
/// <param name="files">The knowledge files on disk: their declared scopes, and the lines that rule quotes are cited at.
/// Without them every document is general and a quote is cited at its section's line.</param>
/// <param name="scopes">The declared scope of a knowledge file by root name and path (null: general), instead of
/// <paramref name="files"/>' scopes.</param>
internal sealed class ChecklistEngine(IKnowledgeRetriever retriever, ChecklistTuning? tuning = null, FileScopes? files = null, Func<string, string, DocumentScope?>? scopes = null)
{
    private readonly ChecklistTuning _tuning = tuning ?? new ChecklistTuning();
    private readonly Func<string, string, DocumentScope?> _scopes = scopes ?? (files is null ? static (_, _) => null : files.Of);

    /// <param name="cancellationToken">Checked between the design's sentences and the candidates: a caller that
    /// has gone (an HTTP client that disconnected) stops the work.</param>
    public ChecklistResult Checklist(ChecklistRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = DesignContext.Create(request.Design);
        var ranked = Rank(context, request, cancellationToken);
        return new ChecklistResult(ranked.Select(r => r.Candidate.ToItem()).ToList(), context.Facts);
    }

    public ReviewResult Review(ChecklistRequest request, CancellationToken cancellationToken = default) => Review(request, [], cancellationToken);

    /// <param name="read">Facts read apart from the design text (see <see cref="DesignContext.Create"/>).</param>
    public ReviewResult Review(ChecklistRequest request, IReadOnlyList<DesignFact> read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = DesignContext.Create(request.Design, read);
        var items = Rank(context, request, cancellationToken)
            .Select(r => DesignReviewer.ToReviewItem(r.Candidate, WithSourceLine(r.Candidate, r.Outcome)))
            .ToList();
        return new ReviewResult(items, DesignReviewer.Summarise(items), context.Facts);
    }

    /// <summary>The outcome with its rule quote cited at the line of the quoted sentence in the source file (not its heading), when found.</summary>
    private CheckOutcome WithSourceLine(Candidate candidate, CheckOutcome outcome) =>
        outcome.Rule is { } rule && files?.LineOf(candidate.Root, candidate.Path, rule.Line, rule.Quote) is { } line
            ? outcome with { Rule = rule with { Line = line } }
            : outcome;

    private List<(Candidate Candidate, CheckOutcome Outcome)> Rank(DesignContext context, ChecklistRequest request, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(request.Limit, 1, ToolContract.ChecklistLimitMax);
        var candidates = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        var t = _tuning;

        if (context.Sentences.Count > 1 || context.Facts.Count == 0)
        {
            Gather(context.Text, t.WholeWeight, candidates, request.Root, whole: true);
        }

        foreach (var sentence in context.Sentences)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Gather(sentence.Text, t.SentenceWeight, candidates, request.Root, whole: false);
            var clauses = DesignText.Clauses(sentence.Text);
            if (clauses.Count > 1)
            {
                foreach (var clause in clauses)
                {
                    Gather(clause, t.ClauseWeight, candidates, request.Root, whole: false);
                }
            }
        }

        foreach (var query in FactTopics.Queries(context.Facts))
        {
            Gather(query, t.FactWeight, candidates, request.Root, whole: false);
        }

        var scored = new List<(Candidate, CheckOutcome)>();
        foreach (var c in candidates.Values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // A document that declares what it governs applies only to designs that name it (a component, a technology, a path).
            var scope = _scopes(c.Root, c.Path);
            if (scope is not null && !scope.Covers(context.Text))
            {
                continue;
            }

            var outcome = DesignReviewer.Evaluate(c, context);
            if (scope is null && c.IsDecision && !IsAboutItsSubject(c, outcome))
            {
                continue;
            }

            // A rejected decision applies to a design only as the record of what the design brings back.
            if (c.Decision?.Status == DecisionStatus.Rejected && outcome.Verdict != Verdicts.Violated)
            {
                continue;
            }

            var mentions = FactTopics.Mentions(c.Statement, context.Facts);
            c.Boost = Math.Min(mentions, 3) * t.TopicBoost
                + (outcome.Verdict == Verdicts.Violated ? t.ViolationBoost : 0)
                + (outcome.Verdict == Verdicts.Met ? t.MetBoost : 0);
            c.Score = (t.WholeFactor * c.Whole) + c.Best + (t.SumFactor * Math.Min(c.Sum, t.SumCap)) + c.Boost;
            scored.Add((c, outcome));
        }

        return scored
            .OrderByDescending(s => s.Item1.Score)
            .ThenBy(s => s.Item1.Path, StringComparer.Ordinal)
            .ThenBy(s => s.Item1.Id, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
    }

    /// <summary>
    /// A decision that declares no scope applies only to a design about its subject: the whole design, or one of its
    /// sentences, must rank the decision at least <see cref="ChecklistTuning.DecisionFloor"/> of the best-matching
    /// file. A decision the design goes against is about it by that finding. Rules are not held to it: they are
    /// ranked against each other, so the best rule for any design scores 1.
    /// </summary>
    private bool IsAboutItsSubject(Candidate c, CheckOutcome outcome) =>
        outcome.Verdict == Verdicts.Violated || Math.Max(c.Whole, c.Best) >= _tuning.DecisionFloor;

    private void Gather(string query, double weight, Dictionary<string, Candidate> candidates, string? root, bool whole)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return;
        }

        var rules = retriever.FindRules(query, _tuning.RulesPerQuery, root);
        var decisions = retriever.FindDecisions(query, _tuning.DecisionsPerQuery, root);
        // Rules are normalised by the best rule; decisions come scored against the best file of any kind (1 = it),
        // so a decision that only matches weakly does not count as much as the best rule.
        var ruleMax = rules.Count > 0 ? rules.Max(r => r.Score) : 0;
        foreach (var r in rules)
        {
            var kindFactor = r.Rule.DocumentKind == DocumentKind.Standard ? 1.0 : _tuning.GuideFactor;
            Accumulate(candidates, Candidate.For(r.Rule), weight * kindFactor * r.Score / ruleMax, whole);
        }

        foreach (var d in decisions)
        {
            var inForce = InForce(d);
            if (inForce is null)
            {
                continue;
            }

            var statusWeight = inForce.Value.Decision.Status == DecisionStatus.Proposed ? _tuning.ProposedFactor : 1.0;
            Accumulate(candidates, Candidate.For(inForce.Value.Decision, inForce.Value.Text), weight * statusWeight * d.Score, whole);
        }
    }

    /// <summary>
    /// The decision for a hit: itself when accepted, proposed or rejected (kept to catch a design that re-proposes it),
    /// its successor when superseded; none when deprecated.
    /// </summary>
    private (DecisionRecord Decision, string Text)? InForce(ScoredDecision hit)
    {
        var decision = hit.Decision;
        var text = hit.Text;
        if (decision.Status == DecisionStatus.Superseded)
        {
            var successor = retriever.InForce(decision);
            if (successor.Path == decision.Path && successor.Root == decision.Root)
            {
                return null;
            }

            decision = successor;
            text = "";
        }

        return decision.Status is DecisionStatus.Deprecated or DecisionStatus.Superseded ? null : (decision, text);
    }

    private static void Accumulate(Dictionary<string, Candidate> candidates, Candidate fresh, double score, bool whole)
    {
        if (!candidates.TryGetValue(fresh.Key, out var c))
        {
            c = fresh;
            candidates[fresh.Key] = c;
        }
        else if (c.IsDecision && c.DecisionText.Length == 0 && fresh.DecisionText.Length > 0)
        {
            c = fresh.WithScoresOf(c);
            candidates[fresh.Key] = c;
        }

        if (whole)
        {
            c.Whole = Math.Max(c.Whole, score);
            return;
        }

        c.Best = Math.Max(c.Best, score);
        c.Sum += score;
    }
}

/// <summary>Weights of the ranking (defaults tuned on the development queries; exposed for experiments).</summary>
internal sealed record ChecklistTuning
{
    public int RulesPerQuery { get; init; } = 25;
    public int DecisionsPerQuery { get; init; } = 10;
    public double WholeWeight { get; init; } = 1.0;
    public double SentenceWeight { get; init; } = 1.0;
    public double ClauseWeight { get; init; } = 0.8;
    public double FactWeight { get; init; } = 0.7;
    public double WholeFactor { get; init; } = 0.6;
    public double SumFactor { get; init; } = 0.25;
    public double SumCap { get; init; } = 3.0;
    public double TopicBoost { get; init; } = 0.15;
    public double ViolationBoost { get; init; } = 0.8;
    public double MetBoost { get; init; } = 0.1;
    public double ProposedFactor { get; init; } = 0.6;

    /// <summary>
    /// Least relevance of a decision without a declared scope, as a share of the best-matching file's score for the
    /// whole design or one of its sentences (how it was measured: README, "Quality").
    /// </summary>
    public double DecisionFloor { get; init; } = 0.25;

    /// <summary>Weight of rules drawn from guides and reference architectures (sections, not standards).</summary>
    public double GuideFactor { get; init; } = 0.85;
}
