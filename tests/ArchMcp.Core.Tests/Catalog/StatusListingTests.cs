using ArchMcp.Core.Catalog;
using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;
using ArchMcp.Tests.Shared;

namespace ArchMcp.Core.Tests.Catalog;

/// <summary>Decisions listed by a status word, as "which ADRs are still pending?" asks.</summary>
public class StatusListingTests
{
    private static KnowledgeCatalog Load(string? corpus)
    {
        if (corpus is not null)
        {
            Corpora.Require(corpus);
        }

        using var folder = new TempKnowledgeFolder(corpus is null ? TempKnowledgeFolder.FixturesPath : Corpora.Folder(corpus));
        var docs = KnowledgeLoader.LoadAll(new KnowledgeRoot(corpus ?? "k", folder.Path), 4 * 1024 * 1024, []).Select(f => f.Document!);
        return KnowledgeCatalog.Build(docs);
    }

    /// <summary>The listing read off every decision: word in the stated status first, then by number and path.</summary>
    private static List<CatalogEntry> EveryDecision(KnowledgeCatalog catalog, string word, DecisionStatus status, string? root) =>
    [
        .. catalog.Decisions
            .Where(d => root is null || d.Root == root)
            .Select(d => (d, Exact: d.RawStatus.Contains(word, StringComparison.OrdinalIgnoreCase) && !StatusMapper.IsChoiceList(d.RawStatus)))
            .Where(x => x.Exact || x.d.Status == status)
            .OrderByDescending(x => x.Exact)
            .ThenBy(x => x.d.Number ?? int.MaxValue)
            .ThenBy(x => x.d.Path, StringComparer.Ordinal)
            .Select(x => x.d),
    ];

    [SkippableTheory]
    [InlineData(null, "accepted", DecisionStatus.Accepted)]
    [InlineData(null, "proposed", DecisionStatus.Proposed)]
    [InlineData(null, "superseded", DecisionStatus.Superseded)]
    [InlineData("govuk-aws", "pending", DecisionStatus.Proposed)]
    [InlineData("govuk-aws", "superseded", DecisionStatus.Superseded)]
    [InlineData("govuk-aws", "accepted", DecisionStatus.Accepted)]
    [InlineData("log4brains", "superseded", DecisionStatus.Superseded)]
    public void DecisionsByStatus_ListsTheDecisionsEveryDecisionsStatusWouldList(string? corpus, string word, DecisionStatus status)
    {
        var catalog = Load(corpus);

        var listed = catalog.DecisionsByStatus(word, status);

        Assert.NotEmpty(listed);
        Assert.Equal(EveryDecision(catalog, word, status, null), listed);
        Assert.Equal(EveryDecision(catalog, word, status, catalog.Roots[0]), catalog.DecisionsByStatus(word, status, catalog.Roots[0]));
        Assert.Empty(catalog.DecisionsByStatus(word, status, "no-such-root"));
    }

    [Fact]
    public void DecisionsByStatus_WhenAStatusIsATemplatesListOfChoices_DoesNotListItUnderOneOfThem()
    {
        using var folder = new TempKnowledgeFolder(null);
        const string Doc = "# {0}\n\n| | |\n|---|---|\n| Author | Sam |\n| Status | {1} |\n\n## Context\n\nWhy.\n\n## Decision\n\nWhat.\n";
        folder.Write("docs/final-one.md", string.Format(System.Globalization.CultureInfo.InvariantCulture, Doc, "Final one", "Final"));
        folder.Write("docs/unfilled.md", string.Format(System.Globalization.CultureInfo.InvariantCulture, Doc, "Unfilled", "_Draft / In Review / Final_"));
        var docs = KnowledgeLoader.LoadAll(new KnowledgeRoot("k", folder.Path), 4 * 1024 * 1024, []).Select(f => f.Document!);
        var catalog = KnowledgeCatalog.Build(docs);

        var listed = catalog.DecisionsByStatus("final", StatusMapper.Map("final"));

        Assert.Equal(["docs/final-one.md"], listed.Select(d => d.Path));
    }

    [SkippableFact]
    public void DecisionsByStatus_WhenGovukAwsPending_ListsItsSixPendingDecisionsByNumber()
    {
        var catalog = Load("govuk-aws");

        var listed = catalog.DecisionsByStatus("pending", DecisionStatus.Proposed);

        Assert.Equal(6, listed.Count(d => d.RawStatus == "Pending"));
        Assert.Equal(listed.Take(6).OrderBy(d => d.Number), listed.Take(6));
    }
}
