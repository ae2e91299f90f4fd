using System.Text.RegularExpressions;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Checklists;

/// <summary>A rule naming what to use (a product, a language, a format) while the design uses something else of the same kind.</summary>
internal static partial class SubstitutionChecks
{
    /// <summary>
    /// "MUST provide API specifications using OpenAPI" while the design documents the API on Confluence. A product the
    /// rule only restricts ("use Redis only as a cache") is not asked for.
    /// </summary>
    public static CheckOutcome? Technology(Candidate c, DesignContext d)
    {
        if (DesignReviewer.IsProhibition(c) || c.Level == RuleLevel.May)
        {
            return null;
        }

        var statement = c.Statement;
        var wanted = Technologies.Find(statement)
            .Where(t => UseCue().IsMatch(statement[..t.Index]) && !DesignReviewer.Negation.IsMatch(statement[..t.Index])
                && !OnlyFor().IsMatch(statement[t.Index..]))
            .ToList();
        if (wanted.Count == 0)
        {
            return null;
        }

        // A decision title naming several products ("Use ElastiCache for Redis", "Use ACM … on ELBs") does not say which
        // one replaces what: a substitution is judged only against a single chosen product.
        if (c.IsDecision && wanted.Count != 1)
        {
            return null;
        }

        var designed = d.Of(FactKinds.Technology).Select(f => (Fact: f, Found: Technologies.Find(f.Value).FirstOrDefault())).ToList();
        var rule = DesignReviewer.RuleQuote(c, null);
        var used = designed.FirstOrDefault(x => wanted.Any(w => string.Equals(w.Name, x.Fact.Value, StringComparison.OrdinalIgnoreCase)));
        if (used.Fact is not null)
        {
            // Naming the product a decision chose is its topic, not evidence that the design follows the decision's outcome.
            if (c.IsDecision)
            {
                return null;
            }

            return DesignReviewer.Met($"The design uses {used.Fact.Value} as the rule asks.", DesignContext.Quote(used.Fact), rule);
        }

        var other = designed.FirstOrDefault(x => x.Found.Name is not null && wanted.Any(w => w.Category == x.Found.Category));
        return other.Fact is null ? null
            : DesignReviewer.Violated($"The design uses {other.Fact.Value} where the rule asks for {string.Join(" or ", wanted.Select(w => w.Name))}.", DesignContext.Quote(other.Fact), rule);
    }

    /// <summary>"MUST write APIs using U.S. English" while the design writes descriptions in German.</summary>
    public static CheckOutcome? NaturalLanguage(Candidate c, DesignContext d)
    {
        if (!English().IsMatch(c.Statement) || DesignReviewer.IsProhibition(c))
        {
            return null;
        }

        var fact = d.First(FactKinds.NaturalLanguage, "non-english");
        return fact is null ? null
            : DesignReviewer.Violated("The design writes in another language than the one the rule asks for.", DesignContext.Quote(fact), DesignReviewer.RuleQuote(c, null));
    }

    /// <summary>
    /// Secrets kept in plain text while the sentence where the rule or decision states its requirement
    /// (<see cref="DesignReviewer.RequirementSentence"/>) has secrets encrypted or kept in a secrets store (a sentence
    /// that only names a tool, "brew install sops", or encrypts something else with keys, is not about secrets).
    /// </summary>
    public static CheckOutcome? PlaintextSecrets(Candidate c, DesignContext d)
    {
        var fact = d.First(FactKinds.Security, "plaintext-secret");
        var sentence = fact is null ? null : DesignReviewer.RequirementSentence(c, s => Protection().IsMatch(s) && SecretWords().IsMatch(s));
        return sentence is null ? null
            : DesignReviewer.Violated("The design keeps secrets in plain text; this asks for them to be encrypted or kept in a secrets store.",
                DesignContext.Quote(fact!), new Evidence(Candidate.OneLine(sentence), c.Line));
    }

    /// <summary>Epoch timestamps against a standard date format rule; floats for money against a money rule.</summary>
    public static CheckOutcome? DataFormats(Candidate c, DesignContext d)
    {
        if (DateRule().IsMatch(c.Statement) && d.First(FactKinds.DataFormat, "epoch-timestamp") is { } epoch)
        {
            return DesignReviewer.Violated("Dates are epoch numbers, not the standard date-time format the rule asks for.", DesignContext.Quote(epoch), DesignReviewer.RuleQuote(c, null));
        }

        if (MoneyRule().IsMatch(c.Statement) && d.First(FactKinds.DataFormat, "float-money") is { } money)
        {
            return DesignReviewer.Violated("Money is a plain floating-point number, not the money representation the rule asks for.", DesignContext.Quote(money), DesignReviewer.RuleQuote(c, null));
        }

        return null;
    }

    [GeneratedRegex(@"\b(use|uses|using|written in|write|in|via|with|adopt|choose|prefer)\b", RegexOptions.IgnoreCase)]
    private static partial Regex UseCue();

    /// <summary>A product named and then restricted: "Redis only as a cache", "Kafka only for events".</summary>
    [GeneratedRegex(@"^[\w.+#-]+(?:\s[\w.+#-]+)?\s+only\s+(as|for|when|in|to|between|within)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OnlyFor();

    [GeneratedRegex(@"\b(english|en-us|en-gb)\b", RegexOptions.IgnoreCase)]
    private static partial Regex English();

    /// <summary>Encryption, or keeping something in a secrets store ("update sops" names the tool, it protects nothing).</summary>
    [GeneratedRegex(@"\bencrypt\w*|\b(in|into|with|using|via|through|from)\s+(an?\s+|the\s+)?(secrets? (manager|store|vault)|vault|sops|kms|key management)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Protection();

    /// <summary>Secrets as words, not as part of a name ("govuk-secrets"), nor keys as the means ("encrypt data with keys").</summary>
    [GeneratedRegex(@"(?<![\w-])(?<!\b(with|using|by|via)\s+)(secrets?|sensitive|credentials?|passwords?|keys?)(?![\w-])", RegexOptions.IgnoreCase)]
    private static partial Regex SecretWords();

    /// <summary>A rule on formats of points in time (dates, date-times, timestamps), not of durations or intervals.</summary>
    [GeneratedRegex(@"\b(date|date-time|datetime|timestamp)s?\b.{0,40}\b(format|standard|rfc|iso)|\b(format|standard|rfc|iso)\w*\b.{0,40}\b(date|date-time|datetime|timestamp)s?\b", RegexOptions.IgnoreCase)]
    private static partial Regex DateRule();

    [GeneratedRegex(@"\b(money|monetary|currency|currencies)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MoneyRule();
}
