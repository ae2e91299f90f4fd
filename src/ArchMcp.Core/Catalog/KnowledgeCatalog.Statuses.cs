using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Catalog;

internal sealed partial class KnowledgeCatalog
{
    private StatusGroup[]? _statusGroups;

    /// <summary>
    /// Decisions listed by a status word ("which ADRs are still pending?"): those whose stated status contains
    /// <paramref name="word"/> first, then those whose status is <paramref name="status"/>; each by number, then path.
    /// </summary>
    public List<CatalogEntry> DecisionsByStatus(string word, DecisionStatus status, string? root = null)
    {
        // Decisions share a few distinct statuses, so the word is matched once per distinct status (and root) rather
        // than once per decision: on a large catalog, reading every decision's status was most of such a search.
        var groups = LazyInitializer.EnsureInitialized(ref _statusGroups, () =>
        [
            .. Decisions
                .Select((d, order) => new Listed(d, d.Number ?? int.MaxValue, order))
                .GroupBy(d => (d.Entry.Root, d.Entry.RawStatus, d.Entry.Status))
                .Select(g => new StatusGroup(g.Key.Root, g.Key.RawStatus, g.Key.Status, [.. g])),
        ]);
        return groups
            .Where(g => root is null || g.Root == root)
            .Select(g => (Group: g, Exact: StatesWord(g.RawStatus, word)))
            .Where(x => x.Exact || x.Group.Status == status)
            .SelectMany(x => x.Group.Decisions.Select(d => (Decision: d, x.Exact)))
            .OrderByDescending(x => x.Exact)
            .ThenBy(x => x.Decision.Number)
            .ThenBy(x => x.Decision.Entry.Path, StringComparer.Ordinal)
            .ThenBy(x => x.Decision.Order)
            .Select(x => x.Decision.Entry)
            .ToList();
    }

    /// <summary>True when the stated status has the word — not when it is a template's list of choices that names it.</summary>
    private static bool StatesWord(string rawStatus, string word) =>
        rawStatus.Contains(word, StringComparison.OrdinalIgnoreCase) && !StatusMapper.IsChoiceList(rawStatus);

    private readonly record struct Listed(CatalogEntry Entry, int Number, int Order);

    private sealed record StatusGroup(string Root, string RawStatus, DecisionStatus Status, Listed[] Decisions);
}
