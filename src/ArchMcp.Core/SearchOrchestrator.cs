using ArchMcp.Core.Catalog;
using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;
using ArchMcp.Core.Search;
using ArchMcp.Search;

namespace ArchMcp.Core;

/// <summary>
/// Answers a search: reads the query's intent (a record named, a relation followed, a status asked for), pins what it
/// names, ranks the rest through the index, and turns the picks into cards with snippets. Reads the indexer's current
/// snapshot; answers are cached per snapshot when <see cref="KnowledgeOptions.CacheAnswers"/> is on.
/// </summary>
internal sealed class SearchOrchestrator(KnowledgeIndexer indexer, ISearchIndex index, RootFileReader files, bool cacheAnswers)
{
    private readonly ISearchIndex _index = index;
    private readonly RootFileReader _files = files;

    /// <summary>Ranking factor for decisions that are no longer in force (they rank below their successors).</summary>
    public const double NotInForceFactor = 0.85;

    /// <summary>Ranking factor for templates, process documents and folder indexes the query does not name.</summary>
    public const double AuxiliaryFactor = 0.7;

    /// <summary>Ranking factor for decisions when the query asks for a decision.</summary>
    public const double DecisionAskedFactor = 1.3;

    public const int MaxLimit = ToolContract.SearchLimitMax;

    public const int MaxQueryChars = ToolContract.MaxQueryChars;

