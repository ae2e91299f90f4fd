using System.Text.RegularExpressions;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Checklists;

/// <summary>Verdicts for one rule or decision against a design: deterministic checks first, then topical overlap.</summary>
internal static partial class DesignReviewer
{
    private static readonly Func<Candidate, DesignContext, CheckOutcome?>[] Checks =
    [
        NamingChecks.Casing,
        NamingChecks.LowercaseGrammar,
        UrlChecks.VerbInPath,
        UrlChecks.Versioning,
        NamingChecks.PackageVersion,
        UrlChecks.ForbiddenLiteral,
        ContentChecks.TopLevelArray,
        ContentChecks.StatusCodeForSituation,
        ContentChecks.ProblemDetails,
        ContentChecks.Retention,
        ContentChecks.ImageDigest,
        ContentChecks.ShortLivedCredentials,
        RequirementChecks.PlaintextTransport,
        RequirementChecks.CertificateValidation,
        RequirementChecks.RequiredSetting,
        RequirementChecks.DeclinedMeans,
        RequirementChecks.ForbiddenInText,
        DecisionChecks.ReplacedOrRejected,
        DecisionChecks.ReProposesOption,
        DecisionChecks.Hosting,
        BaseImageChecks.OtherVariant,
        SubstitutionChecks.Technology,
        SubstitutionChecks.NaturalLanguage,
        SubstitutionChecks.PlaintextSecrets,
        SubstitutionChecks.DataFormats,
        DataContractChecks.SensitiveData,
        DataContractChecks.BreakingChange,
        DataContractChecks.Duplicates,
        DataContractChecks.NullForbidden,
        ContentChecks.NegatedPhrase,
    ];

    public static CheckOutcome Evaluate(Candidate candidate, DesignContext context)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(context);
        if (candidate.Decision?.Status == DecisionStatus.Rejected)
        {
            // A rejected decision binds nothing: its only verdict is whether the design brings back what it rejected.
            return DecisionChecks.ReProposesRejected(candidate, context)
                ?? new CheckOutcome(Verdicts.NotAddressed, "The design does not bring back what this decision rejected.", null, RuleQuote(candidate, null));
        }

        CheckOutcome? met = null;
        foreach (var check in Checks)
        {
            var outcome = check(candidate, context);
            if (outcome?.Verdict == Verdicts.Violated)
            {
                return outcome;
            }

            met ??= outcome;
        }

        return met ?? Topical(candidate, context);
    }

    private static CheckOutcome Topical(Candidate candidate, DesignContext context)
    {
        var statementWords = Words.Content(candidate.Statement);
        var (sentence, shared) = context.Closest(candidate.Statement);
        var strong = shared >= 2 || (shared >= 1 && (statementWords.Count <= 3 || candidate.Best >= 0.6));
        if (sentence is not null && strong)
        {
            return new CheckOutcome(Verdicts.NeedsJudgement, "The design touches this subject; check it against the rule by hand.",
                DesignContext.Quote(sentence), RuleQuote(candidate, null));
        }

        return new CheckOutcome(Verdicts.NotAddressed, "The design says nothing about this.", null, RuleQuote(candidate, null));
    }

    public static ReviewItem ToReviewItem(Candidate candidate, CheckOutcome outcome) => new()
    {
        Item = candidate.ToItem(),
        Verdict = outcome.Verdict,
        Reason = outcome.Reason,
        Design = outcome.Design,
        Rule = outcome.Rule ?? RuleQuote(candidate, null),
    };

    public static RiskSummary Summarise(IReadOnlyList<ReviewItem> items)
    {
        var violated = items.Where(i => i.Verdict == Verdicts.Violated).ToList();
        var high = violated.Count(i => i.Item.Level is "MUST" or "MUST NOT");
        var medium = violated.Count(i => i.Item.Level is "SHOULD" or "SHOULD NOT");
        var low = violated.Count - high - medium;
        var overall = high > 0 ? "high" : medium > 0 ? "medium" : "low";
        var judgement = items.Count(i => i.Verdict == Verdicts.NeedsJudgement);
        return new RiskSummary(overall, high, medium, low, violated.Count, judgement)
        {
            JudgedByRule = items.Count(i => i.Verdict is Verdicts.Met or Verdicts.Violated && i.JudgedBy is null),
            JudgedByModel = items.Count(i => i.JudgedBy == ModelJudgement.JudgedByModel),
        };
    }

    /// <summary>The sentence of the rule (statement first, then body) matching <paramref name="pattern"/>, quoted with the rule's line.</summary>
    public static Evidence RuleQuote(Candidate candidate, Regex? pattern)
    {
        var line = candidate.Line;
        if (pattern is null || pattern.IsMatch(candidate.Statement))
        {
            return new Evidence(Candidate.OneLine(candidate.Statement), line);
        }

        foreach (var sentence in RuleSentences(candidate.Body))
        {
            if (pattern.IsMatch(sentence))
            {
                return new Evidence(Candidate.OneLine(sentence), line);
            }
        }

        return new Evidence(Candidate.OneLine(candidate.Statement), line);
    }

    /// <summary>The first sentence of the rule (its statement, then its body) that <paramref name="says"/> accepts; null when none does.</summary>
    internal static string? RuleSentence(Candidate candidate, Func<string, bool> says) =>
        new[] { candidate.Statement }.Concat(RuleSentences(candidate.Body)).FirstOrDefault(says);

    /// <summary>
    /// The sentence where a rule states what <paramref name="says"/> accepts: a standard's statement alone when it states a
    /// requirement itself ("MUST rotate secrets every 90 days": its text explains that requirement, it adds no other),
    /// else the first sentence of statement and text that does (a heading such as "Authenticating with AWS" leaves the
    /// requirement to its text; a decision's title names it).
    /// </summary>
    internal static string? RequirementSentence(Candidate candidate, Func<string, bool> says) =>
        candidate.Rule is not null && Requires(candidate.Statement)
            ? (says(candidate.Statement) ? candidate.Statement : null)
            : RuleSentence(candidate, says);

    /// <summary>
    /// True when a rule sentence states a requirement (a modal, "make sure", or an imperative at its start) rather than
    /// describing what a tool can do ("if you are using the App, GitHub publishes an action that …").
    /// </summary>
    internal static bool Requires(string sentence) => Requirement().IsMatch(sentence);

    [GeneratedRegex(@"\b(must|should|shall|required?|make sure|ensure|always|never|do not|don't|avoid)\b|^\W*(use|keep|pin|limit|prefer|enable|store|encrypt|rotate|authenticate|publish|adopt|apply)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Requirement();

    /// <summary>Sentences of a rule text (split at sentence ends and line breaks).</summary>
    public static IEnumerable<string> RuleSentences(string text) =>
        RuleSentenceBreak().Split(text).Select(s => s.Trim()).Where(s => s.Length > 0);

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z`*(])|\n+")]
    private static partial Regex RuleSentenceBreak();

    internal static CheckOutcome Violated(string reason, Evidence design, Evidence rule) => new(Verdicts.Violated, reason, design, rule);

    internal static CheckOutcome Met(string reason, Evidence? design, Evidence rule) => new(Verdicts.Met, reason, design, rule);

    /// <summary>True when the rule's level or wording negates (MUST NOT, SHOULD NOT, DON'T, AVOID, never…).</summary>
    internal static bool IsProhibition(Candidate c) => c.Level is RuleLevel.MustNot or RuleLevel.ShouldNot;

    internal static readonly Regex Negation = new(@"\b(not|never|no|avoid|don't|do not|must not|should not|shall not|without)\b|\bnon-", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
