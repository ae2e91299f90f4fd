using ArchMcp.Core.Checklists;

namespace ArchMcp.Core.Tests.Checklists;

/// <summary>
/// The technologies a changed file shows (its path, the words of its changed lines, identifiers split, what each is a
/// kind of) and the record technologies that therefore govern it.
/// </summary>
public sealed class TechnologyFootprintTests
{
    [Theory]
    [InlineData("web/src/Cart/CartView.tsx", "", "React", "TypeScript", "JavaScript")]
    [InlineData("web/src/pages/_app.js", "", "Next.js", "React", "JavaScript")]
    [InlineData("tools/cli/Cargo.toml", "", "Rust")]
    [InlineData("services/orders/build.gradle.kts", "", "Gradle")]
    [InlineData("zones/example.org.zone", "", "DNS")]
    [InlineData("infra/dns.tf", "resource \"aws_route53_record\" \"www\" {", "Terraform", "Route 53", "DNS")]
    [InlineData("infra/lb.tf", "resource \"aws_lb_target_group\" \"app\" {", "ELB")]
    [InlineData("src/Main.java", "import org.testcontainers.containers.GenericContainer;", "Java", "Testcontainers")]
    [InlineData("src/orders.py", "producer = KafkaProducer(bootstrap_servers=servers)", "Python", "Kafka")]
    [InlineData("src/Tracing.java", "import io.opentelemetry.api.trace.Span;", "OpenTelemetry")]
    public void Of_PathConventionsAndChangedWords_WithWhatTheyAreAKindOf(string path, string changed, params string[] expected)
    {
        var footprint = TechnologyFootprint.Of(path, changed);

        Assert.All(expected, t => Assert.Contains(t, footprint));
    }

    [Fact]
    public void Of_ProviderPrefixOfAnIdentifier_IsNoMentionOfTheProvider()
    {
        Assert.DoesNotContain("AWS", TechnologyFootprint.Of("infra/db.tf", "resource \"aws_db_instance\" \"main\" {"));
        Assert.Contains("AWS", TechnologyFootprint.Of("docs/hosting.md", "We host on AWS."));
    }

    [Theory]
    [InlineData("DNS", "infra/dns.tf", "resource \"aws_route53_zone\" \"main\" {", true)]
    [InlineData("React", "web/pages/_app.tsx", "", true)]
    [InlineData("ESLint", "web/src/cart.ts", "", true)]
    [InlineData("ESLint", "web/package.json", "\"left-pad\": \"1.3.0\"", false)]
    [InlineData("postgres", "db/schema.sql", "-- uses PostgreSQL 16", true)]
    [InlineData("Route 53", "zones/example.org.zone", "", false)]
    [InlineData("Rust", "tools/cli/main.go", "", false)]
    public void Covers_TheTechnologyOrALanguageItChecks_NeverTheNarrowerOne(string technology, string path, string changed, bool covers) =>
        Assert.Equal(covers, TechnologyFootprint.Covers(technology, TechnologyFootprint.Of(path, changed)));

    [Theory]
    [InlineData("Kafka node pools and node affinity", "Node.js")]
    [InlineData("Services react to events in order", "React")]
    [InlineData("A prettier report, a rust-proof bucket", "Prettier")]
    public void Vocabulary_EnglishWordsAreNoProducts(string text, string notNamed) =>
        Assert.DoesNotContain(Technologies.Find(text), t => t.Name == notNamed);

    [Theory]
    [InlineData("Use Next.js for static site generation", "Next.js")]
    [InlineData("Avoid React.FC type", "React")]
    [InlineData("Use Prettier, ESLint, Airbnb for the code style", "ESLint")]
    [InlineData("Internal DNS zones", "DNS")]
    [InlineData("Use Rust as programming language for the agent", "Rust")]
    public void Vocabulary_TitlesNameTheirTechnology(string title, string named) =>
        Assert.Contains(named, DocumentScope.Infer(title)!.Technologies);

    [Fact]
    public void CoversFile_ATechnologyOnlyTheRemovedLinesName_StillGoverns()
    {
        var scope = new DocumentScope([], ["Kafka"], []) { Inferred = true };

        Assert.Equal("technology Kafka", scope.CoversFile("src/orders.py", "producer = KafkaProducer(servers)"));
        Assert.Null(scope.CoversFile("src/orders.py", "print(order)"));
    }
}
