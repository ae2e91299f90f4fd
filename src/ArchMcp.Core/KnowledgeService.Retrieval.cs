using ArchMcp.Core.Catalog;
using ArchMcp.Core.Indexing;
using ArchMcp.Core.Model;
using ArchMcp.Core.Search;
using ArchMcp.Search;

namespace ArchMcp.Core;

public sealed partial class KnowledgeService
{
    public async Task<ChecklistResult> DesignChecklistAsync(ChecklistRequest request, CancellationToken cancellationToken = default)
    {
        ValidateDesign(request);
        await ReadyAsync(cancellationToken).ConfigureAwait(false);
        var checklist = _checklists.Checklist(request, cancellationToken);
        var catalog = _state.Catalog;
        var answer = checklist.Items.Take(AnswerCoverage.ChecklistItems).Select(i => catalog.Find(i.Root, i.Path)).OfType<CatalogEntry>().Distinct().Select(ReadOrEmpty);
        var coverage = AnswerCoverage.Of(_index, request.Design, string.Join('\n', answer));
        return checklist with { Covered = checklist.Items.Count > 0 && coverage >= AnswerCoverage.Floor, Coverage = coverage };
    }

    public async Task<ReviewResult> ReviewDesignAsync(ChecklistRequest request, CancellationToken cancellationToken = default)
    {
        ValidateDesign(request);
        await ReadyAsync(cancellationToken).ConfigureAwait(false);
        return _checklists.Review(request, cancellationToken);
    }

    private static void ValidateDesign(ChecklistRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Design))
        {
            throw new InvalidQueryException("The design is empty. Pass a topic (\"API pagination\") or the design text.");
        }

        if (request.Design.Length > ToolContract.MaxDesignChars)
        {
            throw new InvalidQueryException($"'design' is {request.Design.Length} characters long; the limit is {ToolContract.MaxDesignChars}. Review the design in parts, or pass its summary.");
        }

        if (request.Limit is < 1 or > ToolContract.ChecklistLimitMax)
        {
            throw new InvalidQueryException($"'limit' must be between 1 and {ToolContract.ChecklistLimitMax} (got {request.Limit}).");
        }
    }

    public IReadOnlyList<ScoredRule> FindRules(string text, int limit, string? root = null)
    {
        var catalog = _state.Catalog;
        var terms = _index.Terms(text);
        return _index.Read(ranker =>
        {
            var result = new List<ScoredRule>();
            foreach (var hit in ranker.RankRules(terms, root, limit))
            {
                var ordinal = hit.Ordinal;
                if (FindKey(catalog, hit.Key) is { } entry && ordinal >= 0 && ordinal < entry.Rules.Count)
                {
                    result.Add(new ScoredRule(Record(entry.Rules[ordinal], hit.Text), hit.Score));
                }
            }

            return (IReadOnlyList<ScoredRule>)result;
        }, []);
    }

    public IReadOnlyList<ScoredDecision> FindDecisions(string text, int limit, string? root = null)
    {
        var catalog = _state.Catalog;
        var terms = _index.Terms(text);
        var filter = new SearchFilter(Kind: DocumentKind.Decision.ToWire(), Root: root);
        var hits = _index.Read(ranker => ranker.RankFiles(terms, filter, limit)
            .Select(h => (h.Key, h.Score, Best: ranker.ReadSection(h))).ToList(), []);
        var result = new List<ScoredDecision>();
        foreach (var (key, score, best) in hits)
        {
            if (FindKey(catalog, key) is { } entry)
            {
                var full = _files.LoadFull(entry);
                var outcome = full.Sections.Where(s => KnowledgeViews.SectionMatches(s.Heading, "decision")).Select(s => s.Text).FirstOrDefault(t => t.Length > 0)
                    ?? best?.Text ?? "";
                result.Add(new ScoredDecision(Record(entry), score, outcome));
            }
        }

        return result;
    }

    public DecisionRecord InForce(DecisionRecord decision)
    {
        var catalog = _state.Catalog;
        return catalog.Find(decision.Root, decision.Path) is { } entry ? Record(catalog.InForce(entry)) : decision;
    }

    private static DecisionRecord Record(CatalogEntry e) => new()
    {
        Id = e.Id,
        Number = e.Number,
        Title = e.Title,
        Status = e.Status,
        RawStatus = e.RawStatus,
        Date = e.Date,
        Tags = e.Tags,
        Path = e.Path,
        Line = e.Line,
        Root = e.Root,
    };

    private static RuleRecord Record(CatalogRule r, string text) => new()
    {
        Id = r.Id,
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
