using System.Globalization;
using ArchMcp.Core.Catalog;
using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;

namespace ArchMcp.Core;

public sealed partial class KnowledgeService
{
    /// <summary>Longest section text returned by get_decision (characters); longer sections are cut at a sentence.</summary>
    public const int MaxSectionChars = 2000;

    private static readonly string[] DefaultSections = ["context", "decision", "consequences"];

    public async Task<DecisionView> GetDecisionAsync(GetDecisionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Reference))
        {
            throw new InvalidQueryException("Name the decision: \"ADR-7\", \"7\", \"0007\", a slug, a file name or words of its title.");
        }

        var catalog = (await ReadyAsync(cancellationToken).ConfigureAwait(false)).Catalog;
        var entry = catalog.ResolveDecision(request.Reference.Trim(), request.Root)
            ?? throw new DecisionNotFoundException(request.Reference, [.. catalog.ClosestDecisions(request.Reference, 3).Select(d => $"{d.Id} {d.Title}")]);
        var full = LoadFull(entry);
        var wanted = request.Sections.Count == 0 ? DefaultSections : request.Sections;
        return new DecisionView
        {
            Id = entry.Id,
            Number = entry.Number,
            Title = entry.Title,
            Status = entry.Status.ToWire(),
            RawStatus = entry.RawStatus,
            Date = DateText(entry.Date),
            Tags = entry.Tags,
            DecisionMakers = entry.Decision?.DecisionMakers,
            Uri = entry.Uri,
            Path = entry.Path,
            Line = entry.Line,
            Root = entry.Root,
            Supersedes = Refs(entry.Supersedes),
            SupersededBy = Refs(entry.SupersededBy),
            Amends = Refs(entry.Amends),
            AmendedBy = Refs(entry.AmendedBy),
            InForce = Ref(catalog.InForce(entry)),
            Related = Refs(entry.Related),
            Sections = SelectSections(full.Sections, wanted),
        };
    }

    public async Task<DecisionPage> ListDecisionsAsync(DecisionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Offset < 0 || query.Limit is < 1 or > 10000)
        {
            throw new InvalidQueryException($"offset must be 0 or more and limit between 1 and 10000 (got offset {query.Offset}, limit {query.Limit}).");
        }

        if (query.From is { } from && query.To is { } to && from > to)
        {
            throw new InvalidQueryException($"The date range is empty: from {from:yyyy-MM-dd} is after to {to:yyyy-MM-dd}.");
        }

        var catalog = (await ReadyAsync(cancellationToken).ConfigureAwait(false)).Catalog;
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
        var items = all.Skip(query.Offset).Take(query.Limit).Select(Summary).ToList();
        var next = query.Offset + items.Count < all.Count ? query.Offset + items.Count : (int?)null;
        return new DecisionPage(all.Count, query.Offset, items, next);
    }

    public async Task<RuleLookup> GetRuleAsync(string id, string? root = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new InvalidQueryException("Name the rule: its number (\"176\"), id (\"API-001\"), anchor or \"path :: heading\"; or a standard's id.");
        }

        var catalog = (await ReadyAsync(cancellationToken).ConfigureAwait(false)).Catalog;
        if (catalog.ResolveRule(id.Trim(), root) is { } rule)
        {
            return new RuleLookup(RuleViewOf(rule, LoadFull(rule.Document)), null);
        }

        if (catalog.ResolveStandard(id.Trim(), root) is { } standard)
        {
            return new RuleLookup(null, new StandardView
            {
                Id = standard.Id,
                Title = standard.Title,
                Kind = standard.Kind.ToWire(),
                Uri = standard.Uri,
                Path = standard.Path,
                Line = standard.Line,
                Root = standard.Root,
                Rules = [.. standard.Rules.Select(r => RuleViewOf(r, null))],
            });
        }

        throw new RuleNotFoundException(id, [.. catalog.ClosestRules(id, 3, root).Select(r => $"{r.Id} ({r.Rule.Statement})")]);
    }

    internal static RuleView RuleViewOf(CatalogRule rule, KnowledgeDocument? full) => new()
    {
        Id = rule.Id,
        Level = rule.Rule.Level.ToWire(),
        RawLevel = rule.Rule.RawLevel,
        Statement = rule.Rule.Statement,
        Text = full?.Rules.FirstOrDefault(r => r.Id == rule.Id)?.Text ?? "",
        StandardId = rule.Document.Id,
        StandardTitle = rule.Document.Title,
        Uri = rule.Uri,
        Path = rule.Document.Path,
        Line = rule.Rule.Line,
        Root = rule.Document.Root,
    };

    /// <summary>The file parsed again from disk (for its sections and rule texts); the header when it cannot be read.</summary>
    private KnowledgeDocument LoadFull(CatalogEntry entry)
    {
        var root = _roots.FirstOrDefault(r => r.Name == entry.Root);
        if (root is null)
        {
            return entry.Document;
        }

        var full = Path.GetFullPath(Path.Combine(root.Path, entry.Path));
        try
        {
            var info = new FileInfo(full);
            var loaded = KnowledgeLoader.Load(root, new SourceFile(root.Name, entry.Path, full, info.Length, info.LastWriteTimeUtc), _options.MaxFileBytes);
            return loaded.Document ?? entry.Document;
        }
        catch (IOException)
        {
            return entry.Document;
        }
    }

    private static IReadOnlyList<DecisionSection> SelectSections(IReadOnlyList<Section> sections, IReadOnlyList<string> wanted)
    {
        var all = wanted.Any(w => w.Equals("all", StringComparison.OrdinalIgnoreCase));
        return [.. sections
            .Where(s => s.Level > 1 && (all || wanted.Any(w => SectionMatches(s.Heading, w))) && s.Text.Length > 0)
            .Select(s => new DecisionSection(s.Heading, s.Line, Cut(s.Text, MaxSectionChars)))];
    }

    private static bool SectionMatches(string heading, string wanted)
    {
        var h = heading.ToLowerInvariant();
        return wanted.Trim().ToLowerInvariant() switch
        {
            "context" => h.Contains("context") || h.Contains("problem") || h.Contains("background"),
            "decision" => h.Contains("decision") || h.Contains("outcome") || h == "resolution",
            "consequences" => h.Contains("consequence") || h.Contains("implications"),
            "options" => h.Contains("option") || h.Contains("pros and cons") || h.Contains("alternatives"),
            "drivers" => h.Contains("driver") || h.Contains("forces"),
            "status" => h.Contains("status"),
            var other => h.Contains(other),
        };
    }

    internal static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text.LastIndexOfAny(['.', '\n'], max - 1);
        return text[..(cut > max / 2 ? cut + 1 : max)].TrimEnd() + " …";
    }

    private static DecisionSummary Summary(CatalogEntry d) => new()
    {
        Id = d.Id,
        Number = d.Number,
        Title = d.Title,
        Status = d.Status.ToWire(),
        RawStatus = d.RawStatus,
        Date = DateText(d.Date),
        Supersedes = [.. d.Supersedes.Select(x => x.Id)],
        SupersededBy = [.. d.SupersededBy.Select(x => x.Id)],
        Amends = [.. d.Amends.Select(x => x.Id)],
        AmendedBy = [.. d.AmendedBy.Select(x => x.Id)],
        Tags = d.Tags,
        Uri = d.Uri,
        Path = d.Path,
        Line = d.Line,
        Root = d.Root,
    };

    private static DecisionRef Ref(CatalogEntry d) => new(d.Id, d.Title, d.Status.ToWire(), d.Uri, d.Path, d.Line);

    private static IReadOnlyList<DecisionRef> Refs(IEnumerable<CatalogEntry> entries) => [.. entries.Select(Ref)];

    internal static string? DateText(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
