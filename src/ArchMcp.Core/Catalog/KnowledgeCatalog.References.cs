using System.Globalization;
using System.Text.RegularExpressions;
using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Catalog;

/// <summary>Decisions found from the references people give: numbers, ids, slugs, file names, paths, URIs, titles.</summary>
internal sealed partial class KnowledgeCatalog
{
    // a bare number, or one after a prefix ("ADR-7", "decision 7") or "#": never after a lone sign ("-1" is no reference)
    [GeneratedRegex(@"^(?:(?:ADR|decision|record|dr|proposal)s?[\s#:_-]*|#\s*)?(?:no\.?\s*)?0*(?<n>\d{1,6})$", RegexOptions.IgnoreCase)]
    private static partial Regex NumberReference();

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
        if (IsNormalPath(path))
        {
            return path; // as index keys and catalog paths are: found for every hit of a search without a copy
        }

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

    /// <summary>Whether <paramref name="path"/> is as <see cref="NormalizePath"/> makes it: '/' between parts, none empty, '.' or '..'.</summary>
    private static bool IsNormalPath(string path)
    {
        if (path.Contains('\\'))
        {
            return false;
        }

        foreach (var part in path.AsSpan().Split('/'))
        {
            if (path.AsSpan(part) is "" or "." or "..")
            {
                return path.Length == 0;
            }
        }

        return true;
    }
}
