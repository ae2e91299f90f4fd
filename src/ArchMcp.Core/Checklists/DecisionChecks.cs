using System.Text.RegularExpressions;
using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Checklists;

/// <summary>A design proposing what a decision in force replaced, removed or rejected.</summary>
internal static partial class DecisionChecks
{
    public static CheckOutcome? ReplacedOrRejected(Candidate c, DesignContext d)
    {
        if (!c.IsDecision)
        {
            return null;
        }

        foreach (var sentence in new[] { c.Statement }.Concat(DesignReviewer.RuleSentences(c.Body).Take(30)))
        {
            foreach (var (chosen, rejected) in Alternatives(sentence).SelectMany(a => Rejected(a.Rejected, sentence == c.Statement).Select(r => (a.Chosen, r))))
            {
                var hit = Mentions(d, rejected);
                if (hit is null || (chosen.Length > 0 && Mentions(d, chosen) is not null))
                {
                    continue;
                }

                var what = chosen.Length > 0 ? $"the decision chose {chosen.Trim()} instead" : "the decision removed or rejected it";
                // A re-proposal: the design brings back what a decision in force settled against, cited with that decision's line.
                return DesignReviewer.Violated($"Re-proposal: the design proposes {rejected.Trim()}; {what}.", DesignContext.Quote(hit),
                    new Evidence(Candidate.OneLine(sentence), c.Decision!.Line));
            }
        }

        return null;
    }

    /// <summary>
    /// A design hosted by another party than the one a decision in force chose in its title (which states the decision
    /// itself): "GitHub-hosted runners" against a job
    /// that runs on <c>self-hosted</c> ones, "self-hosted runners" against "GitHub-hosted". Who hosts a thing is one
    /// choice with several options, so naming another option is going against the decision even where the design does
    /// not name the thing hosted. Where it does ("self-hosted fonts"), the thing must be the decision's.
    /// </summary>
    public static CheckOutcome? Hosting(Candidate c, DesignContext d)
    {
        var chosen = c.IsDecision ? HostedBy().Match(c.Statement) : Match.Empty;
        if (!chosen.Success || chosen.Groups["what"].Length == 0 || DesignReviewer.Negation.IsMatch(c.Statement[..chosen.Index]))
        {
            return null;
        }

        var what = Words.Stem(chosen.Groups["what"].Value.ToLowerInvariant());
        foreach (var s in d.Sentences)
        {
            var used = HostedBy().Match(s.Text);
            if (used.Success && !used.Groups["who"].Value.Equals(chosen.Groups["who"].Value, StringComparison.OrdinalIgnoreCase)
                && (used.Groups["what"].Length == 0 || Words.Stem(used.Groups["what"].Value.ToLowerInvariant()) == what)
                && !DesignReviewer.Negation.IsMatch(s.Text[..used.Index]))
            {
                return DesignReviewer.Violated($"The design uses {used.Value.Trim()}; the decision chose {chosen.Value.Trim()}.", DesignContext.Quote(s),
                    new Evidence(c.Statement, c.Decision!.Line));
            }
        }

        return null;
    }

    /// <summary>
    /// A design adopting what a rejected decision proposed ("Use MongoDB for orders", status rejected): a re-proposal,
    /// cited with the rejected decision's title and line.
    /// </summary>
    public static CheckOutcome? ReProposesRejected(Candidate c, DesignContext d)
    {
        var proposal = Proposal().Match(c.Statement);
        var proposed = proposal.Success ? proposal.Groups["x"].Value : c.Statement;
        var hit = Mentions(d, Qualifier().Split(proposed)[0]);
        return hit is null ? null
            : DesignReviewer.Violated($"Re-proposal: the design adopts {proposed.Trim()}, which decision {c.Id} rejected.", DesignContext.Quote(hit),
                new Evidence(Candidate.OneLine(c.Statement), c.Line));
    }

    /// <summary>
    /// A design adopting an option that a decision in force considered and did not choose (MADR's considered options,
    /// a Y-statement's neglected one) while not naming the chosen one: a re-proposal, cited with the decision's outcome
    /// sentence and its line.
    /// </summary>
    public static CheckOutcome? ReProposesOption(Candidate c, DesignContext d)
    {
        if (c.Decision is not { Status: not DecisionStatus.Proposed, Outcome: { Rejected.Count: > 0 } outcome }
            || (OutcomeExtractor.Chosen(outcome.Text) is { } chosen && Mentions(d, chosen) is not null))
        {
            return null;
        }

        foreach (var name in outcome.Rejected.Select(OutcomeExtractor.OptionName))
        {
            if (Mentions(d, name) is { } hit)
            {
                return DesignReviewer.Violated($"Re-proposal: the design adopts {name}, an option decision {c.Id} considered and did not choose.",
                    DesignContext.Quote(hit), new Evidence(Candidate.OneLine(outcome.Text), outcome.Line));
            }
        }

        return null;
    }

