using System.Globalization;
using System.Text.RegularExpressions;
using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Catalog;

/// <summary>Standards and their rules resolved from loose references.</summary>
internal sealed partial class KnowledgeCatalog
{
    [GeneratedRegex(@"^(?:rules?)\s*(?:#|no\.?|number)?\s*(?<id>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex RulePrefix();

    [GeneratedRegex(@"\s*::\s*")]
    private static partial Regex PathSeparator();

    /// <summary>
    /// A rule by identifier: "176", "#176", "rule 176", "API-001", an anchor ("http-url-casing"), "path :: heading"
    /// (case-insensitive), or an <c>arch://…/rules/…</c> URI. The first root that has it when <paramref name="root"/> is null.
    /// </summary>
    public CatalogRule? ResolveRule(string id, string? root = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.StartsWith("arch://", StringComparison.OrdinalIgnoreCase)
            && Rules.FirstOrDefault(r => string.Equals(r.Uri, id, StringComparison.OrdinalIgnoreCase)) is { } exact)
        {
            // a URI this catalog handed out names one rule of one document of one root
            return exact;
        }

        foreach (var key in RuleKeys(id))
        {
            if (_rulesById.TryGetValue(key, out var list))
            {
                var hit = root is null ? list[0] : list.FirstOrDefault(r => r.Document.Root == root);
                if (hit is not null)
                {
                    return hit;
                }
            }
        }

        // another name of one rule ("path :: heading" of a rule whose id is in its front matter); a name several rules
        // share (a guide page's checklist code, on each of its sections) names their page, not one of them
        foreach (var key in RuleKeys(id))
        {
            if (_rulesByAlias.TryGetValue(key, out var list) && list.Where(r => root is null || r.Document.Root == root).ToList() is [var only])
            {
                return only;
            }
        }

        return null;
    }

    /// <summary>Every rule with this identifier (several standards or roots may reuse one).</summary>
    public IReadOnlyList<CatalogRule> RulesWithId(string id, string? root = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        foreach (var key in RuleKeys(id))
        {
            if (_rulesById.TryGetValue(key, out var list))
            {
                return root is null ? list : list.Where(r => r.Document.Root == root).ToList();
            }
        }

        return [];
    }

    /// <summary>
    /// The pages (not decisions) that are themselves cited by <paramref name="id"/> — a guide page that carries a
    /// checklist code as its own identifier — in catalog order.
    /// </summary>
    public IReadOnlyList<CatalogEntry> PagesWithAlias(string id, string? root = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _pagesByAlias.TryGetValue(id.Trim(), out var pages) ? InRoots(pages, root) : [];
    }

    /// <summary>Rule identifiers nearest to <paramref name="id"/>, for "did you mean".</summary>
    public IReadOnlyList<CatalogRule> ClosestRules(string id, int count, string? root = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        var key = (RuleKeys(id).FirstOrDefault() ?? "").ToLowerInvariant();
        int? wanted = int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var w) ? w : null;
        var tokens = CatalogText.Tokens(id);
        return Rules.Where(r => root is null || r.Document.Root == root)
            .Select(r =>
            {
                var ruleKey = r.Id.ToLowerInvariant();
                var score = wanted is { } target && int.TryParse(ruleKey, NumberStyles.None, CultureInfo.InvariantCulture, out var actual)
                    ? 1.0 / (1 + Math.Abs(actual - target))
                    : (0.5 * CatalogText.Similarity(key, ruleKey)) + (0.5 * CatalogText.Coverage(tokens, CatalogText.Tokens(r.Rule.Statement)));
                return (Rule: r, Score: score);
            })
            .OrderByDescending(s => s.Score).ThenBy(s => s.Rule.Document.Path, StringComparer.Ordinal)
            .Take(Math.Max(0, count)).Select(s => s.Rule).ToList();
    }

    /// <summary>A standard by id, slug, file name or path; falls back to another document with rules of that id.</summary>
    public CatalogEntry? ResolveStandard(string id, string? root = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        var r = id.Trim();
        if (r.StartsWith("arch://", StringComparison.OrdinalIgnoreCase))
        {
            var parts = r["arch://".Length..].Split('/', '?');
            r = parts.Length >= 2 ? System.Uri.UnescapeDataString(parts[1]) : r;
        }

        if (Get(DocumentKind.Standard, r, root) is { } standard)
        {
            return standard;
        }

        if (Find(root ?? "", r) is { } byPath && byPath.Kind != DocumentKind.Decision)
        {
            return byPath;
        }

        foreach (var entry in Lookup(_byName, CatalogText.Normalize(FileNames.Stem(r))))
        {
            if (entry.Kind != DocumentKind.Decision && (root is null || entry.Root == root))
            {
                return entry;
            }
        }

        return Get(DocumentKind.Reference, r, root) is { Rules.Count: > 0 } reference ? reference : PagesWithAlias(r, root).FirstOrDefault();
    }

    private IEnumerable<string> RuleKeys(string id)
    {
        var s = id.Trim().Trim('"', '\'', '`');
        if (s.StartsWith("arch://", StringComparison.OrdinalIgnoreCase))
        {
            var at = s.IndexOf("/rules/", StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                var rest = s[(at + "/rules/".Length)..];
                var query = rest.IndexOf('?', StringComparison.Ordinal);
                s = System.Uri.UnescapeDataString(query < 0 ? rest : rest[..query]);
            }
        }

        yield return RuleKey(s);
        var m = RulePrefix().Match(s);
        var stripped = (m.Success ? m.Groups["id"].Value : s).Trim().TrimStart('#').Trim();
        if (stripped.Length > 0)
        {
            yield return RuleKey(stripped);
            var zeros = stripped.TrimStart('0');
            if (zeros.Length > 0 && zeros.All(char.IsAsciiDigit) && zeros != stripped)
            {
                yield return zeros;
            }
        }
    }

    /// <summary>The id with its path separator normalised; looked up ignoring case (no lower-cased copy of every id is kept).</summary>
    private static string RuleKey(string id) => PathSeparator().Replace(id.Trim(), " :: ");
}
