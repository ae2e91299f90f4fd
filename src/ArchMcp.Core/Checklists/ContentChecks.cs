using System.Text.RegularExpressions;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Checklists;

/// <summary>Checks on what responses, errors, retention, images and credentials a design states, and on what it does that a rule forbids.</summary>
internal static partial class ContentChecks
{
    private static readonly (string Situation, Regex Pattern)[] Situations =
    [
        ("bulk", new Regex(@"\b(bulk|batch\w*|partial\w*|multi-status|per[- ]item|some (items|entries|records) fail\w*)\b", RegexOptions.IgnoreCase)),
        ("rate-limit", new Regex(@"\b(rate[- ]limit\w*|quotas?|throttl\w*|too many requests)\b", RegexOptions.IgnoreCase)),
        ("async", new Regex(@"\b(asynchronous\w*|async|long[- ]running|accepted for processing)\b", RegexOptions.IgnoreCase)),
        ("creation", new Regex(@"\b(creat\w+ (a |the )?(new )?resources?|resource creation)\b", RegexOptions.IgnoreCase)),
    ];

    public static CheckOutcome? TopLevelArray(Candidate c, DesignContext d)
    {
        if (!TopLevelObject().IsMatch(c.Statement))
        {
            return null;
        }

        var fact = d.First(FactKinds.ResponseShape, "top-level-array");
        return fact is null ? null
            : DesignReviewer.Violated("The response is a top-level array; the rule asks for a JSON object at the top level.", DesignContext.Quote(fact), DesignReviewer.RuleQuote(c, null));
    }

    public static CheckOutcome? StatusCodeForSituation(Candidate c, DesignContext d)
    {
        var code = StatusCode().Match(c.Statement);
        if (!code.Success)
        {
            return null;
        }

        var situations = Situations.Where(s => s.Pattern.IsMatch(c.Statement)).ToList();
        if (situations.Count == 0)
        {
            return null;
        }

        foreach (var fact in d.Of(FactKinds.StatusCode))
        {
            if (!situations.Any(s => s.Pattern.IsMatch(fact.Sentence)))
            {
                continue;
            }

            var used = StatusCode().Match(fact.Value).Value;
            return used == code.Value
                ? DesignReviewer.Met($"The design answers {used} as the rule asks.", DesignContext.Quote(fact), DesignReviewer.RuleQuote(c, null))
                : DesignReviewer.Violated($"The design answers {fact.Value} where the rule asks for {code.Value}.", DesignContext.Quote(fact), DesignReviewer.RuleQuote(c, null));
        }

        return null;
    }

    public static CheckOutcome? ProblemDetails(Candidate c, DesignContext d)
    {
        if (!ProblemFormat().IsMatch(c.Statement))
        {
            return null;
        }

        var fact = d.Of(FactKinds.ErrorResponse).FirstOrDefault(f => f.Value is "html-error-page" or "plain-text-error");
        return fact is null ? null
            : DesignReviewer.Violated("Errors are not returned in the problem format the rule asks for.", DesignContext.Quote(fact), DesignReviewer.RuleQuote(c, null));
    }

    /// <summary>A retention period longer than the limit the rule states ("no more than 7 days for non-production").</summary>
    public static CheckOutcome? Retention(Candidate c, DesignContext d)
    {
        var periods = d.Of(FactKinds.Retention).ToList();
        if (periods.Count == 0 || !RetentionWords().IsMatch(c.FullText))
        {
            return null;
        }

        var limits = new List<(double Days, string Sentence, string Amount)>();
        foreach (var sentence in DesignReviewer.RuleSentences(c.Statement + "\n" + c.Body))
        {
            foreach (Match m in Limit().Matches(sentence))
            {
                var days = PhraseFacts.ToDays(m.Groups["amount"].Value);
                if (days is not null)
                {
                    limits.Add((days.Value, sentence, m.Groups["amount"].Value));
                }
            }
        }

        if (limits.Count == 0)
        {
            return null;
        }

        foreach (var period in periods)
        {
            var days = PhraseFacts.ToDays(period.Value);
            if (days is null)
            {
                continue;
            }

            // Prefer the limit whose qualifiers (production, non-production, audit…) match the design sentence; else the most lenient.
            var qualifiers = Qualifiers(period.Sentence);
            var matching = limits.Where(l => qualifiers.Count > 0 && Qualifiers(l.Sentence).SetEquals(qualifiers)).ToList();
            var limit = (matching.Count > 0 ? matching : limits).MaxBy(l => l.Days);
            var rule = new Evidence(Candidate.OneLine(limit.Sentence), c.Line);
            return days > limit.Days
                ? DesignReviewer.Violated($"The design keeps data for {period.Value}; the rule allows at most {limit.Amount}.", DesignContext.Quote(period), rule)
                : DesignReviewer.Met($"{period.Value} is within the {limit.Amount} the rule allows.", DesignContext.Quote(period), rule);
        }

        return null;
    }

