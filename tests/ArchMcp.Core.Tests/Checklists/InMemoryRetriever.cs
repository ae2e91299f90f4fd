using System.Text.RegularExpressions;
using ArchMcp.Core.Model;
using ArchMcp.Core.Search;

namespace ArchMcp.Core.Tests.Checklists;

/// <summary>A small BM25 retriever over hand-made rules and decisions, for unit tests of ranking and review logic.</summary>
internal sealed partial class InMemoryRetriever : IKnowledgeRetriever
{
    private readonly List<(RuleRecord Rule, string[] Terms)> _rules = [];
    private readonly List<(DecisionRecord Decision, string Text, string[] Terms)> _decisions = [];
    private readonly Dictionary<string, string> _supersededBy = new(StringComparer.Ordinal);

    public InMemoryRetriever AddRule(string id, RuleLevel level, string statement, string text = "", string path = "standards/api.md", int line = 1, string title = "API guidelines")
    {
        var rule = new RuleRecord
        {
            Id = id, Level = level, RawLevel = level.ToWire(), Statement = statement, Text = text, Line = line, Path = path, Root = "knowledge",
            DocumentId = Path.GetFileNameWithoutExtension(path), DocumentTitle = title, DocumentKind = DocumentKind.Standard,
        };
        _rules.Add((rule, Terms(statement + " " + statement + " " + text)));
        return this;
    }

    public InMemoryRetriever AddDecision(int number, string title, string outcome, DecisionStatus status = DecisionStatus.Accepted, int? supersededBy = null)
    {
        var id = $"ADR-{number:D4}";
        var decision = new DecisionRecord
        {
            Id = id, Number = number, Title = title, Status = status, RawStatus = status.ToString(), Path = $"decisions/{number:D4}-{Slug(title)}.md",
            Line = 1, Root = "knowledge",
        };
        _decisions.Add((decision, outcome, Terms(title + " " + title + " " + outcome)));
        if (supersededBy is not null)
        {
            _supersededBy[id] = $"ADR-{supersededBy:D4}";
        }

        return this;
    }

    public IReadOnlyList<ScoredRule> FindRules(string text, int limit, string? root = null) =>
        Score(text, _rules.Select(r => r.Terms).ToList())
            .Select((s, i) => (s, i)).Where(x => x.s > 0).OrderByDescending(x => x.s).Take(limit)
            .Select(x => new ScoredRule(_rules[x.i].Rule, x.s)).ToList();

    /// <summary>Decisions scored among all documents (rules and decisions), relative to the best of them, as the index does.</summary>
    public IReadOnlyList<ScoredDecision> FindDecisions(string text, int limit, string? root = null)
    {
        var all = Score(text, [.. _decisions.Select(r => r.Terms), .. _rules.Select(r => r.Terms)]);
        var best = all.DefaultIfEmpty(0).Max();
        return all.Take(_decisions.Count)
            .Select((s, i) => (s, i)).Where(x => x.s > 0).OrderByDescending(x => x.s).Take(limit)
            .Select(x => new ScoredDecision(_decisions[x.i].Decision, x.s / best, _decisions[x.i].Text)).ToList();
    }

    public DecisionRecord InForce(DecisionRecord decision)
    {
        var current = decision;
        while (_supersededBy.TryGetValue(current.Id, out var next))
        {
            current = _decisions.First(d => d.Decision.Id == next).Decision;
        }

        return current;
    }

    private static double[] Score(string query, List<string[]> docs)
    {
        var q = Terms(query).Distinct().ToArray();
        var n = docs.Count;
        var avg = n == 0 ? 1 : docs.Average(d => d.Length);
        var scores = new double[n];
        foreach (var term in q)
        {
            var df = docs.Count(d => d.Contains(term));
            if (df == 0)
            {
                continue;
            }

            var idf = Math.Log(1 + ((n - df + 0.5) / (df + 0.5)));
            for (var i = 0; i < n; i++)
            {
                var tf = docs[i].Count(t => t == term);
                if (tf > 0)
                {
                    scores[i] += idf * tf * 2.2 / (tf + (1.2 * (0.25 + (0.75 * docs[i].Length / avg))));
                }
            }
        }

        return scores;
    }

    public static string[] Terms(string text) =>
        TermPattern().Matches(text.ToLowerInvariant()).Select(m => Stem(m.Value)).Where(t => t.Length > 1 && !StopWords.Contains(t)).ToArray();

    private static string Stem(string w) => w.Length > 3 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) ? w[..^1] : w;

    private static string Slug(string title) => string.Join('-', TermPattern().Matches(title.ToLowerInvariant()).Select(m => m.Value));

    private static readonly HashSet<string> StopWords = ["the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "with", "is", "are", "be", "we", "our", "it", "as", "by", "at", "will", "that", "this"];

    [GeneratedRegex(@"[a-z0-9]+")]
    private static partial Regex TermPattern();
}
