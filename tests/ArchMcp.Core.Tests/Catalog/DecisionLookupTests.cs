using ArchMcp.Core.Model;
using ArchMcp.Core.Tests.Harness;

namespace ArchMcp.Core.Tests.Catalog;

/// <summary>GetDecisionAsync and ListDecisionsAsync over the fixtures.</summary>
public sealed class DecisionLookupTests : IDisposable
{
    private readonly EngineHarness _engine = new();

    public void Dispose() => _engine.Dispose();

    private Task<DecisionView> Get(string reference, params string[] sections) =>
        _engine.Service.GetDecisionAsync(new GetDecisionRequest { Reference = reference, Sections = sections });

    [Theory]
    [InlineData("3")]
    [InlineData("0003")]
    [InlineData("ADR-0003")]
    [InlineData("ADR-3")]
    [InlineData("adr 3")]
    [InlineData("choose-api-gateway")]
    [InlineData("0003-choose-api-gateway")]
    [InlineData("0003-choose-api-gateway.md")]
    [InlineData("decisions/0003-choose-api-gateway.md")]
    [InlineData("arch://decisions/ADR-0003")]
    [InlineData("Choose an API gateway")]
    [InlineData("api gateway")]
    public async Task GetDecision_WhenReferenceNamesADecision_ReturnsIt(string reference)
    {
        var decision = await Get(reference);

        Assert.Equal("ADR-0003", decision.Id);
        Assert.Equal(3, decision.Number);
        Assert.Equal("Choose an API gateway", decision.Title);
        Assert.Equal("proposed", decision.Status);
        Assert.Equal("2022-01-15", decision.Date);
        Assert.Equal(["api", "gateway", "security"], decision.Tags);
        Assert.Equal("decisions/0003-choose-api-gateway.md", decision.Path);
    }

    [Fact]
    public async Task GetDecision_WhenFileNameHasNoNumber_ResolvesBySlug()
    {
        var decision = await Get("20240115-adopt-opentelemetry.md");

        Assert.Equal("adopt-opentelemetry", decision.Id);
        Assert.Null(decision.Number);
        Assert.Equal("2024-01-15", decision.Date);
    }

    [Fact]
    public async Task GetDecision_WhenNoSectionsAsked_ReturnsContextDecisionAndConsequences()
    {
        var decision = await Get("ADR-0001");

        Assert.Equal(["Context", "Decision", "Consequences"], decision.Sections.Select(s => s.Heading));
        var d = decision.Sections[1];
        Assert.Contains("Apache Kafka", d.Text);
        Assert.Equal(_engine.FindLine("decisions/0001-use-kafka-for-events.md", "## Decision"), d.Line);
    }

    [Fact]
    public async Task GetDecision_WhenOptionsAsked_ReturnsOnlyTheOptionsSection()
    {
        var decision = await Get("ADR-0003", "options");

        var section = Assert.Single(decision.Sections);
        Assert.Equal("Considered Options", section.Heading);
        Assert.Contains("Envoy Gateway", section.Text);
    }

    [Fact]
    public async Task GetDecision_WhenAllAsked_ReturnsEverySectionWithText()
    {
        var decision = await Get("ADR-0003", "all");

        Assert.Equal(["Context and Problem Statement", "Considered Options", "Decision Outcome"], decision.Sections.Select(s => s.Heading));
    }

    [Fact]
    public async Task GetDecision_WhenMadrSectionNames_MapsContextAndDecision()
    {
        var decision = await Get("ADR-0003", "context", "decision");

        Assert.Equal(["Context and Problem Statement", "Decision Outcome"], decision.Sections.Select(s => s.Heading));
    }

    [Fact]
    public async Task GetDecision_WhenSuperseded_ReturnsChainBothWaysAndDecisionInForce()
    {
        var old = await Get("ADR 2");
        var successor = await Get("ADR 5");

        Assert.Equal("superseded", old.Status);
        Assert.Equal("ADR-0005", Assert.Single(old.SupersededBy).Id);
        Assert.Equal("ADR-0005", old.InForce.Id);
        Assert.Equal("ADR-0002", Assert.Single(successor.Supersedes).Id);
        Assert.Equal("ADR-0005", successor.InForce.Id);
    }

    [Fact]
    public async Task GetDecision_WhenAmendedInFrontMatter_ReturnsAmendmentBothWays()
    {
        var amended = await Get("ADR-0001");
        var amending = await Get("ADR-0006");

        Assert.Equal("ADR-0006", Assert.Single(amended.AmendedBy).Id);
        Assert.Equal("ADR-0001", Assert.Single(amending.Amends).Id);
        Assert.Equal("ADR-0001", amended.InForce.Id);
    }

    [Fact]
    public async Task GetDecision_WhenNumberUnknown_ThrowsNotFoundNamingTheClosest()
    {
        var ex = await Assert.ThrowsAsync<DecisionNotFoundException>(() => Get("ADR-0042"));

        // three suggestions, each the id and title of a decision that exists
        var decisions = (await _engine.Service.ListDecisionsAsync(new DecisionQuery { Limit = 100 })).Items;
        Assert.Equal(3, ex.Closest.Count);
        Assert.All(ex.Closest, c => Assert.Contains(decisions, d => c == $"{d.Id} {d.Title}"));
        Assert.Contains(ex.Closest[0], ex.Message);
        Assert.Contains("ADR-0042", ex.Message);
    }

