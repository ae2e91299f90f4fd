using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Catalog;

/// <summary>A relation as the file states it, with the decision it resolved to (null when it points nowhere).</summary>
internal sealed record ResolvedRelation(RelationKind Kind, string Target, int Line, CatalogEntry? Resolved);

/// <summary>One document of the catalog with its final, unique id and its resolved relations.</summary>
internal sealed class CatalogEntry
{
    internal readonly List<CatalogEntry> SupersedesList = [];
    internal readonly List<CatalogEntry> SupersededByList = [];
    internal readonly List<CatalogEntry> AmendsList = [];
    internal readonly List<CatalogEntry> AmendedByList = [];
    internal readonly List<CatalogEntry> RelatedList = [];
    internal readonly List<ResolvedRelation> StatedList = [];
    internal readonly List<CatalogRule> RuleList = [];

    internal CatalogEntry(KnowledgeDocument document, string id, string uri)
    {
        Document = document;
        Id = id;
        Uri = uri;
    }

    /// <summary>The document (possibly a header: no Text or Sections).</summary>
    public KnowledgeDocument Document { get; }

    /// <summary>Final id, unique per root and kind group (decisions, standards, references): "ADR-0007", "ADR-0007-2", "api-design".</summary>
    public string Id { get; }

    /// <summary><c>arch://decisions/{id}</c>, <c>arch://standards/{id}</c> or <c>arch://references/{id}</c> (with <c>?root=</c> when another root has the same id first).</summary>
    public string Uri { get; }

    public DocumentKind Kind => Document.Kind;
    public string Title => Document.Title;
    public string Path => Document.Path;
    public int Line => Document.TitleLine;
    public string Root => Document.Root;
    public IReadOnlyList<string> Tags => Document.Tags;
    public DateOnly? Date => Document.Date;

    public DecisionInfo? Decision => Document.Decision;
    public int? Number => Document.Decision?.Number;
    public DecisionStatus Status => Document.Decision?.Status ?? DecisionStatus.Unknown;
    public string RawStatus => Document.Decision?.RawStatus ?? "";

    /// <summary>
    /// False for a decision superseded, rejected or deprecated — by its status, by its own words naming its successor
    /// (in prose or a table: "deprecated in favour of ADR-12"), or by an accepted decision that says it replaces it —
    /// and for an older version of a versioned standard: still searchable, but they rank below what replaced them.
    /// </summary>
    public bool InForce => Kind == DocumentKind.Decision
        ? Status is not (DecisionStatus.Superseded or DecisionStatus.Rejected or DecisionStatus.Deprecated) && !Replaced
        : !Tags.Contains(VersionedFiles.OlderVersionTag, StringComparer.Ordinal);

    private bool Replaced => SupersededByList.Exists(successor => successor.Status == DecisionStatus.Accepted
        || StatedList.Exists(r => r.Kind == RelationKind.SupersededBy && r.Resolved == successor));

    /// <summary>Decisions this one replaces, stated here or by them (two-way).</summary>
    public IReadOnlyList<CatalogEntry> Supersedes => SupersedesList;

    /// <summary>Decisions that replace this one, stated here or by them (two-way).</summary>
    public IReadOnlyList<CatalogEntry> SupersededBy => SupersededByList;

    public IReadOnlyList<CatalogEntry> Amends => AmendsList;
    public IReadOnlyList<CatalogEntry> AmendedBy => AmendedByList;
    public IReadOnlyList<CatalogEntry> Related => RelatedList;

    /// <summary>The relations this file states, resolved (for lint: dangling and one-way links).</summary>
    public IReadOnlyList<ResolvedRelation> StatedRelations => StatedList;

    public IReadOnlyList<CatalogRule> Rules => RuleList;

    public override string ToString() => $"{Root}:{Id} ({Path})";
}

/// <summary>A rule with the document that holds it.</summary>
internal sealed record CatalogRule(Rule Rule, CatalogEntry Document)
{
    public string Id => Rule.Id;

    /// <summary>
    /// Its resource URI — the document's, then <c>/rules/{id}</c>, then the document's <c>?root=</c> if it has one —
    /// made when asked for: kept for every rule of a large catalog, URIs cost more memory than the rules.
    /// </summary>
    public string Uri
    {
        get
        {
            var query = Document.Uri.IndexOf('?', StringComparison.Ordinal);
            var document = query < 0 ? Document.Uri : Document.Uri[..query];
            return $"{document}/rules/{System.Uri.EscapeDataString(Rule.Id)}{(query < 0 ? "" : Document.Uri[query..])}";
        }
    }
}
