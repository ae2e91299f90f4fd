using ArchMcp.Core.Model;
using ArchMcp.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ArchMcp.Core.Tests.Checklists;

/// <summary>Reviews against the shipped <c>knowledge/</c> folder, indexed for real into a temp index.</summary>
public sealed class ShippedKnowledgeReviewTests : IDisposable
{
    private readonly TempKnowledgeFolder _index = new(source: null);
    private readonly KnowledgeService _service;

    public ShippedKnowledgeReviewTests()
    {
        var root = KnowledgeRoots.FindDefault() ?? throw new InvalidOperationException("The shipped knowledge/ folder was not found.");
        var options = Options.Create(new KnowledgeOptions { Roots = [$"knowledge={root}"], IndexPath = _index.Path });
        _service = new KnowledgeService(options, NullLogger<KnowledgeService>.Instance);
    }

    [Theory]
    [InlineData("""
        # Order service

        The order service calls the payment and stock services over plain HTTP inside the cluster.
        Customers sign up with an email and a password; the order service stores user passwords hashed with MD5 in its PostgreSQL database.
        After saving an order it publishes an OrderPlaced event to Kafka from the application code, without an outbox.
        """)]
    public async Task ReviewDesign_WhenPlainHttpMd5PasswordsAndNoOutbox_ReportsThreeViolationsAndHighRisk(string design)
    {

        var result = await _service.ReviewDesignAsync(new ChecklistRequest { Design = design, Limit = 20 });

        foreach (var id in new[] { "SEC-011", "SEC-002", "EVT-003" })
        {
            var item = Assert.Single(result.Items, i => i.Item.Id == id);
            Assert.Equal(Verdicts.Violated, item.Verdict);
            Assert.NotNull(item.Design);
            Assert.True(item.Design!.Line > 0);
            Assert.NotNull(item.Rule);
        }

        Assert.Equal("high", result.Risk.Overall);
        Assert.Equal(result.Items.Count(i => i.Verdict is Verdicts.Met or Verdicts.Violated), result.Risk.JudgedByRule);
    }

    [Fact]
    public async Task ReviewDesign_WhenDesignIsForAnotherService_ListsNoneOfTheProductsOwnDecisions()
    {
        const string design = """
            The order service exposes a REST API over HTTP with an index of orders kept in PostgreSQL, publishes events to Kafka,
            and searches orders with synonyms for product names. It runs as a native AOT container and logs to stdout.
            """;

        var review = await _service.ReviewDesignAsync(new ChecklistRequest { Design = design, Limit = 50 });
        var checklist = await _service.DesignChecklistAsync(new ChecklistRequest { Design = design, Limit = 50 });

        Assert.DoesNotContain(review.Items, i => i.Item.Kind == "decision");
        Assert.DoesNotContain(checklist.Items, i => i.Kind == "decision");
        Assert.NotEmpty(checklist.Items);
    }

    [Fact]
    public async Task DesignChecklist_WhenDesignIsAboutArchMcp_ListsItsDecisions()
    {
        var result = await _service.DesignChecklistAsync(new ChecklistRequest { Design = "ArchMcp serves MCP over stdio and Streamable HTTP; where does ArchMcp keep its Lucene index?", Limit = 20 });

        Assert.Contains(result.Items, i => i.Kind == "decision");
    }

    public void Dispose()
    {
        _service.Dispose();
        _index.Dispose();
    }
}