    public static CheckOutcome? ImageDigest(Candidate c, DesignContext d)
    {
        if (!Digest().IsMatch(c.FullText) || !PinWords().IsMatch(c.FullText))
        {
            return null;
        }

        var rule = DesignReviewer.RuleQuote(c, Digest());
        var images = d.Of(FactKinds.ContainerImage).ToList();
        var tagOnly = images.FirstOrDefault(f => f.Value.StartsWith("tag-only", StringComparison.Ordinal))
            ?? d.Facts.FirstOrDefault(f => NoDigest().IsMatch(f.Sentence));
        if (tagOnly is not null)
        {
            return DesignReviewer.Violated("The base image is referenced by tag only, not pinned by digest.", DesignContext.Quote(tagOnly), rule);
        }

        return images.Count > 0 ? DesignReviewer.Met("Images are pinned by digest.", DesignContext.Quote(images[0]), rule) : null;
    }

    /// <summary>
    /// Long-lived credentials against the sentence where the rule requires short-lived ones for authenticating or
    /// publishing ("you must authenticate using OIDC", <see cref="DesignReviewer.RequirementSentence"/>); a sentence that
    /// only describes them ("if you are using the App, GitHub can generate a short-lived token"), that is about people
    /// signing on ("authenticate users through the identity provider with OpenID Connect") or that names another kind of
    /// credential than the design's (token lifetimes against an access key) is no such rule; nor, for a design that
    /// says nothing of CI, a sentence confined to CI pipelines or workflows.
    /// </summary>
    public static CheckOutcome? ShortLivedCredentials(Candidate c, DesignContext d)
    {
        var longLived = d.Of(FactKinds.Security).FirstOrDefault(f => f.Value is "long-lived-credential" or "access-key" or "personal-access-token");
        var inCi = d.Sentence(CiSetting()) is not null || d.Of(FactKinds.Technology).Any(f => Technologies.Find(f.Value).Any(t => t.Category == Technologies.Delivery));
        var sentence = DesignReviewer.RequirementSentence(c, s => ShortLived().IsMatch(s) && CredentialUse().IsMatch(s) && DesignReviewer.Requires(s)
            && !PeopleSignOn().IsMatch(s) && (longLived is null || SameKind(longLived.Value, s)) && (inCi || !CiSetting().IsMatch(s)));
        if (sentence is null)
        {
            return null;
        }

        var rule = new Evidence(Candidate.OneLine(sentence), c.Line);
        if (longLived is not null)
        {
            return DesignReviewer.Violated("The design uses long-lived credentials where the rule asks for short-lived ones (OIDC / trusted publishing).", DesignContext.Quote(longLived), rule);
        }

        var oidc = d.First(FactKinds.Security, "oidc");
        return oidc is null ? null : DesignReviewer.Met("The design uses OIDC / short-lived credentials.", DesignContext.Quote(oidc), rule);
    }

    /// <summary>
    /// True when a rule sentence that names kinds of credential names the design's kind: keys for an access key,
    /// tokens for a personal access token, any for a long-lived credential; a sentence naming none (only
    /// "authenticate", "publish") is about every kind.
    /// </summary>
    private static bool SameKind(string fact, string sentence)
    {
        var named = CredentialKind().Matches(sentence).Select(m => m.Value.ToLowerInvariant().TrimEnd('s')).ToHashSet(StringComparer.Ordinal);
        return named.Count == 0 || named.Contains("credential") || fact switch
        {
            "access-key" => named.Contains("key"),
            "personal-access-token" => named.Contains("token"),
            _ => true,
        };
    }

