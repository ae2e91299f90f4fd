using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Catalog;

/// <summary>Building the catalog: final ids, lookup tables and two-way relations.</summary>
internal sealed partial class KnowledgeCatalog
{
    /// <summary>Builds the catalog. Deterministic: ids and duplicates are assigned in root, then path order.</summary>
    public static KnowledgeCatalog Build(IEnumerable<KnowledgeDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var docs = documents.Where(d => d is not null).ToList();
        var roots = new List<string>();
        var rootOrder = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var d in docs)
        {
            if (rootOrder.TryAdd(d.Root, rootOrder.Count))
            {
                roots.Add(d.Root);
            }
        }

        docs.Sort((a, b) =>
        {
            var r = rootOrder[a.Root].CompareTo(rootOrder[b.Root]);
            return r != 0 ? r : string.CompareOrdinal(a.Path, b.Path);
        });

        // An id is a function of the file: its front matter id, number or name. When several files of a root claim
        // one, the file nearest the root keeps it (at equal depth the first by path) and each other file is told apart
        // by its own path, so adding or removing a folder elsewhere never renames a file (only a file claiming the same
        // id nearer the root, or at its depth and earlier, takes the plain id).
        var claims = docs.GroupBy(d => (d.Root, Group: GroupOf(d.Kind), Id: BaseId(d).ToLowerInvariant()))
            .ToDictionary(g => g.Key, g => g.OrderBy(d => Depth(d.Path)).ThenBy(d => d.Path, StringComparer.Ordinal).First());
        var taken = claims.Keys.ToHashSet();
        var ids = new Dictionary<KnowledgeDocument, string>(ReferenceEqualityComparer.Instance);
        foreach (var doc in docs)
        {
            var group = GroupOf(doc.Kind);
            var baseId = BaseId(doc);
            if (ReferenceEquals(claims[(doc.Root, group, baseId.ToLowerInvariant())], doc))
            {
                ids[doc] = baseId;
                continue;
            }

            var id = $"{baseId}-{PathQualifier(doc.Path)}";
            for (var n = 2; !taken.Add((doc.Root, group, id.ToLowerInvariant())); n++)
            {
                id = $"{baseId}-{PathQualifier(doc.Path)}-{n}"; // only when two paths differ in case or punctuation alone
            }

            ids[doc] = id;
        }

        var firstRootOfId = new Dictionary<(string Group, string Id), string>();
        var entries = new List<CatalogEntry>(docs.Count);
        foreach (var doc in docs)
        {
            var group = GroupOf(doc.Kind);
            var id = ids[doc];
            var key = (group, id.ToLowerInvariant());
            var uri = $"arch://{group}/{System.Uri.EscapeDataString(id)}";
            if (!firstRootOfId.TryAdd(key, doc.Root) && firstRootOfId[key] != doc.Root)
            {
                uri += $"?root={System.Uri.EscapeDataString(doc.Root)}";
            }

            entries.Add(new CatalogEntry(doc, id, uri));
        }

