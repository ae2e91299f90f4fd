using ArchMcp.Core.Catalog;
using ArchMcp.Core.Model;

namespace ArchMcp.Core;

/// <summary>
/// Answers the lookups that need no ranking — one decision, the decision log, one rule or standard, one document, id
/// completions — from a catalog snapshot, re-reading a file through <see cref="RootFileReader"/> where the answer
/// quotes it. The caller picks the snapshot, so one answer never mixes two generations of the index.
/// </summary>
internal sealed class KnowledgeLookup(RootFileReader files)
{
    /// <summary>Checks the request before the index is waited for: a blank reference fails at once.</summary>
    public static void Validate(GetDecisionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Reference))
        {
            throw new InvalidQueryException("Name the decision: \"ADR-7\", \"7\", \"0007\", a slug, a file name or words of its title.");
        }
    }

    public DecisionView GetDecision(KnowledgeCatalog catalog, GetDecisionRequest request)
    {
        Validate(request);
        var (all, _) = catalog.DecisionCandidates(request.Reference.Trim(), request.Root);
        var candidates = InFirstRoot(catalog, all, d => d.Root);
        if (candidates.Count > 1)
        {
            throw new AmbiguousReferenceException(request.Reference, "decision",
                [.. candidates.Select(d => $"{d.Id} {d.Title} ({d.Path}{(catalog.Roots.Count > 1 ? $", root {d.Root}" : "")})")]);
        }

        var entry = candidates.Count == 1 ? candidates[0]
            : throw new DecisionNotFoundException(request.Reference, [.. catalog.ClosestDecisions(request.Reference, 3).Select(d => $"{d.Id} {d.Title}")]);
        return KnowledgeViews.Decision(catalog, entry, files.LoadFull(entry), request.Sections);
    }

    /// <summary>Checks the query before the index is waited for: a wrong page or date range fails at once.</summary>
    public static void Validate(DecisionQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Offset < 0 || query.Limit is < 1 or > ToolContract.DecisionLogMax)
        {
            throw new InvalidQueryException($"offset must be 0 or more and limit between 1 and {ToolContract.DecisionLogMax} (got offset {query.Offset}, limit {query.Limit}).");
        }

        if (query.From is { } from && query.To is { } to && from > to)
        {
            throw new InvalidQueryException($"The date range is empty: from {from:yyyy-MM-dd} is after to {to:yyyy-MM-dd}.");
        }
    }

    /// <summary>The decision log filtered by <paramref name="query"/>, by root, then number, then path; one page of it.</summary>
    public static DecisionPage ListDecisions(KnowledgeCatalog catalog, DecisionQuery query)
    {
        Validate(query);
        var all = catalog.Decisions
            .Where(d => query.Status is null || d.Status == query.Status)
            .Where(d => query.Tag is null || d.Tags.Contains(query.Tag, StringComparer.OrdinalIgnoreCase))
            .Where(d => query.From is null || (d.Date is { } date && date >= query.From))
            .Where(d => query.To is null || (d.Date is { } date2 && date2 <= query.To))
            .Where(d => query.Root is null || string.Equals(d.Root, query.Root, StringComparison.OrdinalIgnoreCase))
            .OrderBy(d => d.Root, StringComparer.Ordinal)
            .ThenBy(d => d.Number ?? int.MaxValue)
            .ThenBy(d => d.Path, StringComparer.Ordinal)
            .ToList();
        var items = all.Skip(query.Offset).Take(query.Limit).Select(KnowledgeViews.Summary).ToList();
        var next = query.Offset + items.Count < all.Count ? query.Offset + items.Count : (int?)null;
        return new DecisionPage(all.Count, query.Offset, items, next);
    }

    public static void ValidateRuleId(string id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new InvalidQueryException("Name the rule: its number (\"176\"), id (\"API-001\"), anchor or \"path :: heading\"; or a standard's id.");
        }
    }

    public RuleLookup GetRule(KnowledgeCatalog catalog, string id, string? root)
    {
        ValidateRuleId(id);
        if (catalog.ResolveRule(id.Trim(), root) is { } rule)
        {
            // a URI names one rule; an id several standards or roots use names them all
            var several = InFirstRoot(catalog, catalog.RulesWithId(id.Trim(), root), r => r.Document.Root);
            if (several.Count > 1 && !id.Trim().StartsWith("arch://", StringComparison.OrdinalIgnoreCase))
            {
                throw new AmbiguousReferenceException(id, "rule",
                    [.. several.Select(r => $"{r.Id} {r.Rule.Statement} ({r.Document.Path}:{r.Rule.Line}{(catalog.Roots.Count > 1 ? $", root {r.Document.Root}" : "")})")]);
            }

            return new RuleLookup(KnowledgeViews.Rule(rule, files.LoadFull(rule.Document)), null);
        }

        if (catalog.ResolveStandard(id.Trim(), root) is { } standard)
        {
            return new RuleLookup(null, KnowledgeViews.Standard(standard));
        }

        throw new RuleNotFoundException(id, [.. catalog.ClosestRules(id, 3, root).Select(r => $"{r.Id} ({r.Rule.Statement})")]);
    }

    /// <summary>
    /// The matches in the first root (in the order the roots were given) that has any: roots are layered, so a
    /// reference another root also uses is not ambiguous; two matches in one root are.
    /// </summary>
    private static IReadOnlyList<T> InFirstRoot<T>(KnowledgeCatalog catalog, IReadOnlyList<T> matches, Func<T, string?> rootOf)
    {
        if (matches.Count < 2)
        {
            return matches;
        }

        var first = catalog.Roots.FirstOrDefault(r => matches.Any(m => rootOf(m) == r));
        return first is null ? matches : [.. matches.Where(m => rootOf(m) == first)];
    }

    /// <summary>A whole document by kind and id, or by the exact URI it was given; a decision also by any of its references.</summary>
    public DocumentView GetDocument(KnowledgeCatalog catalog, DocumentKind kind, string id)
    {
        var plainId = IdOfUri(id);
        var entry = catalog.Entries.FirstOrDefault(e => SameGroup(e.Kind, kind) && string.Equals(e.Uri, id, StringComparison.OrdinalIgnoreCase))
            ?? catalog.Entries.FirstOrDefault(e => SameGroup(e.Kind, kind) && string.Equals(e.Id, plainId, StringComparison.OrdinalIgnoreCase))
            ?? (kind == DocumentKind.Decision ? catalog.ResolveDecision(id, null) : null)
            ?? throw new DocumentNotFoundException(kind.ToWire(), id);
        return KnowledgeViews.Document(entry, files.ReadMarkdown(entry));
    }

    /// <summary>Every document without its text, for resource listings.</summary>
    public static IReadOnlyList<DocumentView> ListDocuments(KnowledgeCatalog catalog) =>
        [.. catalog.Entries.Select(e => KnowledgeViews.Document(e, ""))];

    /// <summary>Ids starting with <paramref name="prefix"/>, then ids containing it, at most <paramref name="limit"/>.</summary>
    public static IReadOnlyList<string> CompleteIds(KnowledgeCatalog catalog, CompletionTarget target, string prefix, int limit)
    {
        var ids = target switch
        {
            CompletionTarget.Decision => catalog.Decisions.Select(d => d.Id),
            CompletionTarget.Standard => catalog.Entries.Where(e => e.Kind == DocumentKind.Standard).Select(e => e.Id),
            CompletionTarget.Rule => catalog.Entries.SelectMany(e => e.Rules).Select(r => r.Id),
            _ => catalog.Entries.Where(e => e.Kind is DocumentKind.Reference or DocumentKind.Guide or DocumentKind.Template).Select(e => e.Id),
        };
        var p = prefix?.Trim() ?? "";
        var list = ids.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return [.. list.Where(i => i.StartsWith(p, StringComparison.OrdinalIgnoreCase))
            .Concat(list.Where(i => !i.StartsWith(p, StringComparison.OrdinalIgnoreCase) && i.Contains(p, StringComparison.OrdinalIgnoreCase)))
            .Take(limit)];
    }

    private static bool SameGroup(DocumentKind a, DocumentKind b) => Group(a) == Group(b);

    private static int Group(DocumentKind kind) => kind switch
    {
        DocumentKind.Decision => 0,
        DocumentKind.Standard => 1,
        _ => 2,
    };

    /// <summary>The id in <c>arch://{group}/{id}[?…]</c>, percent-decoded; anything else unchanged.</summary>
    private static string IdOfUri(string id)
    {
        if (!id.StartsWith("arch://", StringComparison.OrdinalIgnoreCase))
        {
            return id;
        }

        var path = id["arch://".Length..].Split('?')[0];
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? id : Uri.UnescapeDataString(path[(slash + 1)..]);
    }
}
