using System.Text.RegularExpressions;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Checklists;

/// <summary>
/// A design that states it does without what a rule requires, or does what a rule's own sentence forbids:
/// plain-text transport against an encryption-in-transit rule, "without an outbox" against "publish through an
/// outbox", "we store passwords" against "services never store passwords".
/// </summary>
internal static partial class RequirementChecks
{
    /// <summary>Unencrypted transport (plain HTTP, http:// URLs, "without TLS") against a rule that requires TLS / encryption in transit.</summary>
    public static CheckOutcome? PlaintextTransport(Candidate c, DesignContext d)
    {
        if (DesignReviewer.IsProhibition(c) || !TransportEncryption().IsMatch(c.Statement))
        {
            return null;
        }

        var hit = d.Sentence(PlainTransport());
        return hit is null ? null
            : DesignReviewer.Violated("The design sends traffic unencrypted; the rule requires encryption in transit.", DesignContext.Quote(hit),
                DesignReviewer.RuleQuote(c, TransportEncryption()));
    }

    /// <summary>
    /// Certificate validation turned off (<c>InsecureSkipVerify: true</c>, <c>verify=False</c>, "validation is disabled")
    /// against a rule whose statement is about validating TLS certificates — one forbidding to disable it or one requiring it.
    /// </summary>
    public static CheckOutcome? CertificateValidation(Candidate c, DesignContext d)
    {
        if (c.Level == RuleLevel.May || !CertificateValidationRule().IsMatch(c.Statement))
        {
            return null;
        }

        var fact = d.First(FactKinds.Security, SecurityFacts.CertificateValidationDisabled);
        return fact is null ? null
            : DesignReviewer.Violated("The design turns TLS certificate validation off.", DesignContext.Quote(fact), DesignReviewer.RuleQuote(c, null));
    }

    /// <summary>
    /// A setting the rule requires, written as <c>`key=value`</c> in its statement or in a sentence of its text that does
    /// not negate it nor give it under a condition (<see cref="ClauseAt"/>), while the change sets that key to another value. A key in the change matches when it is the rule's
    /// key or ends with it under a prefix (<c>spring.kafka.producer.acks</c> is <c>acks</c>), word by word
    /// (<see cref="NamesSetting"/>); values compare without case.
    /// </summary>
    public static CheckOutcome? RequiredSetting(Candidate c, DesignContext d)
    {
        var settings = d.Of(FactKinds.Setting).ToList();
        if (settings.Count == 0 || DesignReviewer.IsProhibition(c) || c.Level == RuleLevel.May)
        {
            return null;
        }

        CheckOutcome? met = null;
        foreach (var sentence in new[] { c.Statement }.Concat(DesignReviewer.RuleSentences(c.Body).Take(10)))
        {
            foreach (Match m in SettingSpan().Matches(sentence))
            {
                if (DesignReviewer.Negation.IsMatch(sentence[..m.Index]) || Conditional().IsMatch(ClauseAt(sentence, m.Index)))
                {
                    continue;
                }

                var (key, value) = (m.Groups["key"].Value, m.Groups["value"].Value);
                foreach (var fact in settings)
                {
                    var set = fact.Value.Split('=', 2);
                    if (!NamesSetting(set[0], key))
                    {
                        continue;
                    }

                    var rule = new Evidence(Candidate.OneLine(sentence), c.Line);
                    if (!set[1].Equals(value, StringComparison.OrdinalIgnoreCase))
                    {
                        return DesignReviewer.Violated($"The change sets {set[0]} to {set[1]}; the rule requires {key}={value}.", DesignContext.Quote(fact), rule);
                    }

                    met ??= DesignReviewer.Met($"The change sets {key}={value} as the rule requires.", DesignContext.Quote(fact), rule);
                }
            }
        }

        return met;
    }

    /// <summary>
    /// The clause of <paramref name="sentence"/> (between semicolons) holding <paramref name="index"/>: the setting a clause
    /// gives under a condition ("`cdc` topics … use `cleanup.policy=compact` instead", "the default is …", "if …") is
    /// required only of what meets the condition, which a change's settings do not tell — so it is not read as required.
    /// </summary>
    private static string ClauseAt(string sentence, int index)
    {
        var start = sentence.LastIndexOf(';', index) + 1;
        var end = sentence.IndexOf(';', index);
        return sentence[start..(end < 0 ? sentence.Length : end)];
    }

