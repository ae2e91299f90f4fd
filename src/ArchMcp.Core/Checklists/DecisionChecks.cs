using System.Text.RegularExpressions;
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
            foreach (var (chosen, rejected) in Alternatives(sentence))
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

    /// <summary>(chosen, rejected) pairs stated in a sentence: "X instead of Y", "Y replaced by X", "remove Y", "decided against Y".</summary>
    private static IEnumerable<(string Chosen, string Rejected)> Alternatives(string sentence)
    {
        foreach (Match m in InsteadOf().Matches(sentence))
        {
            yield return (m.Groups["x"].Value, m.Groups["y"].Value);
        }

        foreach (Match m in Replace().Matches(sentence))
        {
            yield return (m.Groups["x"].Value, m.Groups["y"].Value);
        }

        foreach (Match m in ReplacedBy().Matches(sentence))
        {
            yield return (m.Groups["x"].Value, m.Groups["y"].Value);
        }

        foreach (Match m in Remove().Matches(sentence))
        {
            yield return ("", m.Groups["y"].Value);
        }
    }

    /// <summary>The design sentence naming the thing: its technologies, or else all its content words.</summary>
    private static DesignSentence? Mentions(DesignContext d, string phrase)
    {
        var techs = Technologies.Find(phrase).Select(t => t.Name).ToList();
        if (techs.Count > 0)
        {
            var names = d.Of(FactKinds.Technology).ToList();
            var fact = names.FirstOrDefault(f => techs.Contains(f.Value, StringComparer.OrdinalIgnoreCase));
            return fact is null ? null : d.Sentences.FirstOrDefault(s => s.Line == fact.Line && s.Text == fact.Sentence);
        }

        var words = Words.Content(phrase);
        words.ExceptWith(Vague);
        if (words.Count == 0 || words.Count > 4)
        {
            return null;
        }

        return d.Sentences.FirstOrDefault(s => words.IsSubsetOf(Words.Content(s.Text)));
    }

    private static readonly HashSet<string> Vague = new(StringComparer.Ordinal)
    {
        "configuration", "code", "approach", "option", "way", "thing", "current", "existing", "instance", "provision", "provisioning", "manag", "manage",
        "separate", "local", "standard", "tool", "process", "ourselve", "it", "them",
    };

    [GeneratedRegex(@"\b(use|using|adopt\w*|choose|chose|chosen|prefer|go with|move to|switch to)\s+(?<x>[^,.;]{2,60}?)\s+(instead of|rather than|over|in place of)\s+(?<y>[^,.;]{2,80})", RegexOptions.IgnoreCase)]
    private static partial Regex InsteadOf();

    [GeneratedRegex(@"\breplac\w*\s+(?<y>[^,.;]{2,60}?)\s+(with|by)\s+(?<x>[^,.;]{2,60})", RegexOptions.IgnoreCase)]
    private static partial Regex Replace();

    [GeneratedRegex(@"(?<y>\b[^,.;]{2,60}?)\s+(is|are|was|were|will be)\s+replaced\s+(with|by)\s+(?<x>[^,.;]{2,60})", RegexOptions.IgnoreCase)]
    private static partial Regex ReplacedBy();

    [GeneratedRegex(@"^\s*(remove|drop|retire|decommission|stop using|no longer use|deprecate|avoid)\s+(?<y>[^,.;]{2,60})|\b(decided against|rejected|moving away from|move away from|no longer (use|run|maintain))\s+(?<y>[^,.;]{2,60})", RegexOptions.IgnoreCase)]
    private static partial Regex Remove();
}