    /// <summary>
    /// What a decision settled against, without its qualifier ("Kaniko after its archival" is Kaniko), and — in its
    /// title (<paramref name="title"/>), which states the decision itself — each technology of a list joined by "and" on
    /// its own: "Drop Travis CI and the s390x tests" drops Travis CI, so a design bringing back Travis alone re-proposes
    /// it. A body sentence's "X and Y" is read whole: there the words after "and" often qualify X rather than name a
    /// second thing settled against — but a name written as code in such a list is a thing on its own (<c>`FastWire` and
    /// retry functions</c> settles against FastWire).
    /// </summary>
    private static IEnumerable<string> Rejected(string named, bool title)
    {
        var rejected = Qualifier().Split(named)[0];
        var listed = Conjunction().Split(rejected);
        var parts = title || listed.Any(p => CodeName().IsMatch(p)) ? listed : [rejected];
        return parts.Length == 1 ? parts : parts.Where(p => Technologies.Find(p).Count > 0 || CodeName().IsMatch(p)).Prepend(rejected);
    }

    /// <summary>(chosen, rejected) pairs stated in a sentence: "X instead of Y", "Y replaced by X", "remove Y", "decided against Y".</summary>
    private static IEnumerable<(string Chosen, string Rejected)> Alternatives(string sentence)
    {
        foreach (Match m in InsteadOf().Matches(sentence))
        {
            yield return (m.Groups["x"].Value, m.Groups["y"].Value);
        }

        foreach (Match m in UsedInsteadOf().Matches(sentence))
        {
            // "this service will be used instead of …" refers back to what an earlier sentence introduced: no name to look for
            yield return (Referring().IsMatch(m.Groups["x"].Value) ? "" : m.Groups["x"].Value, m.Groups["y"].Value);
        }

        foreach (Match m in Replace().Matches(sentence))
        {
            yield return (m.Groups["x"].Value, m.Groups["y"].Value);
        }

        foreach (Match m in Wraps().Matches(sentence))
        {
            // code goes through the wrapper a decision introduces, not to what it wraps
            yield return (m.Groups["x"].Value, m.Groups["y"].Value);
        }

        foreach (Match m in ReplacedBy().Matches(sentence))
        {
            yield return (m.Groups["x"].Value, m.Groups["y"].Value);
        }

        foreach (Match m in ReplacementOf().Matches(sentence))
        {
            yield return (m.Groups["x"].Value, m.Groups["y"].Value);
        }

        foreach (Match m in Remove().Matches(sentence))
        {
            yield return ("", m.Groups["y"].Value);
        }
    }

    /// <summary>
    /// The design sentence naming the thing: one of its technologies with at most one of its other words missing
    /// ("provisioned EC2 databases" in "our own Redis on EC2 instances", not "secrets field in Kafka CR" in any
    /// sentence naming Kafka), or else all its content words, a word also found as a part of a compound the design writes
    /// (Kaniko in <c>kaniko-project</c>). Every sentence naming the technology counts, not only
    /// the first: "React.FC" is in the line declaring a component, not in the import that first names React.
    /// </summary>
    private static DesignSentence? Mentions(DesignContext d, string phrase)
    {
        var words = Words.Content(phrase);
        words.ExceptWith(Vague);
        var techs = Technologies.Find(phrase).Select(t => t.Name).ToList();
        if (techs.Count > 0)
        {
            if (!d.Of(FactKinds.Technology).Any(f => techs.Contains(f.Value, StringComparer.OrdinalIgnoreCase)))
            {
                return null;
            }

            return d.Sentences.FirstOrDefault(s => words.Except(Words.Content(s.Text)).Count(w => Technologies.Find(w).Count == 0) <= 1
                && Technologies.Find(s.Text).Any(t => techs.Contains(t.Name, StringComparer.OrdinalIgnoreCase)));
        }

        if (words.Count == 0 || words.Count > 4)
        {
            return null;
        }

        return d.Sentences.FirstOrDefault(s => words.IsSubsetOf(Words.WithParts(s.Text)));
    }

    /// <summary>
    /// One character of a named thing: anything up to a comma, semicolon or sentence-ending dot. A dot inside a word
    /// is part of a name, not the end of a sentence (<c>React.FC</c>, <c>System.Text.Json</c>, <c>Next.js</c>).
    /// </summary>
    private const string Phrase = @"(?:[^,.;]|\.(?=\w))";

    private static readonly HashSet<string> Vague = new(StringComparer.Ordinal)
    {
        "configuration", "code", "approach", "option", "way", "thing", "current", "existing", "instance", "provision", "provisioning", "manag", "manage",
        "separate", "local", "standard", "tool", "process", "ourselve", "it", "them",
    };