    /// <summary>A prohibition ("MUST NOT expose stack traces") whose subject words all appear in one design sentence.</summary>
    public static CheckOutcome? NegatedPhrase(Candidate c, DesignContext d)
    {
        var phrase = c.Statement;
        if (!DesignReviewer.IsProhibition(c))
        {
            var m = NegatedStatement().Match(c.Statement);
            if (!m.Success)
            {
                return null;
            }

            phrase = m.Groups["rest"].Value;
        }

        var words = Words.Content(phrase);
        words.ExceptWith(GenericVerbs);
        if (words.Count < 2 || words.Count > 4)
        {
            return null;
        }

        var hit = d.Sentences.FirstOrDefault(s => words.IsSubsetOf(Words.Content(s.Text)));
        return hit is null ? null
            : DesignReviewer.Violated("The design does what the rule forbids.", DesignContext.Quote(hit), DesignReviewer.RuleQuote(c, null));
    }

    private static readonly HashSet<string> GenericVerbs = new(StringComparer.Ordinal)
    {
        "expose", "provide", "include", "return", "send", "put", "add", "write", "let", "allow", "rely", "assume", "create", "define", "introduce",
        "mix", "depend", "contain", "api", "apis", "service", "system", "data",
    };

    private static HashSet<string> Qualifiers(string sentence) =>
        QualifierWords().Matches(sentence.ToLowerInvariant()).Select(m => m.Value.Replace(" ", "-")).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\btop[- ]level\b.{0,40}\bobjects?\b|\bobjects?\b.{0,40}\btop[- ]level\b|\b(root|outermost)\b.{0,30}\bobject", RegexOptions.IgnoreCase)]
    private static partial Regex TopLevelObject();

    [GeneratedRegex(@"\b[1-5]\d\d\b")]
    private static partial Regex StatusCode();

    [GeneratedRegex(@"\bproblem[ +]?json\b|\bproblem details\b|application/problem|\brfc ?(7807|9457)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ProblemFormat();

    [GeneratedRegex(@"\b(retention|retain\w*|store\w*|storage|kept|keep|queryable|logs?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RetentionWords();

    [GeneratedRegex(@"\b(no more than|not more than|at most|maximum( of)?|max\.?|up to|not exceed(ing)?|less than|fewer than|no longer than|within)\s+(?<amount>\d+(?:\.\d+)?[\s-]*(hours?|days?|weeks?|months?|years?))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Limit();

    [GeneratedRegex(@"\b(non[- ]?production|production|staging|test|development|audit|security)\b")]
    private static partial Regex QualifierWords();

    [GeneratedRegex(@"\bdigests?\b|@sha256|\bsha256\b", RegexOptions.IgnoreCase)]
    private static partial Regex Digest();

    [GeneratedRegex(@"\b(pin\w*|immutable|from|base images?|tags?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PinWords();

    [GeneratedRegex(@"\bno digest\b|\btag[- ]only\b|\bwithout (a |the )?digest\b|:latest\b", RegexOptions.IgnoreCase)]
    private static partial Regex NoDigest();

    [GeneratedRegex(@"\boidc\b|\bopenid connect\b|\bshort[- ]lived\b|\btrusted publish\w*|\bworkload identity\b|\bfederated (credentials?|identity)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ShortLived();

    [GeneratedRegex(@"\b(credentials?|tokens?|keys?|secrets?|passwords?|authenticat\w*|publish\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CredentialUse();

    [GeneratedRegex(@"\b(credentials?|tokens?|keys?|secrets?|passwords?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CredentialKind();

    /// <summary>Continuous integration as a setting: CI, pipelines, workflows.</summary>
    [GeneratedRegex(@"\b(ci|ci/cd|pipelines?|workflows?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CiSetting();

    /// <summary>People signing on ("authenticate users", "staff sign in", single sign-on), not a workload or pipeline authenticating.</summary>
    [GeneratedRegex(@"\b(authenticat\w*|sign(s|ing)?[- ]?(in|on)|log(s|ging)?[- ]?in)\s+(the\s+|all\s+|our\s+)?(users?|people|humans?|employees?|staff|customers?)\b|\b(users?|people|humans?|employees?|staff|customers?)\s+(sign|log)(s|ging)?[- ]?(in|on)\b|\bsingle sign-on\b|\bsso\b", RegexOptions.IgnoreCase)]
    private static partial Regex PeopleSignOn();

    [GeneratedRegex(@"\b(must not|mustn't|should not|shouldn't|shall not|do not|don't|never|avoid|not)\s+(?<rest>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex NegatedStatement();
}
