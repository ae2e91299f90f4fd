using ArchMcp.Core.Checklists;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Tests.Checklists;

public class DocumentScopeTests
{
    [Fact]
    public void Parse_WhenFlowMapping_ReadsComponentsTechnologiesAndPaths()
    {
        var scope = DocumentScope.Parse("---\nstatus: accepted\nscope: { components: [billing], technologies: [kafka], paths: [\"services/billing/**\"] }\n---\n# T\n");

        Assert.NotNull(scope);
        Assert.Equal(["billing"], scope!.Components);
        Assert.Equal(["kafka"], scope.Technologies);
        Assert.Equal(["services/billing/**"], scope.Paths);
    }

    [Fact]
    public void Parse_WhenBareListOrNoScope_ListIsComponentsAndAbsentIsGeneral()
    {
        Assert.Equal(["billing", "invoices"], DocumentScope.Parse("---\nscope: [billing, invoices]\n---\n")!.Components);
        Assert.Null(DocumentScope.Parse("---\nstatus: accepted\n---\n# T\n"));
        Assert.Null(DocumentScope.Parse("# No front matter\n"));
        Assert.Null(DocumentScope.Parse("---\nscope: [unclosed\n---\n"));
    }

    [Theory]
    [InlineData("The billing service sends invoices.", true)]
    [InlineData("The Invoice Export job writes CSV files.", true)]
    [InlineData("We change services/billing/api/handler.go to add a field.", true)]
    [InlineData("The order service sends emails.", false)]
    [InlineData("The rebilling queue is drained nightly.", false)]
    public void Covers_WhenDesignNamesComponentOrPath_IsTrue(string design, bool expected)
    {
        var scope = new DocumentScope(["billing", "invoice-export"], [], ["services/billing/**"]);

        Assert.Equal(expected, scope.Covers(design));
    }

    [Fact]
    public void Review_WhenDecisionScopedToAnotherComponent_LeavesItOut()
    {
        var retriever = new InMemoryRetriever()
            .AddDecision(1, "Use Redis for the billing cache", "We use Redis for the cache of the billing service.")
            .AddRule("CACHE-1", RuleLevel.Should, "SHOULD set a TTL on every cache entry");
        var scoped = new DocumentScope(["billing"], [], []);
        var engine = new ChecklistEngine(retriever, scopes: (_, path) => path.StartsWith("decisions/", StringComparison.Ordinal) ? scoped : null);

        var other = engine.Checklist(new ChecklistRequest { Design = "The order service keeps a Redis cache of carts." });
        var billing = engine.Checklist(new ChecklistRequest { Design = "The billing service keeps a Redis cache of invoices." });

        Assert.DoesNotContain(other.Items, i => i.Kind == "decision");
        Assert.Contains(other.Items, i => i.Id == "CACHE-1");
        Assert.Contains(billing.Items, i => i.Kind == "decision");
    }

    [Fact]
    public void Checklist_WhenUnscopedDecisionSharesOnlyAPassingWord_LeavesItOutAboveTheFloor()
    {
        var retriever = new InMemoryRetriever()
            .AddDecision(1, "Publish domain events to Kafka", "We publish domain events to Kafka topics through an outbox table.")
            .AddDecision(2, "Document each service in a README", "Every service keeps a README that names its owner and its on-call rota.")
            .AddRule("EVT-1", RuleLevel.Must, "MUST publish events through a transactional outbox");
        var design = new ChecklistRequest { Design = "The order service publishes OrderPlaced domain events to Kafka topics through an outbox table." };

        var floored = new ChecklistEngine(retriever).Checklist(design);
        var unfloored = new ChecklistEngine(retriever, new ChecklistTuning { DecisionFloor = 0 }).Checklist(design);

        Assert.Contains(floored.Items, i => i.Id == "ADR-0001");
        Assert.DoesNotContain(floored.Items, i => i.Id == "ADR-0002");
        Assert.Contains(unfloored.Items, i => i.Id == "ADR-0002");
    }
}
