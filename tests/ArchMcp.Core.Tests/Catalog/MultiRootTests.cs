using ArchMcp.Core.Model;
using ArchMcp.Core.Tests.Harness;

namespace ArchMcp.Core.Tests.Catalog;

/// <summary>Several named roots in one engine, with clashing ADR numbers.</summary>
public sealed class MultiRootTests : IDisposable
{
    private readonly EngineHarness _engine = new(EngineHarness.Empty);
    private readonly KnowledgeService _service;

    public MultiRootTests()
    {
        var payments = _engine.ExtraFolder();
        var shipping = _engine.ExtraFolder();
        payments.Write("decisions/0001-use-stripe.md", "# 1. Use Stripe for card payments\n\nDate: 2022-01-01\n\n## Status\n\nAccepted\n\n## Decision\n\nCard payments go through Stripe.\n");
        payments.Write("decisions/0002-store-ledger-in-postgres.md", "# 2. Keep the ledger in PostgreSQL\n\nDate: 2022-02-01\n\n## Status\n\nAccepted\n\n## Decision\n\nThe ledger is a PostgreSQL table, append only.\n");
        shipping.Write("decisions/0001-use-dhl-api.md", "# 1. Use the DHL API for labels\n\nDate: 2023-01-01\n\n## Status\n\nProposed\n\n## Decision\n\nShipping labels come from the DHL API.\n");
        _service = _engine.NewService($"payments={payments.Path}", $"shipping={shipping.Path}");
    }

    public void Dispose() => _engine.Dispose();

    [Fact]
    public async Task ListDecisions_WhenRootsShareANumber_KeepsBothWithDistinctRootsAndUris()
    {
        var page = await _service.ListDecisionsAsync(new DecisionQuery());

        var ones = page.Items.Where(d => d.Number == 1).ToList();
        Assert.Equal(2, ones.Count);
        Assert.Equal(["payments", "shipping"], ones.Select(d => d.Root));
        Assert.Equal(2, ones.Select(d => d.Uri).Distinct().Count());
        Assert.Equal(3, page.Total);
    }

    [Fact]
    public async Task ListDecisions_WhenRootGiven_ReturnsOnlyThatRoot()
    {
        var page = await _service.ListDecisionsAsync(new DecisionQuery { Root = "shipping" });

        Assert.Equal("Use the DHL API for labels", Assert.Single(page.Items).Title);
    }

    [Theory]
    [InlineData("payments", "Use Stripe for card payments")]
    [InlineData("shipping", "Use the DHL API for labels")]
    public async Task GetDecision_WhenRootGiven_ResolvesTheNumberInThatRoot(string root, string title)
    {
        var decision = await _service.GetDecisionAsync(new GetDecisionRequest { Reference = "ADR-0001", Root = root });

        Assert.Equal(title, decision.Title);
        Assert.Equal(root, decision.Root);
    }

    [Fact]
    public async Task GetDecision_WhenTheNumberIsInSeveralRootsAndNoRootGiven_TheFirstRootAnswersAndSaysWhichRoot()
    {
        // roots are layered in the order given: a number another root also uses is not ambiguous
        var decision = await _service.GetDecisionAsync(new GetDecisionRequest { Reference = "ADR-0001" });

        Assert.Equal("payments", decision.Root);
        Assert.Equal("Use Stripe for card payments", decision.Title);
    }

    [Fact]
    public async Task GetDecision_WhenThePlainUriOfTheFirstRoot_ResolvesItWithoutAmbiguity()
    {
        var payments = (await _service.ListDecisionsAsync(new DecisionQuery { Root = "payments" })).Items[0];

        var decision = await _service.GetDecisionAsync(new GetDecisionRequest { Reference = payments.Uri });

        Assert.Equal("payments", decision.Root);
    }

    [Fact]
    public async Task GetDecision_WhenUriHasRootQuery_ResolvesTheDecisionOfThatRoot()
    {
        var shipping = (await _service.ListDecisionsAsync(new DecisionQuery { Root = "shipping" })).Items[0];

        var decision = await _service.GetDecisionAsync(new GetDecisionRequest { Reference = shipping.Uri });

        Assert.Equal("shipping", decision.Root);
    }

    [Fact]
    public async Task Search_WhenNumberNamedWithRootFilter_PinsThatRootsDecision()
    {
        var result = await _service.SearchAsync(new SearchRequest { Query = "ADR 1", Root = "shipping" });

        Assert.Equal("Use the DHL API for labels", result.Hits[0].Title);
        Assert.All(result.Hits, h => Assert.Equal("shipping", h.Root));
    }

    [Fact]
    public async Task Search_WhenWordsMatchOneRoot_ReturnsThatRootsDecision()
    {
        var result = await _service.SearchAsync(new SearchRequest { Query = "shipping labels" });

        Assert.Equal("shipping", result.Hits[0].Root);
    }

    [Fact]
    public async Task GetIndexInfo_WhenTwoRoots_ListsBothByName()
    {
        var info = await _service.GetIndexInfoAsync();

        Assert.Equal(["payments", "shipping"], info.Roots.Select(r => r.Name));
        Assert.Equal(3, info.Decisions);
    }
}