    /// <summary>
    /// True when the change's key is the rule's or ends with it under a prefix, word by word: configuration systems
    /// spell one key with dots, dashes, underscores or case changes alike (<c>enable.auto.commit</c> is Spring's
    /// <c>spring.kafka.consumer.enable-auto-commit</c>).
    /// </summary>
    private static bool NamesSetting(string changed, string rule)
    {
        var words = NamingStyles.Words(changed);
        var wanted = NamingStyles.Words(rule);
        return wanted.Count > 0 && words.Count >= wanted.Count
            && words.Skip(words.Count - wanted.Count).SequenceEqual(wanted, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The means a rule requires ("through a transactional outbox", "with TLS") named by the design only to say it goes
    /// without it ("without an outbox", "no TLS"). Only the part of the statement before any negation counts as required.
    /// </summary>
    public static CheckOutcome? DeclinedMeans(Candidate c, DesignContext d)
    {
        if (DesignReviewer.IsProhibition(c))
        {
            return null;
        }

        var required = DesignReviewer.Negation.Split(c.Statement)[0];
        var means = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in Means().Matches(required))
        {
            means.UnionWith(Words.Content(m.Groups["means"].Value));
        }

        means.ExceptWith(Generic);
        if (means.Count == 0)
        {
            return null;
        }

        foreach (var sentence in d.Sentences)
        {
            foreach (Match m in Without().Matches(sentence.Text))
            {
                // Every content word of what the design declines must name the required means: "without an outbox"
                // declines "a transactional outbox", "without any extra headers" does not decline "an If-Match header".
                var declined = Words.Content(m.Groups["what"].Value);
                declined.ExceptWith(Generic);
                if (declined.Count > 0 && declined.IsSubsetOf(means))
                {
                    return DesignReviewer.Violated($"The design goes {m.Value.Trim()}; the rule requires it.", DesignContext.Quote(sentence), DesignReviewer.RuleQuote(c, null));
                }
            }
        }

        return null;
    }

    /// <summary>
    /// A sentence of the rule's text that forbids an action ("Services never store user passwords themselves") while a
    /// design sentence, not itself negated, names all of that action's words — the people a system serves named by any
    /// of their usual words (<see cref="PeopleServed"/>: a rule on users' passwords is one on customers' passwords).
    /// </summary>
    public static CheckOutcome? ForbiddenInText(Candidate c, DesignContext d)
    {
        foreach (var ruleSentence in DesignReviewer.RuleSentences(c.Body).Take(30))
        {
            var m = Forbids().Match(ruleSentence);
            if (!m.Success)
            {
                continue;
            }

            var words = ActionWords(m.Groups["action"].Value);
            words.ExceptWith(Generic);
            if (words.Count < 2 || words.Count > 4)
            {
                continue;
            }

            var hit = d.Sentences.FirstOrDefault(s => words.IsSubsetOf(ActionWords(s.Text)) && !DesignReviewer.Negation.IsMatch(s.Text));
            if (hit is not null)
            {
                return DesignReviewer.Violated("The design does what the rule's text forbids.", DesignContext.Quote(hit),
                    new Evidence(Candidate.OneLine(ruleSentence), c.Line));
            }
        }

        return null;
    }

    /// <summary>Content words, each word for the people a system serves read as "user".</summary>
    private static HashSet<string> ActionWords(string text) =>
        Words.Content(text).Select(w => PeopleServed.Contains(w) ? "user" : w).ToHashSet(StringComparer.Ordinal);

    /// <summary>Words (stemmed) for the people a system serves: its users, under whatever name the design gives them.</summary>
    private static readonly HashSet<string> PeopleServed = new(StringComparer.Ordinal)
    {
        "user", "end-user", "customer", "member", "employee", "staff", "person", "people", "citizen", "patient",
    };

    private static readonly HashSet<string> Generic = new(StringComparer.Ordinal)
    {
        "themselve", "themselves", "itself", "ourselve", "ourselves", "service", "system", "data", "application", "way", "approach", "higher", "lower",
        "1.2", "1.3", "2.0", "thing", "it",
    };

    /// <summary>A statement about validating (verifying) TLS certificates, host names or certificate chains.</summary>
    [GeneratedRegex(@"\b(certificates?|certs?|tls|ssl|host ?names?|chains?)\b.{0,20}\b(validation|verification|validat\w*|verif\w*)\b|\b(validat\w*|verif\w*)\b.{0,30}\b(certificates?|certs?|host ?names?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CertificateValidationRule();

    /// <summary>
    /// One setting: a code span <c>`key=value`</c> or <c>`key: value`</c>, or a bare <c>key=value</c> token (rule text
    /// read from Markdown has lost its code spans; prose puts no equals sign between two words without spaces), which
    /// ends before a closing bracket or quote around it ("(enable.auto.commit=false)" sets false).
    /// </summary>
    [GeneratedRegex(@"`(?<key>[A-Za-z_][\w.\-]*)\s*(?:=|:\s)\s*(?<value>[^`\s,;]+)`|(?<![\w.\-=`])(?<key>[A-Za-z_][\w.\-]*)=(?<value>[^\s,;`=]*[^\s,;`=.)\]'""])")]
    private static partial Regex SettingSpan();

    /// <summary>Words that make what a clause says hold only in some cases: a condition, a default, an alternative, an example.</summary>
    [GeneratedRegex(@"\b(if|when|whenever|unless|where|instead|otherwise|defaults?|for example|for instance|such as)\b|\be\.g\.", RegexOptions.IgnoreCase)]
    private static partial Regex Conditional();

    [GeneratedRegex(@"\b(tls|https|ssl|mtls|encrypt\w*\b.{0,40}\bin transit|in transit\b.{0,40}\bencrypt\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TransportEncryption();

    [GeneratedRegex(@"\bplain(-|\s)?(text\s+)?http\b|\bhttp://|\bunencrypted\s+(traffic|connections?|http|transport|channels?|links?)\b|\bwithout\s+(tls|https|ssl|encryption)\b|\bno\s+(tls|https|ssl)\b|\bcleartext\b|\bin clear text\b", RegexOptions.IgnoreCase)]
    private static partial Regex PlainTransport();

    [GeneratedRegex(@"\b(through|with|using|via|behind)\s+(?<means>(an?\s+|the\s+)?[\w-]+(\s+[\w-]+)?)", RegexOptions.IgnoreCase)]
    private static partial Regex Means();

    [GeneratedRegex(@"\b(without|no|not using|does not use|doesn't use|do not use|don't use|skip\w*|bypass\w*)\s+(?<what>(an?\s+|the\s+|any\s+)?[\w-]+(\s+(?!(because|and|or|but|so|since|as|to|in|on|for|at|from|by|with)\b)[\w-]+)?)", RegexOptions.IgnoreCase)]
    private static partial Regex Without();

    [GeneratedRegex(@"\b(never|must not|mustn't|shall not|do not|don't)\s+(?<action>[\w\s-]{3,80}?)\s*[.;]?$", RegexOptions.IgnoreCase)]
    private static partial Regex Forbids();
}