    [Fact]
    public async Task GetDecision_WhenTitleMisspelled_ThrowsNotFoundWithTheIntendedDecisionClosest()
    {
        var ex = await Assert.ThrowsAsync<DecisionNotFoundException>(() => Get("Use Kafak for domian evnets"));

        Assert.StartsWith("ADR-0001", ex.Closest[0]);
    }

    [Fact]
    public async Task GetDecision_WhenReferenceIsAStandard_ThrowsNotFound()
    {
        await Assert.ThrowsAsync<DecisionNotFoundException>(() => Get("SEGAS-00006"));
    }

    [Fact]
    public async Task GetDecision_WhenReferenceEmpty_ThrowsInvalidQuery()
    {
        await Assert.ThrowsAsync<InvalidQueryException>(() => Get(" "));
    }

    [Fact]
    public async Task ListDecisions_WhenNoFilter_ReturnsEveryDecisionInNumberOrder()
    {
        var page = await _engine.Service.ListDecisionsAsync(new DecisionQuery());

        Assert.Equal(9, page.Total);
        Assert.Null(page.NextOffset);
        Assert.Equal(["ADR-0001", "ADR-0002", "ADR-0003", "ADR-0004", "ADR-0005", "ADR-0006", "ADR-0007", "ADR-0008", "adopt-opentelemetry"], page.Items.Select(d => d.Id));
        Assert.DoesNotContain(page.Items, d => d.Status == "unknown");
    }

    [Fact]
    public async Task ListDecisions_WhenPaged_WalksEveryDecisionOnceWithNextOffset()
    {
        var seen = new List<string>();
        int? offset = 0;
        var pages = 0;
        while (offset is { } o)
        {
            var page = await _engine.Service.ListDecisionsAsync(new DecisionQuery { Offset = o, Limit = 4 });
            Assert.Equal(9, page.Total);
            Assert.Equal(o, page.Offset);
            Assert.InRange(page.Items.Count, 1, 4);
            seen.AddRange(page.Items.Select(d => d.Id));
            offset = page.NextOffset;
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(9, seen.Distinct().Count());
    }

    [Fact]
    public async Task ListDecisions_WhenOffsetPastTheEnd_ReturnsNoItemsAndNoNextOffset()
    {
        var page = await _engine.Service.ListDecisionsAsync(new DecisionQuery { Offset = 100 });

        Assert.Empty(page.Items);
        Assert.Null(page.NextOffset);
        Assert.Equal(9, page.Total);
    }

    [Fact]
    public async Task ListDecisions_WhenDateRangeGiven_ReturnsDecisionsDatedInsideIt()
    {
        var page = await _engine.Service.ListDecisionsAsync(new DecisionQuery { From = new DateOnly(2023, 1, 1), To = new DateOnly(2023, 12, 31) });

        Assert.Equal(["ADR-0005", "ADR-0006", "ADR-0007"], page.Items.Select(d => d.Id));
    }

    [Fact]
    public async Task ListDecisions_WhenFromOnly_IncludesTheBoundaryDay()
    {
        var page = await _engine.Service.ListDecisionsAsync(new DecisionQuery { From = new DateOnly(2024, 1, 15) });

        Assert.Equal(["ADR-0008", "adopt-opentelemetry"], page.Items.Select(d => d.Id));
    }

    [Fact]
    public async Task ListDecisions_WhenStatusGiven_ReturnsOnlyThatStatus()
    {
        var superseded = await _engine.Service.ListDecisionsAsync(new DecisionQuery { Status = DecisionStatus.Superseded });
        var rejected = await _engine.Service.ListDecisionsAsync(new DecisionQuery { Status = DecisionStatus.Rejected });

        var item = Assert.Single(superseded.Items);
        Assert.Equal("ADR-0002", item.Id);
        Assert.Equal(["ADR-0005"], item.SupersededBy);
        var abandoned = Assert.Single(rejected.Items);
        Assert.Equal("Abandoned", abandoned.RawStatus);
    }

    [Fact]
    public async Task ListDecisions_WhenTagGiven_ReturnsOnlyTaggedDecisions()
    {
        var page = await _engine.Service.ListDecisionsAsync(new DecisionQuery { Tag = "tracing" });

        Assert.Equal("adopt-opentelemetry", Assert.Single(page.Items).Id);
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(0, 0)]
    [InlineData(0, 10001)]
    public async Task ListDecisions_WhenPagingOutOfRange_ThrowsInvalidQuery(int offset, int limit)
    {
        await Assert.ThrowsAsync<InvalidQueryException>(() => _engine.Service.ListDecisionsAsync(new DecisionQuery { Offset = offset, Limit = limit }));
    }

    [Fact]
    public async Task ListDecisions_WhenFromAfterTo_ThrowsInvalidQuery()
    {
        await Assert.ThrowsAsync<InvalidQueryException>(() =>
            _engine.Service.ListDecisionsAsync(new DecisionQuery { From = new DateOnly(2024, 1, 1), To = new DateOnly(2023, 1, 1) }));
    }
}
