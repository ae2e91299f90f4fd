using ArchMcp.Core.Model;

namespace ArchMcp.Core.Catalog;

/// <summary>
/// The catalog of every document of every root: final unique ids and URIs, lookups by path and id, decision and
/// rule resolution from loose references, two-way decision relations and the decision in force. Built from
/// documents or headers (it never reads Text or Sections). Immutable once built, so safe to share between threads.
/// </summary>
internal sealed partial class KnowledgeCatalog
{
    private readonly List<CatalogEntry> _entries;
    private readonly List<string> _roots;
    private readonly Dictionary<(string Root, string Path), CatalogEntry> _byPath;
    private readonly Dictionary<(string Group, string Id), List<CatalogEntry>> _byId = [];
    private readonly Dictionary<int, List<CatalogEntry>> _byNumber = [];
    private readonly Dictionary<string, List<CatalogEntry>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<CatalogEntry>> _byTitle = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<CatalogRule>> _rulesById = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<CatalogEntry>> _pagesByAlias = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<CatalogRule>> _rulesByAlias = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(CatalogEntry Entry, HashSet<string> Tokens, string Name)> _decisionTokens = [];

    // for each title word, the decisions (places in _decisionTokens, in order) whose title or slug has it
    private readonly Dictionary<string, List<int>> _decisionsWithToken = new(StringComparer.Ordinal);

    private KnowledgeCatalog(List<CatalogEntry> entries, List<string> roots)
    {
        _entries = entries;
        _roots = roots;
        _byPath = new Dictionary<(string, string), CatalogEntry>(entries.Count);
    }

    /// <summary>Every entry, by root (in the order roots first appear) then path.</summary>
    public IReadOnlyList<CatalogEntry> Entries => _entries;

    public IReadOnlyList<CatalogEntry> Decisions { get; private set; } = [];

    public IReadOnlyList<CatalogEntry> Standards { get; private set; } = [];

    /// <summary>Every rule of every document, in document order.</summary>
    public IReadOnlyList<CatalogRule> Rules { get; private set; } = [];

    /// <summary>Root names in the order they first appear.</summary>
    public IReadOnlyList<string> Roots => _roots;

    /// <summary>The URI segment of a kind: "decisions", "standards" or "references" (references, guides, templates).</summary>
    public static string GroupOf(DocumentKind kind) => kind switch
    {
        DocumentKind.Decision => "decisions",
        DocumentKind.Standard => "standards",
        _ => "references",
    };

    /// <summary>The entry of a file, by root name and relative path (forward slashes).</summary>
    public CatalogEntry? Find(string root, string path)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(path);
        return _byPath.GetValueOrDefault((root, NormalizePath(path)));
    }

    /// <summary>An entry by kind group and final id (case-insensitive); the first root that has it when <paramref name="root"/> is null.</summary>
    public CatalogEntry? Get(DocumentKind kind, string id, string? root = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _byId.TryGetValue((GroupOf(kind), id.Trim().ToLowerInvariant()), out var list) ? InRoot(list, root) : null;
    }

    /// <summary>The decision in force: follows superseded-by links to the end of the chain (cycle-safe); the decision itself when nothing replaced it.</summary>
    public CatalogEntry InForce(CatalogEntry decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var visited = new HashSet<CatalogEntry> { decision };
        var current = decision;
        while (current.SupersededBy.Count > 0)
        {
            var next = current.SupersededBy
                .Where(e => !visited.Contains(e))
                .OrderBy(e => e.Status switch { DecisionStatus.Accepted => 0, DecisionStatus.Superseded => 1, DecisionStatus.Proposed => 2, DecisionStatus.Unknown => 3, _ => 4 })
                .ThenByDescending(e => e.Date ?? DateOnly.MinValue)
                .ThenByDescending(e => e.Number ?? -1)
                .ThenBy(e => e.Path, StringComparer.Ordinal)
                .FirstOrDefault();
            if (next is null)
            {
                break;
            }

            visited.Add(next);
            current = next;
        }

        return current;
    }

    private CatalogEntry? InRoot(List<CatalogEntry> list, string? root)
    {
        if (list.Count == 0)
        {
            return null;
        }

        return root is null ? list[0] : list.FirstOrDefault(e => e.Root == root);
    }

    /// <summary>The entries of <paramref name="list"/> in <paramref name="root"/>; all of them when it is null.</summary>
    private static List<CatalogEntry> InRoots(List<CatalogEntry> list, string? root) =>
        root is null ? list : list.FindAll(e => e.Root == root);

    private static List<CatalogEntry> Lookup<TKey>(Dictionary<TKey, List<CatalogEntry>> map, TKey key)
        where TKey : notnull =>
        map.TryGetValue(key, out var list) ? list : [];
}
