using System.Text.RegularExpressions;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Checklists;

/// <summary>A design text prepared for ranking and review: its sentences and facts.</summary>
internal sealed partial class DesignContext
{
    private DesignContext(string text, IReadOnlyList<DesignSentence> sentences, IReadOnlyList<DesignFact> facts)
    {
        Text = text;
        Sentences = sentences;
        Facts = facts;
    }

    public string Text { get; }
    public IReadOnlyList<DesignSentence> Sentences { get; }
    public IReadOnlyList<DesignFact> Facts { get; }

    /// <param name="read">Facts read apart from the text (from the structure of a changed file), each at its line of
    /// <paramref name="design"/>; they join the facts drawn from the text, a fact stated both ways counting once.</param>
    public static DesignContext Create(string design, IReadOnlyList<DesignFact>? read = null)
    {
        ArgumentNullException.ThrowIfNull(design);
        var facts = DesignFactExtractor.Extract(design);
        if (read is { Count: > 0 })
        {
            facts = facts.Concat(read).GroupBy(f => (f.Kind, Value: f.Value.ToLowerInvariant())).Select(g => g.First()).ToList();
        }

        return new DesignContext(design, DesignText.Sentences(design), facts);
    }

    public IEnumerable<DesignFact> Of(string kind) => Facts.Where(f => f.Kind == kind);

    public DesignFact? First(string kind, string? value = null) =>
        Facts.FirstOrDefault(f => f.Kind == kind && (value is null || f.Value == value));

    /// <summary>The first sentence matching <paramref name="pattern"/>.</summary>
    public DesignSentence? Sentence(Regex pattern) => Sentences.FirstOrDefault(s => pattern.IsMatch(s.Text));

    /// <summary>The sentence sharing the most content words with <paramref name="text"/>, and how many it shares.</summary>
    public (DesignSentence? Sentence, int Shared) Closest(string text)
    {
        var wanted = Words.Content(text);
        DesignSentence? best = null;
        var bestShared = 0;
        foreach (var s in Sentences)
        {
            var shared = Words.Content(s.Text).Intersect(wanted).Count();
            if (shared > bestShared)
            {
                best = s;
                bestShared = shared;
            }
        }

        return (best, bestShared);
    }

    public static Evidence Quote(DesignFact fact) => new(fact.Sentence, fact.Line);

    public static Evidence Quote(DesignSentence sentence) => new(sentence.Text, sentence.Line);
}

/// <summary>Content words: lowercase, light stemming, stop words dropped.</summary>
internal static partial class Words
{
    private static readonly HashSet<string> Stop = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "with", "by", "at", "as", "is", "are", "be", "been", "it", "its",
        "this", "that", "these", "those", "we", "our", "you", "your", "they", "their", "will", "would", "should", "must", "may", "can",
        "not", "no", "do", "does", "don't", "use", "using", "used", "from", "into", "all", "any", "each", "every", "when", "if", "so",
        "also", "than", "then", "there", "which", "what", "who", "how", "only", "more", "most", "other", "some", "such", "have", "has",
        "per", "via", "about", "but", "just", "even", "always", "never", "same", "new", "own", "make", "sure", "need", "needs", "where",
    };

    public static HashSet<string> Content(string text) =>
        Token().Matches(text.ToLowerInvariant())
            .Select(m => Stem(m.Value))
            .Where(w => w.Length > 1 && !Stop.Contains(w))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The content words of <paramref name="text"/> and the parts of its compounds: code writes a name inside a longer
    /// one (<c>kaniko-project</c>, <c>build_cache</c>), so each part counts as a word too.
    /// </summary>
    public static HashSet<string> WithParts(string text)
    {
        var words = Content(text);
        words.UnionWith(Content(text.Replace('-', ' ').Replace('_', ' ')));
        return words;
    }

    public static string Stem(string word)
    {
        var w = word.Trim('\'', '-', '_');
        if (w.EndsWith("ies", StringComparison.Ordinal) && w.Length > 4)
        {
            return w[..^3] + "y";
        }

        if (w.EndsWith("ing", StringComparison.Ordinal) && w.Length > 5)
        {
            return w[..^3];
        }

        if (w.EndsWith("ed", StringComparison.Ordinal) && w.Length > 4)
        {
            return w[..^2];
        }

        if (w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && w.Length > 3)
        {
            return w[..^1];
        }

        return w;
    }

    [GeneratedRegex(@"[a-z0-9][a-z0-9_'-]*")]
    private static partial Regex Token();
}

/// <summary>The verdict of one check, with the evidence from both sides.</summary>
internal sealed record CheckOutcome(string Verdict, string Reason, Evidence? Design = null, Evidence? Rule = null);
