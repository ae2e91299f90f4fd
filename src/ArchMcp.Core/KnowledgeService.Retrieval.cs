using ArchMcp.Core.Catalog;
using ArchMcp.Core.Indexing;
using ArchMcp.Core.Model;
using ArchMcp.Core.Search;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace ArchMcp.Core;

public sealed partial class KnowledgeService
{
    public async Task<ChecklistResult> DesignChecklistAsync(ChecklistRequest request, CancellationToken cancellationToken = default)
    {
        ValidateDesign(request);
        await ReadyAsync(cancellationToken).ConfigureAwait(false);
        return _checklists.Checklist(request, cancellationToken);
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
        var terms = _queries.Terms(text);
        return _index.Search(searcher =>
        {
            // rule entries carry only their file's key, which starts with the root's name
            var inRoot = root is null ? null : new PrefixQuery(new Term(IndexFields.Key, IndexFields.KeyOf(root, "")));
            var result = new List<ScoredRule>();
            foreach (var hit in RuleRanker.Top(searcher, terms, inRoot, limit))
            {
                var d = searcher.Doc(hit.Doc);
                var ordinal = d.GetField(IndexFields.Ordinal)?.GetInt32Value() ?? -1;
                if (FindKey(catalog, d.Get(IndexFields.Key)) is { } entry && ordinal >= 0 && ordinal < entry.Rules.Count)
                {
                    result.Add(new ScoredRule(Record(entry.Rules[ordinal], d.Get(IndexFields.RuleText) ?? ""), hit.Score));
                }
            }

            return (IReadOnlyList<ScoredRule>)result;
        }, []);
    }

    public IReadOnlyList<ScoredDecision> FindDecisions(string text, int limit, string? root = null)
    {
        var catalog = _state.Catalog;
        var terms = _queries.Terms(text);
        Query filter = new TermQuery(new Term(IndexFields.Kind, DocumentKind.Decision.ToWire()));
        if (root is not null)
        {
            filter = new BooleanQuery { { filter, Occur.MUST }, { new TermQuery(new Term(IndexFields.Root, root)), Occur.MUST } };
        }

        var hits = _index.Search(s => FileRanker.Rank(s, terms, filter, limit)
            .Select(h => (h.Key, h.Score, Best: FileRanker.ReadSection(s, h))).ToList(), []);
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
