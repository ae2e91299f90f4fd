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
    /// .md, a path, an <c>arch://decisions/</c> URI, the exact title or all the content words of the title. Null when none
    /// fits, or when the title's words fit several equally; the first root's when the reference names several.
    /// </summary>
    public CatalogEntry? ResolveDecision(string reference, string? root = null)
    {
        var (candidates, byTitleWords) = DecisionCandidates(reference, root);
        return byTitleWords && candidates.Count > 1 ? null : candidates.FirstOrDefault();
    }

    /// <summary>
    /// Every decision the reference names, read the first way that names any (URI, id, number, name, title, title
    /// words; see <see cref="ResolveDecision"/>), in root then path order: several when records share a number or roots
    /// share an id. ByTitleWords is true when only the title's words matched.
    /// </summary>
    public (IReadOnlyList<CatalogEntry> Candidates, bool ByTitleWords) DecisionCandidates(string reference, string? root = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var r = reference.Trim().Trim('"', '\'', '`', '“', '”').Trim();
        if (r.Length == 0)
        {
            return ([], false);
        }

        if (r.StartsWith("arch://decisions/", StringComparison.OrdinalIgnoreCase))
        {
            if (Decisions.FirstOrDefault(d => string.Equals(d.Uri, r, StringComparison.OrdinalIgnoreCase)) is { } handedOut)
            {
                return ([handedOut], false); // a URI this catalog handed out names one decision of one root
            }

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

        if (InRoots(Lookup(_byId, (GroupOf(DocumentKind.Decision), r.ToLowerInvariant())), root) is { Count: > 0 } byId)
        {
            return (byId, false);
        }

        var number = NumberReference().Match(r);
        if (number.Success && int.TryParse(number.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && InRoots(Lookup(_byNumber, n), root) is { Count: > 0 } byNumber)
        {
            return (byNumber, false);
        }

        if (ByName(r, root) is { Count: > 0 } byName)
        {
            return (byName, false);
        }

        if (InRoots(Lookup(_byTitle, CatalogText.Normalize(r)), root) is { Count: > 0 } byTitle)
        {
            return (byTitle, false);
        }

        return (ByTitleWords(r, root), true);
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

    private List<CatalogEntry> ByName(string reference, string? root)
    {
        var path = NormalizePath(reference);
        foreach (var r in root is null ? _roots : [root])
        {
            if (_byPath.TryGetValue((r, path), out var entry) && entry.Kind == DocumentKind.Decision)
            {
                return [entry];
            }
        }

        var stem = FileNames.Stem(path);
        var hits = InRoots(Lookup(_byName, CatalogText.Normalize(stem)).Where(e => e.Kind == DocumentKind.Decision).ToList(), root);
        if (hits.Count == 0)
        {
            var slug = CatalogText.Normalize(FileNames.Analyze(stem).Slug);
            hits = InRoots(Lookup(_byName, slug).Where(e => e.Kind == DocumentKind.Decision).ToList(), root);
        }

        return hits;
    }

    /// <summary>The decisions whose titles hold all the reference's words with the fewest other words (several on a tie).</summary>
    private List<CatalogEntry> ByTitleWords(string reference, string? root)
    {
        var tokens = CatalogText.Tokens(reference);
        if (tokens.Count == 0)
        {
            return [];
        }

        // only the decisions with the rarest of the words can have them all
        List<int>? rarest = null;
        foreach (var token in tokens)
        {
            if (!_decisionsWithToken.TryGetValue(token, out var with))
            {
                return [];
            }

            rarest = rarest is null || with.Count < rarest.Count ? with : rarest;
        }

        var best = new List<CatalogEntry>();
        var bestExtra = int.MaxValue;
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
                best.Clear();
                bestExtra = extra;
            }

            if (extra == bestExtra)
            {
                best.Add(entry);
            }
        }

        // Equally good titles in one root are ambiguous; across roots, the first root's is meant (as for ids).
        return best.Count > 1 ? best.FindAll(e => e.Root == best[0].Root) : best;
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