    [GeneratedRegex(@"\b(use|using|adopt\w*|choose|chose|chosen|prefer|go with|move to|switch to)\s+(?<x>" + Phrase + @"{2,60}?)\s+(instead of|rather than|over|in place of)\s+(?<y>" + Phrase + @"{2,80})", RegexOptions.IgnoreCase)]
    private static partial Regex InsteadOf();

    /// <summary>"X will be used instead of Y": the passive of <see cref="InsteadOf"/>.</summary>
    [GeneratedRegex(@"(?<x>\b" + Phrase + @"{2,60}?)\s+(is|are|will be|would be|shall be|should be|must be)\s+used\s+(instead of|rather than|in place of)\s+(?<y>" + Phrase + @"{2,80})", RegexOptions.IgnoreCase)]
    private static partial Regex UsedInsteadOf();

    /// <summary>"A `LarkHttp` client will be introduced to wrap `FastWire`": what is wrapped is used through the wrapper only.</summary>
    [GeneratedRegex(@"(?<x>\b" + Phrase + @"{2,60}?)\s+(?:(?:is|are|will be|shall be)\s+)?(?:introduced|added|created|written)\s+to\s+wrap\s+(?<y>" + Phrase + @"{2,80})", RegexOptions.IgnoreCase)]
    private static partial Regex Wraps();

    /// <summary>A phrase that refers back rather than names: "this service", "it", "these".</summary>
    [GeneratedRegex(@"^\s*(this|that|these|those|it|they)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Referring();

    /// <summary>A single name written as code: <c>`FastWire`</c>, or joined words with a capital inside (a record's text may come without its markup).</summary>
    [GeneratedRegex(@"^\s*(?:`[^`]+`|\p{L}[\p{L}\p{Nd}]*\p{Ll}\p{Lu}[\p{L}\p{Nd}]*)\s*$")]
    private static partial Regex CodeName();

    [GeneratedRegex(@"\breplac\w*\s+(?<y>" + Phrase + @"{2,60}?)\s+(with|by)\s+(?<x>" + Phrase + @"{2,60})", RegexOptions.IgnoreCase)]
    private static partial Regex Replace();

    [GeneratedRegex(@"(?<y>\b" + Phrase + @"{2,60}?)\s+(is|are|was|were|will be)\s+replaced\s+(with|by)\s+(?<x>" + Phrase + @"{2,60})", RegexOptions.IgnoreCase)]
    private static partial Regex ReplacedBy();

    [GeneratedRegex(@"^\s*(deprecate and remove|remove|drop|retire|decommission|stop using|no longer use|deprecate|avoid)\s+(?<y>" + Phrase + @"{2,60})|\b(decided against|rejected|moving away from|move away from|no longer (use|run|maintain)|(will not|won't|shall not) (use|run|maintain))\s+(?<y>" + Phrase + @"{2,60})", RegexOptions.IgnoreCase)]
    private static partial Regex Remove();

    /// <summary>What a decision title proposes: "Use MongoDB for orders" proposes "MongoDB for orders".</summary>
    [GeneratedRegex(@"^\s*(use|using|adopt\w*|introduce|switch to|move to|migrate to|choose|go with)\s+(?<x>.{2,80})$", RegexOptions.IgnoreCase)]
    private static partial Regex Proposal();

    /// <summary>"Buildah - replacement of Kaniko", "X as a replacement for Y".</summary>
    [GeneratedRegex(@"^\s*(?<x>(?:[^,.;:]|\.(?=\w)){2,60}?)\s+([-\u2013\u2014:]|as)\s+(an?\s+|the\s+)?replacement\s+(of|for)\s+(?<y>" + Phrase + @"{2,60})", RegexOptions.IgnoreCase)]
    private static partial Regex ReplacementOf();

    /// <summary>
    /// Who hosts a thing, and the thing when a word follows: "GitHub-hosted runners", "self-hosted" (a runner label in
    /// <c>runs-on: [self-hosted, linux]</c>), "self hosted agents".
    /// </summary>
    [GeneratedRegex(@"(?<![\w.-])(?<who>[A-Za-z][\w.]*?(?=-)|self(?= ))[- ]hosted\b(?:[ \t]+(?<what>[A-Za-z][\w-]*))?", RegexOptions.IgnoreCase)]
    private static partial Regex HostedBy();

    /// <summary>Where the next of several things joined by "and" starts.</summary>
    [GeneratedRegex(@"\s+and\s+", RegexOptions.IgnoreCase)]
    private static partial Regex Conjunction();

    /// <summary>
    /// Where a qualifier of the rejected thing starts: "Kaniko after its archival" rejects Kaniko, "ADR numbers
    /// anymore" ADR numbers, "remove .spec.resources from the custom resource" the field, not the resource it is in,
    /// "remove Inkstone as the document renderer" Inkstone, whatever role it has.
    /// </summary>
    [GeneratedRegex(@"\s+(?:(?:after|because|due to|since|when|once|until|as of|as|from)\s+|(?:anymore|any more|any longer)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Qualifier();
}
