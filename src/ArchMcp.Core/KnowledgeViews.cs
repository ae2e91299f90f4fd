using System.Globalization;
using ArchMcp.Core.Catalog;
using ArchMcp.Core.Model;

namespace ArchMcp.Core;

/// <summary>
/// Maps the catalog's entries (and a file's full parse, where an answer quotes it) to the views the tools return:
/// documents, decisions with their chosen sections and relations, decision summaries and references, rules and
/// standards. No lookups and no I/O here: the caller passes what it found.
/// </summary>
internal static class KnowledgeViews
{
    private static readonly string[] DefaultSections = ToolContract.DefaultSections.Split(", ");

    public static DocumentView Document(CatalogEntry e, string markdown) => new()
    {
        Id = e.Id,
        Kind = e.Kind.ToWire(),
        Title = e.Title,
        Uri = e.Uri,
        Path = e.Path,
        Root = e.Root,
        Markdown = markdown,
    };

    /// <summary>A decision with its relations, the decision in force and the <paramref name="wanted"/> sections of its full parse.</summary>
    public static DecisionView Decision(KnowledgeCatalog catalog, CatalogEntry entry, KnowledgeDocument full, IReadOnlyList<string> wanted) => new()
    {
        Id = entry.Id,
        Aliases = entry.Document.Aliases,
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
        Sections = SelectSections(full.Sections, wanted.Count == 0 ? DefaultSections : wanted),
        Decision = entry.Decision?.Outcome,
    };

    public static DecisionSummary Summary(CatalogEntry d) => new()
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

    /// <summary>A rule; its full text comes from <paramref name="full"/>, the parse of its file (empty without one).</summary>
    public static RuleView Rule(CatalogRule rule, KnowledgeDocument? full) => new()
    {
        Id = rule.Id,
        Aliases = rule.Rule.Aliases,
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

    /// <summary>A standard with its rules' statements (not their full texts).</summary>
    public static StandardView Standard(CatalogEntry standard) => new()
    {
        Id = standard.Id,
        Title = standard.Title,
        Kind = standard.Kind.ToWire(),
        Uri = standard.Uri,
        Path = standard.Path,
        Line = standard.Line,
        Root = standard.Root,
        Rules = [.. standard.Rules.Select(r => Rule(r, null))],
    };

    public static DecisionRef Ref(CatalogEntry d) => new(d.Id, d.Title, d.Status.ToWire(), d.Uri, d.Path, d.Line);

    public static IReadOnlyList<DecisionRef> Refs(IEnumerable<CatalogEntry> entries) => [.. entries.Select(Ref)];

    public static string? DateText(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Whether a section heading answers a section name (context, decision, consequences, options, drivers, status, or
    /// any words): the names templates give the same part of a record (Problem, Outcome, Implications…). "Decision
    /// Drivers", "Decision Makers", "Decision Date" are not the decision.
    /// </summary>
    public static bool SectionMatches(string heading, string wanted)
    {
        var h = heading.ToLowerInvariant();
        return wanted.Trim().ToLowerInvariant() switch
        {
            "context" => h.Contains("context") || h.Contains("problem") || h.Contains("background"),
            "decision" => (h.Contains("decision") || h.Contains("outcome") || h == "resolution")
                && !h.Split(HeadingWordBreaks, StringSplitOptions.RemoveEmptyEntries).Any(w => DecisionAsides.Any(a => w.StartsWith(a, StringComparison.Ordinal))),
            "consequences" => h.Contains("consequence") || h.Contains("implications"),
            "options" => h.Contains("option") || h.Contains("pros and cons") || h.Contains("alternatives"),
            "drivers" => h.Contains("driver") || h.Contains("forces"),
            "status" => h.Contains("status"),
            var other => h.Contains(other),
        };
    }

    private static readonly char[] HeadingWordBreaks = [' ', '-', '_', ':', '.', '/', '&', '(', ')'];

    /// <summary>Words of headings about a decision that are not its outcome: "Decision Drivers", "Decision-makers", "Decision Date".</summary>
    private static readonly string[] DecisionAsides = ["driver", "maker", "date", "status", "related"];

    /// <summary><paramref name="text"/> cut at a sentence (or line) end before <paramref name="max"/> characters, marked with an ellipsis.</summary>
    public static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text.LastIndexOfAny(['.', '\n'], max - 1);
        return text[..(cut > max / 2 ? cut + 1 : max)].TrimEnd() + " …";
    }

    private static IReadOnlyList<DecisionSection> SelectSections(IReadOnlyList<Section> sections, IReadOnlyList<string> wanted)
    {
        var all = wanted.Any(w => w.Equals("all", StringComparison.OrdinalIgnoreCase));
        return [.. sections
            .Where(s => s.Level > 1 && (all || wanted.Any(w => SectionMatches(s.Heading, w))) && s.Text.Length > 0)
            .Select(s => new DecisionSection(s.Heading, s.Line, Cut(s.Text, ToolContract.MaxSectionChars)))];
    }
}
