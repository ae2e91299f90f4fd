using System.Globalization;
using System.Text.RegularExpressions;
using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Catalog;

/// <summary>
/// The catalog of every document of every root: final unique ids and URIs, lookups by path and id, decision and
/// rule resolution from loose references, two-way decision relations and the decision in force. Built from
/// documents or headers (it never reads Text or Sections). Immutable once built, so safe to share between threads.
/// </summary>
public sealed partial class KnowledgeCatalog
{
    private readonly List<CatalogEntry> _entries;
    private readonly List<string> _roots;
    private readonly Dictionary<(string Root, string Path), CatalogEntry> _byPath;
    private readonly Dictionary<(string Group, string Id), List<CatalogEntry>> _byId = [];
    private readonly Dictionary<int, List<CatalogEntry>> _byNumber = [];
    private readonly Dictionary<string, List<CatalogEntry>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<CatalogEntry>> _byTitle = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<CatalogRule>> _rulesById = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(CatalogEntry Entry, HashSet<string> Tokens, string Name)> _decisionTokens = [];

    // for each title word, the decisions (places in _decisionTokens, in order) whose title or slug has it
    private readonly Dictionary<string, List<int>> _decisionsWithToken = new(StringComparer.Ordinal);

    [GeneratedRegex(@"^(?:(?:ADR|decision|record|dr)s?)?[\s#:_-]*(?:no\.?\s*)?0*(?<n>\d{1,6})$", RegexOptions.IgnoreCase)]
    private static partial Regex NumberReference();

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

    /// <summary>
    /// A decision from any reference: "ADR-7", "adr 7", "7", "0007", "#7", an id, a slug, a file name with or without
    /// .md, a path, an <c>arch://decisions/</c> URI, the exact title or all the content words of the title. Null when none fits.
    /// </summary>
    public CatalogEntry? ResolveDecision(string reference, string? root = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var r = reference.Trim().Trim('"', '\'', '`', '“', '”').Trim();
        if (r.Length == 0)
        {
            return null;
        }

        if (r.StartsWith("arch://decisions/", StringComparison.OrdinalIgnoreCase))
        {
            var rest = r["arch://decisions/".Length..];
            var q = rest.IndexOf('?');
            r = System.Uri.UnescapeDataString(q < 0 ? rest : rest[..q]);
            if (q >= 0 && root is null)
            {
                // arch://decisions/ADR-0001?root=team-b names the decision of that root
                root = rest[(q + 1)..].Split('&')
                    .Where(p => p.StartsWith("root=", StringComparison.OrdinalIgnoreCase))
                    .Select(p => System.Uri.UnescapeDataString(p[5..]))
                    .FirstOrDefault();
            }
        }

        if (Get(DocumentKind.Decision, r, root) is { } byId)
        {
            return byId;
        }

        var number = NumberReference().Match(r);
        if (number.Success && int.TryParse(number.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && _byNumber.TryGetValue(n, out var numbered) && InRoot(numbered, root) is { } byNumber)
        {
            return byNumber;
        }

        if (ByName(r, root) is { } byName)
        {
            return byName;
        }

        if (_byTitle.TryGetValue(CatalogText.Normalize(r), out var titled) && InRoot(titled, root) is { } byTitle)
        {
            return byTitle;
        }

        return ByTitleWords(r, root);
    }

    /// <summary>The decisions nearest to a reference, best first, for "did you mean" (number proximity, title words, edit distance).</summary>
    public IReadOnlyList<CatalogEntry> ClosestDecisions(string reference, int count, string? root = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (count <= 0)
        {
            return [];
        }

        var normalized = CatalogText.Normalize(reference);
        var tokens = CatalogText.Tokens(reference);
        var number = NumberReference().Match(reference.Trim());
        int? wanted = number.Success && int.TryParse(number.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var w) ? w : null;
        var scored = new List<(CatalogEntry Entry, double Score)>();
        foreach (var (entry, entryTokens, name) in _decisionTokens)
        {
            if (root is not null && entry.Root != root)
            {
                continue;
            }

            double score;
            if (wanted is { } target && entry.Number is { } actual)
            {
                score = 1.0 / (1 + Math.Abs(actual - target));
            }
            else
            {
                var overlap = CatalogText.Coverage(tokens, entryTokens);
                var edit = Math.Max(CatalogText.Similarity(normalized, CatalogText.Normalize(entry.Title)), CatalogText.Similarity(normalized, name));
                score = (0.6 * overlap) + (0.4 * edit);
            }

            scored.Add((entry, score));
        }

        return scored.OrderByDescending(s => s.Score).ThenBy(s => s.Entry.Root, StringComparer.Ordinal).ThenBy(s => s.Entry.Path, StringComparer.Ordinal)
            .Take(count).Select(s => s.Entry).ToList();
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

    private CatalogEntry? ByName(string reference, string? root)
    {
        var path = NormalizePath(reference);
        foreach (var r in root is null ? _roots : [root])
        {
            if (_byPath.TryGetValue((r, path), out var entry) && entry.Kind == DocumentKind.Decision)
            {
                return entry;
            }
        }

        var stem = FileNames.Stem(path);
        var key = CatalogText.Normalize(stem);
        var hit = InRoot(Lookup(_byName, key).Where(e => e.Kind == DocumentKind.Decision).ToList(), root);
        if (hit is null)
        {
            var slug = CatalogText.Normalize(FileNames.Analyze(stem).Slug);
            hit = InRoot(Lookup(_byName, slug).Where(e => e.Kind == DocumentKind.Decision).ToList(), root);
        }

        return hit;
    }

    private CatalogEntry? ByTitleWords(string reference, string? root)
    {
        var tokens = CatalogText.Tokens(reference);
        if (tokens.Count == 0)
        {
            return null;
        }

        // only the decisions with the rarest of the words can have them all
        List<int>? rarest = null;
        foreach (var token in tokens)
        {
            if (!_decisionsWithToken.TryGetValue(token, out var with))
            {
                return null;
            }

            rarest = rarest is null || with.Count < rarest.Count ? with : rarest;
        }

        CatalogEntry? best = null;
        var bestExtra = int.MaxValue;
        var tie = false;
        foreach (var i in rarest!)
        {
            var (entry, entryTokens, _) = _decisionTokens[i];
            if ((root is not null && entry.Root != root) || !tokens.IsSubsetOf(entryTokens))
            {
                continue;
            }

            var extra = entryTokens.Count - tokens.Count;
            if (extra < bestExtra)
            {
                best = entry;
                bestExtra = extra;
                tie = false;
            }
            else if (extra == bestExtra && best is not null && best.Root == entry.Root)
            {
                tie = true;
            }
        }

        // Two equally good titles: ambiguous, let the caller offer the closest ones instead.
        return tie ? null : best;
    }

    private static string NormalizePath(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }

                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }

    private CatalogEntry? InRoot(List<CatalogEntry> list, string? root)
    {
        if (list.Count == 0)
        {
            return null;
        }

        return root is null ? list[0] : list.FirstOrDefault(e => e.Root == root);
    }

    private static List<CatalogEntry> Lookup(Dictionary<string, List<CatalogEntry>> map, string key) =>
        map.TryGetValue(key, out var list) ? list : [];
}
