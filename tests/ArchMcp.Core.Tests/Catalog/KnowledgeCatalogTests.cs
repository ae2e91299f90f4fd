using ArchMcp.Core.Catalog;
using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;
using ArchMcp.Tests.Shared;

namespace ArchMcp.Core.Tests.Catalog;

public class KnowledgeCatalogTests
{
    private static List<KnowledgeDocument> FixtureDocuments(string root = "k")
    {
        var docs = new List<KnowledgeDocument>();
        foreach (var file in Directory.EnumerateFiles(TempKnowledgeFolder.FixturesPath, "*.md", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(TempKnowledgeFolder.FixturesPath, file).Replace('\\', '/');
            docs.Add(MarkdownKnowledgeParser.Parse(root, rel, File.ReadAllText(file)));
        }

        return docs;
    }

    /// <summary>What the lead persists: no text, no sections, no rule bodies.</summary>
    private static KnowledgeDocument Header(KnowledgeDocument d) =>
        d with { Text = "", Sections = [], Rules = d.Rules.Select(r => r with { Text = "" }).ToList() };

    private static KnowledgeCatalog Catalog() => KnowledgeCatalog.Build(FixtureDocuments().Select(Header));

    [Theory]
    [InlineData("ADR-7")]
    [InlineData("adr 7")]
    [InlineData("7")]
    [InlineData("0007")]
    [InlineData("#7")]
    [InlineData("ADR-0007")]
    [InlineData("cache-product-data")]
    [InlineData("adr-007-cache-product-data.md")]
    [InlineData("adr-007-cache-product-data")]
    [InlineData("decisions/adr-007-cache-product-data.md")]
    [InlineData("Cache product data at the edge")]
    [InlineData("product data cache")]
    [InlineData("arch://decisions/ADR-0007")]
    public void ResolveDecision_WhenAnyReferenceForm_FindsTheDecision(string reference) =>
        Assert.Equal("decisions/adr-007-cache-product-data.md", Catalog().ResolveDecision(reference)?.Path);

    [Fact]
    public void ResolveDecision_WhenNothingFits_ReturnsNullAndClosestSuggestsNeighbours()
    {
        var catalog = Catalog();

        Assert.Null(catalog.ResolveDecision("ADR-99"));
        Assert.Null(catalog.ResolveDecision("quantum blockchain"));
        Assert.Equal("ADR-0008", catalog.ClosestDecisions("ADR-9", 1)[0].Id);
        Assert.Equal("ADR-0001", catalog.ClosestDecisions("use kafak for events", 3)[0].Id);
    }

    [Fact]
    public void Build_WhenRelationsStatedOneWay_MakesThemTwoWay()
    {
        var catalog = Catalog();
        var postgresVm = catalog.ResolveDecision("2")!;
        var managed = catalog.ResolveDecision("5")!;
        var kafka = catalog.ResolveDecision("1")!;
        var partition = catalog.ResolveDecision("6")!;

        Assert.Equal([managed], postgresVm.SupersededBy);
        Assert.Equal([postgresVm], managed.Supersedes);
        Assert.Same(managed, catalog.InForce(postgresVm));
        Assert.Same(kafka, catalog.InForce(kafka));
        Assert.Equal([partition], kafka.AmendedBy);
        Assert.Equal([kafka], partition.Amends);
    }

    [Fact]
    public void InForce_WhenSupersessionCycle_Terminates()
    {
        var a = MarkdownKnowledgeParser.Parse("k", "decisions/0001-a.md", "# 1. A\n\n## Status\n\nSuperseded by [B](0002-b.md)\n");
        var b = MarkdownKnowledgeParser.Parse("k", "decisions/0002-b.md", "# 2. B\n\n## Status\n\nSuperseded by [A](0001-a.md)\n");
        var catalog = KnowledgeCatalog.Build([a, b]);

        var inForce = catalog.InForce(catalog.ResolveDecision("1")!);

        Assert.Contains(inForce.Id, new[] { "ADR-0001", "ADR-0002" });
    }

    [Theory]
    [InlineData("decisions/0003-cache.md")]
    [InlineData("decisions\\0003-cache.md")]
    [InlineData("./decisions/0003-cache.md")]
    [InlineData("/decisions//0003-cache.md/")]
    [InlineData("notes/../decisions/./0003-cache.md")]
    public void Find_WithAPathWrittenAnyWay_FindsTheFileItNames(string path)
    {
        var catalog = KnowledgeCatalog.Build([MarkdownKnowledgeParser.Parse("k", "decisions/0003-cache.md", "# 3. Cache\n\nStatus: accepted\n")]);

        Assert.Equal("ADR-0003", catalog.Find("k", path)?.Id);
        Assert.Null(catalog.Find("k", "decisions/../0003-cache.md"));
    }

    [Fact]
    public void Build_WhenDuplicateIds_QualifiesTheLaterOneByItsOwnPath()
    {
        var first = MarkdownKnowledgeParser.Parse("k", "decisions/0007-a.md", "# 7. A\n\nStatus: accepted\n");
        var second = MarkdownKnowledgeParser.Parse("k", "decisions/0007-b.md", "# 7. B\n\nStatus: accepted\n");
        var other = MarkdownKnowledgeParser.Parse("other", "decisions/0007-c.md", "# 7. C\n\nStatus: accepted\n");

        var catalog = KnowledgeCatalog.Build([second, other, first]);

        Assert.Equal("ADR-0007", catalog.Find("k", "decisions/0007-a.md")!.Id);
        Assert.Equal("ADR-0007-decisions-0007-b", catalog.Find("k", "decisions/0007-b.md")!.Id);
        Assert.Equal("arch://decisions/ADR-0007-decisions-0007-b", catalog.Find("k", "decisions/0007-b.md")!.Uri);
        Assert.Equal("ADR-0007", catalog.Find("other", "decisions/0007-c.md")!.Id);
        Assert.Equal("arch://decisions/ADR-0007?root=other", catalog.Find("other", "decisions/0007-c.md")!.Uri);
        Assert.Equal("decisions/0007-c.md", catalog.ResolveDecision("ADR-7", "other")!.Path);
    }

    [Theory]
    [InlineData("176", "176")]
    [InlineData("#176", "176")]
    [InlineData("rule 176", "176")]
    [InlineData("Rule #176", "176")]
    [InlineData("API-001", "API-001")]
    [InlineData("api-001", "API-001")]
    [InlineData("http-url-casing", "http-url-casing")]
    [InlineData("SEGAS-00015", "SEGAS-00015")]
    [InlineData("GUIDES/observability.html.md::short-term STORAGE", "guides/observability.html.md :: Short-term storage")]
    [InlineData("arch://standards/API/rules/176", "176")]
    public void ResolveRule_WhenAnyIdForm_FindsTheRule(string reference, string id) =>
        Assert.Equal(id, Catalog().ResolveRule(reference)?.Id);

    [Fact]
    public void Build_WhenStandards_GivesUrisAndStandardLookups()
    {
        var catalog = Catalog();

        var rule = catalog.ResolveRule("176")!;
        Assert.Equal("arch://standards/API/rules/176", rule.Uri);
        Assert.Equal("arch://standards/dotnet-naming/rules/standards%2Fdotnet-naming.md%20%3A%3A%20Names%20of%20types",
            catalog.ResolveRule("standards/dotnet-naming.md :: Names of types")!.Uri);
        Assert.Equal("API", catalog.ResolveStandard("api")!.Id);
        Assert.Equal("SEGAS-00006", catalog.ResolveStandard("SEGAS-00006")!.Id);
        Assert.Equal("dotnet-naming", catalog.ResolveStandard("dotnet-naming.md")!.Id);
        Assert.Equal("arch://references/event-driven", catalog.Get(DocumentKind.Reference, "event-driven")!.Uri);
        Assert.Equal("176", catalog.ClosestRules("175", 1)[0].Id);
        Assert.Null(catalog.ResolveRule("999"));
    }

    [Fact]
    public void Build_WhenHeadersOnly_GivesSameIdsAsFullDocuments()
    {
        var full = KnowledgeCatalog.Build(FixtureDocuments());
        var headers = Catalog();

        Assert.Equal(full.Entries.Select(e => (e.Id, e.Uri)), headers.Entries.Select(e => (e.Id, e.Uri)));
        Assert.Equal(full.Rules.Select(r => r.Uri), headers.Rules.Select(r => r.Uri));
    }

    [Fact]
    public void Build_When20000Documents_StaysFast()
    {
        var docs = new List<KnowledgeDocument>(20000);
        for (var i = 1; i <= 20000; i++)
        {
            docs.Add(new KnowledgeDocument
            {
                Root = "k", Path = $"decisions/{i:D5}-decision-{i}.md", Kind = DocumentKind.Decision, Id = $"ADR-{i:D4}", Title = $"Decision number {i}",
                Decision = new DecisionInfo
                {
                    Number = i, Status = DecisionStatus.Accepted, RawStatus = "Accepted",
                    Relations = i > 1 ? [new DecisionRelation(RelationKind.Supersedes, $"{i - 1:D5}-decision-{i - 1}.md", 5)] : [],
                },
            });
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var catalog = KnowledgeCatalog.Build(docs);
        var resolved = catalog.ResolveDecision("ADR-12345");
        watch.Stop();

        Assert.Equal(12345, resolved!.Number);
        Assert.Equal("ADR-12346", resolved.SupersededBy.Single().Id);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"Build took {watch.Elapsed}.");
    }
}
