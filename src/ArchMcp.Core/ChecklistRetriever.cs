using ArchMcp.Core.Catalog;
using ArchMcp.Core.Model;
using ArchMcp.Core.Search;
using ArchMcp.Search;

namespace ArchMcp.Core;

/// <summary>
/// The checklist engine's retrieval (<see cref="IKnowledgeRetriever"/>) over the index: single rules and decisions
/// ranked against a text, and the decision in force at the end of a supersession chain. Reads the indexer's current
/// snapshot; the caller has made sure there is one.
/// </summary>
internal sealed class ChecklistRetriever(KnowledgeIndexer indexer, ISearchIndex index, RootFileReader files) : IKnowledgeRetriever
{
    private readonly ISearchIndex _index = index;
    private readonly RootFileReader _files = files;

    /// <inheritdoc/>
    public IReadOnlyList<ScoredRule> FindRules(string text, int limit, string? root = null)
    {
        var catalog = indexer.State.Catalog;
        var terms = _index.Terms(text);
        return _index.Read(ranker =>
        {
            var result = new List<ScoredRule>();
            foreach (var hit in ranker.RankRules(terms, root, limit))
            {
                var ordinal = hit.Ordinal;
                if (SearchOrchestrator.FindKey(catalog, hit.Key) is { } entry && ordinal >= 0 && ordinal < entry.Rules.Count)
                {
                    result.Add(new ScoredRule(Record(entry.Rules[ordinal], hit.Text), hit.Score));
                }
            }

            return (IReadOnlyList<ScoredRule>)result;
        }, []);
    }

    /// <inheritdoc/>
    public IReadOnlyList<ScoredDecision> FindDecisions(string text, int limit, string? root = null)
    {
        var catalog = indexer.State.Catalog;
        var terms = _index.Terms(text);
        // ranked among all files, so a decision's score says how it compares with the best file of any kind
        var filter = root is null ? null : new SearchFilter(Root: root);
        var hits = _index.Read(ranker => ranker.RankFiles(terms, filter, Math.Max(limit * 3, 30))
            .Where(h => SearchOrchestrator.FindKey(catalog, h.Key)?.Kind == DocumentKind.Decision).Take(limit)
            .Select(h => (h.Key, h.Score, Best: ranker.ReadSection(h))).ToList(), []);
        var result = new List<ScoredDecision>();
        foreach (var (key, score, best) in hits)
        {
            if (SearchOrchestrator.FindKey(catalog, key) is { } entry)
            {
                var full = _files.LoadFull(entry);
                var outcome = full.Sections.Where(s => KnowledgeViews.SectionMatches(s.Heading, "decision")).Select(s => s.Text).FirstOrDefault(t => t.Length > 0)
                    ?? best?.Text ?? "";
                result.Add(new ScoredDecision(Record(entry), score, outcome));
            }
        }

        return result;
    }

    /// <inheritdoc/>
    public DecisionRecord InForce(DecisionRecord decision)
    {
        var catalog = indexer.State.Catalog;
        return catalog.Find(decision.Root, decision.Path) is { } entry ? Record(catalog.InForce(entry)) : decision;
    }

    private static DecisionRecord Record(CatalogEntry e) => new()
    {
        Id = e.Id,
        Aliases = e.Document.Aliases,
        Number = e.Number,
        Title = e.Title,
        Status = e.Status,
        RawStatus = e.RawStatus,
        Date = e.Date,
        Tags = e.Tags,
        Path = e.Path,
        Line = e.Line,
        Root = e.Root,
        Outcome = e.Decision?.Outcome,
    };

    private static RuleRecord Record(CatalogRule r, string text) => new()
    {
        Id = r.Id,
        Aliases = r.Rule.Aliases,
        Level = r.Rule.Level,
        RawLevel = r.Rule.RawLevel,
        Statement = r.Rule.Statement,
        Text = text,
        Line = r.Rule.Line,
        Path = r.Document.Path,
        Root = r.Document.Root,
        DocumentId = r.Document.Id,
        DocumentTitle = r.Document.Title,
        DocumentKind = r.Document.Kind,
        SectionHeading = r.Rule.SectionHeading,
    };
}