        var catalog = new KnowledgeCatalog(entries, roots);
        catalog.Index();
        catalog.ResolveRelations();
        return catalog;
    }

    private static string BaseId(KnowledgeDocument doc) =>
        string.IsNullOrWhiteSpace(doc.Id) ? FileNames.Analyze(doc.Path).Slug : doc.Id.Trim();

    private static int Depth(string path) => path.Count(c => c == '/');

    /// <summary>The file's path without its extension as one lower-case slug: "services/a/0007-b.md" → "services-a-0007-b".</summary>
    private static string PathQualifier(string path)
    {
        var dot = path.LastIndexOf('.');
        var stem = dot > path.LastIndexOf('/') + 1 ? path[..dot] : path;
        var slug = new System.Text.StringBuilder(stem.Length);
        foreach (var c in stem.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.ToString().TrimEnd('-') is { Length: > 0 } q ? q : "file";
    }

    private void Index()
    {
        var decisions = new List<CatalogEntry>();
        var standards = new List<CatalogEntry>();
        var rules = new List<CatalogRule>();
        foreach (var entry in _entries)
        {
            _byPath[(entry.Root, entry.Path)] = entry;
            Add(_byId, (GroupOf(entry.Kind), entry.Id.ToLowerInvariant()), entry);
            if (entry.Kind == DocumentKind.Decision)
            {
                decisions.Add(entry);
                if (entry.Number is { } n)
                {
                    Add(_byNumber, n, entry);
                }

                var file = FileNames.Analyze(entry.Path);
                // numbers are resolved as numbers (a sign or a prefix decides), never as names: "-1" names no decision
                foreach (var name in entry.Document.Aliases.Where(a => !a.All(char.IsAsciiDigit)).Prepend(entry.Document.Id).Prepend(file.Slug).Prepend(file.Stem))
                {
                    var key = CatalogText.Normalize(name);
                    if (key.Length > 0 && !Lookup(_byName, key).Contains(entry))
                    {
                        Add(_byName, key, entry);
                    }
                }

                Add(_byTitle, CatalogText.Normalize(entry.Title), entry);
                var tokens = CatalogText.Tokens(entry.Title);
                tokens.UnionWith(CatalogText.Tokens(file.Slug));
                foreach (var token in tokens)
                {
                    Add(_decisionsWithToken, token, _decisionTokens.Count);
                }

                _decisionTokens.Add((entry, tokens, CatalogText.Normalize(file.Slug)));
            }
            else
            {
                var key = CatalogText.Normalize(FileNames.Stem(entry.Path));
                if (key.Length > 0)
                {
                    Add(_byName, key, entry);
                }

                foreach (var alias in entry.Document.Aliases)
                {
                    Add(_pagesByAlias, alias, entry);
                }

                if (entry.Kind == DocumentKind.Standard)
                {
                    standards.Add(entry);
                }
            }

            foreach (var rule in entry.Document.Rules)
            {
                var catalogRule = new CatalogRule(rule, entry);
                entry.RuleList.Add(catalogRule);
                rules.Add(catalogRule);
                Add(_rulesById, RuleKey(rule.Id), catalogRule);
                foreach (var alias in rule.Aliases)
                {
                    Add(_rulesByAlias, RuleKey(alias), catalogRule);
                }
            }
        }

        Decisions = decisions;
        Standards = standards;
        Rules = rules;
    }

    private void ResolveRelations()
    {
        foreach (var entry in Decisions)
        {
            foreach (var relation in entry.Document.Decision?.Relations ?? [])
            {
                var target = ResolveTarget(entry, relation.Target)
                    ?? (relation.Alternative is { } alternative ? ResolveDecision(alternative, entry.Root) : null);
                if (target == entry)
                {
                    target = null;
                }

                entry.StatedList.Add(new ResolvedRelation(relation.Kind, relation.Target, relation.Line, target));
                if (target is null)
                {
                    continue;
                }

                switch (relation.Kind)
                {
                    case RelationKind.Supersedes:
                        Link(entry.SupersedesList, target, target.SupersededByList, entry);
                        break;
                    case RelationKind.SupersededBy:
                        Link(entry.SupersededByList, target, target.SupersedesList, entry);
                        break;
                    case RelationKind.Amends:
                        Link(entry.AmendsList, target, target.AmendedByList, entry);
                        break;
                    case RelationKind.AmendedBy:
                        Link(entry.AmendedByList, target, target.AmendsList, entry);
                        break;
                    default:
                        Link(entry.RelatedList, target, target.RelatedList, entry);
                        break;
                }
            }
        }
    }

    private CatalogEntry? ResolveTarget(CatalogEntry from, string target)
    {
        var t = target.Trim();
        if (t.Length == 0)
        {
            return null;
        }

        if (t.Contains('/') || t.Contains('\\') || KnowledgeLoader.IsKnowledgeFile(t))
        {
            var dir = from.Path.Contains('/') ? from.Path[..from.Path.LastIndexOf('/')] : "";
            var combined = NormalizePath(dir.Length == 0 ? t : $"{dir}/{t}");
            if (_byPath.TryGetValue((from.Root, combined), out var byPath) && byPath.Kind == DocumentKind.Decision)
            {
                return byPath;
            }

            if (ByName(FileNames.Stem(t), from.Root) is { Count: > 0 } byStem)
            {
                return byStem[0];
            }
        }

        return ResolveDecision(t, from.Root);
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue value)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }

    private static void Link(List<CatalogEntry> forward, CatalogEntry target, List<CatalogEntry> backward, CatalogEntry source)
    {
        if (!forward.Contains(target))
        {
            forward.Add(target);
        }

        if (!backward.Contains(source))
        {
            backward.Add(source);
        }
    }
}