    /// <summary>Ranked search over all knowledge; a request out of the contract's limits is an <see cref="InvalidQueryException"/>.</summary>
    public async Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Query))
        {
            throw new InvalidQueryException("The query is empty. Ask in words (\"why Kafka\"), or name a record (\"ADR 12\", \"rule 176\").");
        }

        if (request.Query.Length > MaxQueryChars)
        {
            throw new InvalidQueryException($"The query is {request.Query.Length} characters long; the limit is {MaxQueryChars}. Ask a shorter question, or pass a design text to design_checklist.");
        }

        if (request.Limit is < 1 or > MaxLimit)
        {
            throw new InvalidQueryException($"limit must be between 1 and {MaxLimit} (got {request.Limit}).");
        }

        var state = await indexer.ReadyAsync(cancellationToken).ConfigureAwait(false);
        // one searcher for the whole answer: section entries are read for the hits shown, after the final ordering
        SearchResult Compute(SearchRequest r) => _index.Read(ranker => Answer(ranker, state.Catalog, r), null) ?? Answer(null, state.Catalog, r);
        return cacheAnswers ? state.Answers.GetOrAdd(request, Compute) : Compute(request);
    }

    private SearchResult Answer(IRanker? ranker, KnowledgeCatalog catalog, SearchRequest request)
    {
        var intent = QueryInterpreter.Interpret(request.Query);
        var terms = _index.Terms(request.Query);
        var text = ranker is null ? [] : ranker.RankFiles(terms, Filter(request), Math.Max(request.Limit * 3, 30));

        var pinned = new List<(CatalogEntry Entry, string Reason, int? Line, string? Snippet)>();
        var notes = new List<string>();
        Pin(ranker, catalog, intent, request.Root, pinned, notes);

        var picks = new List<(CatalogEntry Entry, double Score, FileHit? Hit, string? Snippet, int? Line, string? Reason)>();
        var seen = new HashSet<CatalogEntry>();
        foreach (var (entry, reason, line, snippet) in pinned)
        {
            if (picks.Count < request.Limit && Matches(entry, request) && seen.Add(entry))
            {
                var key = IndexKey.Of(entry.Root, entry.Path);
                picks.Add((entry, 1.0, text.FirstOrDefault(h => h.Key == key), snippet, line, reason));
            }
        }

        var ranked = text
            .Select(h => (Hit: h, Entry: FindKey(catalog, h.Key)))
            .Where(x => x.Entry is not null && !seen.Contains(x.Entry))
            .Select(x => (x.Hit, Entry: x.Entry!, Score: x.Hit.Score * Prior(x.Entry!, intent, terms)))
            .OrderByDescending(x => x.Score);
        foreach (var (hit, entry, score) in ranked)
        {
            if (picks.Count >= request.Limit)
            {
                break;
            }

            picks.Add((entry, Math.Round(score, 4), hit, null, null, null));
        }

        var sections = picks.Select(p => ranker?.ReadSection(p.Hit)).ToList();
        var snippets = _index.Snippets([.. picks.Select((p, i) => p.Snippet is null && sections[i] is { } best ? (best.Text.Length > 0 ? best.Text : best.Heading) : null)], terms);
        // a hit's file is read once for the answer: the quoted line of each hit, the coverage of the best
        var markdown = new string?[picks.Count];
        string FileOf(int i) => markdown[i] ??= _files.ReadOrEmpty(picks[i].Entry);
        var hits = picks.Select((p, i) => Card(catalog, p.Entry, p.Score, p.Snippet ?? snippets[i], p.Line ?? QuotedLine(() => FileOf(i), sections[i], snippets[i]), p.Reason)).ToList();
        var coverage = pinned.Count > 0 ? 1 : picks.Count == 0 ? 0 : AnswerCoverage.Of(_index, request.Query, $"{picks[0].Entry.Title}\n{FileOf(0)}");
        return new SearchResult(request.Query, hits, notes.Count == 0 ? null : string.Join("; ", notes), coverage >= AnswerCoverage.Floor) { Coverage = coverage };
    }

    /// <summary>The line of the sentence a snippet quotes from a section (the section's line when it is not found).</summary>
    private static int? QuotedLine(Func<string> markdown, SectionMatch? section, string snippet) =>
        section is null || snippet.Length == 0 ? section?.Line : QuoteLine.Find(markdown(), section.Line, snippet) ?? section.Line;

    /// <summary>Results the query asks for by reference, relation or status, in the order they answer it.</summary>
    private void Pin(IRanker? ranker, KnowledgeCatalog catalog, QueryIntent intent, string? root,
        List<(CatalogEntry, string, int?, string?)> pinned, List<string> notes)
    {
        var subjects = new List<CatalogEntry>();
        foreach (var n in intent.DecisionNumbers)
        {
            if (catalog.ResolveDecision(n.ToString(System.Globalization.CultureInfo.InvariantCulture), root) is { } d)
            {
                subjects.Add(d);
            }
        }

        foreach (var id in intent.RuleIds)
        {
            // a page that is itself cited by the id answers before the document that lists it among its rules
            foreach (var page in catalog.PagesWithAlias(id, root))
            {
                pinned.Add((page, $"cited as {id}", null, null));
            }

            if (catalog.ResolveRule(id, root) is { } rule)
            {
                pinned.Add((rule.Document, $"rule {rule.Id}", rule.Rule.Line, $"{rule.Rule.RawLevel} {rule.Rule.Statement}"));
                notes.Add($"rule {rule.Id} is in {rule.Document.Path}");
            }
            else if (catalog.ResolveDecision(id, root) is { } d)
            {
                subjects.Add(d);
            }
        }

        if (intent.StatusWord is { } word)
        {
            var wanted = EnumText.TryParseStatus(word, out var s) ? s : StatusMapper.Map(word);
            var listed = catalog.DecisionsByStatus(word, wanted, root);
            foreach (var d in listed)
            {
                pinned.Add((d, $"status: {d.RawStatus}", null, null));
            }

            if (listed.Count > 0)
            {
                notes.Add($"decisions with status '{word}'");
            }
        }

        if (intent.Follow is { } follow)
        {
            if (subjects.Count == 0 && ranker is not null)
            {
                // the subject is the best decision matching the rest of the query that has the relation asked for
                var subjectTerms = _index.Terms(intent.Subject);
                var candidates = ranker.RankFiles(subjectTerms, new SearchFilter(Kind: DocumentKind.Decision.ToWire()), 5)
                    .Select(h => FindKey(catalog, h.Key)).OfType<CatalogEntry>().ToList();
                var withRelation = candidates.Take(3).FirstOrDefault(c => Related(c, follow).Count > 0);
                if (withRelation is not null)
                {
                    subjects.Add(withRelation);
                }
            }

            foreach (var subject in subjects.ToList())
            {
                foreach (var target in Related(subject, follow))
                {
                    pinned.Add((target, $"{target.Id} {Verb(follow)} {subject.Id}", null, null));
                }

                notes.Add($"{follow.ToWire()} of {subject.Id}");
            }
        }

        foreach (var subject in subjects)
        {
            pinned.Add((subject, $"{subject.Id} named in the query", null, null));
        }
    }

    /// <summary>
    /// How much a file's rank counts beyond its words. Principles: a page around the knowledge rather than knowledge —
    /// a template, a process document, a folder index that states no rules — ranks below the records and standards
    /// with the same words unless the query names it (its file name, or its folder for a folder index); a query that asks
    /// for a decision ("the decision about …", "which ADR …") prefers decisions; a decision no longer in force ranks
    /// below its successors.
    /// </summary>
    private double Prior(CatalogEntry entry, QueryIntent intent, IReadOnlyList<string> terms)
    {
        var prior = entry.InForce ? 1.0 : NotInForceFactor;
        if (IsAuxiliary(entry) && !NamedBy(entry, terms))
        {
            prior *= AuxiliaryFactor;
        }

        return intent.AsksForDecision && entry.Kind == DocumentKind.Decision ? prior * DecisionAskedFactor : prior;
    }

    private static bool IsAuxiliary(CatalogEntry entry) =>
        entry.Kind == DocumentKind.Template || FileNames.IsProcessDocument(entry.Path)
        || (FileNames.IsFolderIndex(entry.Path) && entry.Kind != DocumentKind.Decision && entry.Rules.Count == 0);

    /// <summary>Whether a query term is a word of the file's name (or, for a folder index, of its folder's name).</summary>
    private bool NamedBy(CatalogEntry entry, IReadOnlyList<string> terms)
    {
        var folders = entry.Path.Replace('\\', '/').Split('/');
        var name = FileNames.Stem(entry.Path) + (FileNames.IsFolderIndex(entry.Path) && folders.Length > 1 ? " " + folders[^2] : "");
        return _index.Terms(name.Replace('-', ' ').Replace('_', ' ')).Any(terms.Contains);
    }

    internal static CatalogEntry? FindKey(KnowledgeCatalog catalog, string key)
    {
        return IndexKey.TrySplit(key, out var root, out var path) ? catalog.Find(root, path) : null;
    }

    private static IReadOnlyList<CatalogEntry> Related(CatalogEntry entry, RelationKind kind) => kind switch
    {
        RelationKind.SupersededBy => entry.SupersededBy,
        RelationKind.Supersedes => entry.Supersedes,
        RelationKind.AmendedBy => entry.AmendedBy,
        RelationKind.Amends => entry.Amends,
        _ => entry.Related,
    };

    private static string Verb(RelationKind kind) => kind switch
    {
        RelationKind.SupersededBy => "supersedes",
        RelationKind.Supersedes => "is superseded by",
        RelationKind.AmendedBy => "amends",
        RelationKind.Amends => "is amended by",
        _ => "relates to",
    };

    private static bool Matches(CatalogEntry entry, SearchRequest request) =>
        (request.Kind is null || entry.Kind == request.Kind) &&
        (request.Status is null || entry.Status == request.Status) &&
        (request.Root is null || entry.Root == request.Root) &&
        request.Tags.All(t => entry.Tags.Contains(t, StringComparer.OrdinalIgnoreCase));

    /// <summary>The request's kind, status, root and tags as the index's filter (null when it names none).</summary>
    private static SearchFilter? Filter(SearchRequest request) =>
        request.Kind is null && request.Status is null && request.Root is null && request.Tags.Count == 0
            ? null
            : new SearchFilter(request.Kind?.ToWire(), request.Status?.ToWire(), request.Root, request.Tags);

    private static SearchHit Card(KnowledgeCatalog catalog, CatalogEntry entry, double score, string snippet, int? line, string? reason)
    {
        var superseded = entry.SupersededBy.Count > 0 ? entry.SupersededBy.Select(s => s.Id).ToList() : null;
        var inForce = superseded is null ? null : catalog.InForce(entry);
        return new SearchHit
        {
            Id = entry.Id,
            Kind = entry.Kind.ToWire(),
            Title = entry.Title,
            Status = entry.Kind == DocumentKind.Decision ? entry.Status.ToWire() : null,
            Date = entry.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Snippet = snippet,
            Uri = entry.Uri,
            Path = entry.Path,
            Line = line ?? entry.Line,
            Root = entry.Root,
            Score = score,
            SupersededBy = superseded,
            InForce = inForce is not null && inForce != entry ? inForce.Id : null,
            Reason = reason,
            Decision = entry.Decision?.Outcome?.Text,
        };
    }
}
