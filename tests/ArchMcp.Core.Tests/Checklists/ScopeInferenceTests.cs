using ArchMcp.Core.Checklists;
using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Tests.Checklists;

/// <summary>
/// The scope of a record that declares none, inferred from what its title and outcome name (technologies, paths), and
/// whether a scope covers a changed file.
/// </summary>
public sealed class ScopeInferenceTests
{
    [Fact]
    public void Infer_TechnologiesNamed_AreTheScope_ButNotTheWebsMedia()
    {
        var scope = DocumentScope.Infer("Use GitHub Actions instead of Jenkins\nWe will build every repository with GitHub Actions over HTTP and JSON.");

        Assert.NotNull(scope);
        Assert.True(scope.Inferred);
        Assert.Equal(["GitHub Actions", "Jenkins"], scope.Technologies.Order(StringComparer.Ordinal));
        Assert.Empty(scope.Components);
        Assert.Empty(scope.Paths);
    }

    [Theory]
    [InlineData("Terraform files live in src/**/*.tf", "src/**/*.tf")]
    [InlineData("Workflows go in .github/workflows/ only", ".github/workflows/**")]
    [InlineData("Keep one Dockerfile per service", "**/Dockerfile")]
    [InlineData("Configure the build in `build.gradle`", "**/build.gradle")]
    [InlineData("Pipelines are defined in .gitlab-ci.yml at the root", "**/.gitlab-ci.yml")]
    [InlineData("Each chart lives in deploy/charts/app.yaml.", "deploy/charts/app.yaml")]
    public void Infer_PathsAndFileNamesWritten_BecomeGlobs(string text, string glob)
    {
        var scope = DocumentScope.Infer(text);

        Assert.NotNull(scope);
        Assert.Contains(glob, scope.Paths);
    }

    [Theory]
    [InlineData("Use Pub/Sub style messaging and/or queues, see https://example.com/docs/guide.html")]
    [InlineData("Prefer Node.js, e.g. for small tools; the Profile page stays")]
    [InlineData("API design guidelines")]
    [InlineData("Use REST with JSON over HTTP")]
    public void Infer_NothingSpecificNamed_LeavesTheRecordGeneral(string text) =>
        Assert.True(DocumentScope.Infer(text) is null or { Paths.Count: 0 }, "no path may be read from prose words, URLs or product names");

    [Fact]
    public void Infer_GeneralStandard_StaysGeneral_AndADeclaredScopeWins()
    {
        var declared = new DocumentScope(["billing"], [], []);

        Assert.Null(DocumentScope.DeclaredOrInferred(null, DocumentKind.Standard, "API design guidelines", null));
        Assert.Same(declared, DocumentScope.DeclaredOrInferred(declared, DocumentKind.Decision, "Use Kafka", null));
        Assert.Null(DocumentScope.DeclaredOrInferred(null, DocumentKind.Guide, "Use Kafka", null));
        Assert.Equal("technologies: Kafka; inferred: true", DocumentScope.DeclaredOrInferred(null, DocumentKind.Decision, "Use Kafka", null)!.Summary());
    }

    [Fact]
    public void DeclaredOrInferred_TechnologiesComeFromTitleAndChosenOption_PathsAlsoFromTheOutcome()
    {
        var passing = DocumentScope.DeclaredOrInferred(null, DocumentKind.Decision, "Postgres on the build server",
            "We will not be able to test Terraform changes there; the schema stays in `deploy/db.sql`.")!;
        var chosen = DocumentScope.DeclaredOrInferred(null, DocumentKind.Decision, "Message broker for orders",
            "Chosen option: \"Kafka\", because RabbitMQ cannot replay a topic.")!;

        Assert.Equal(["PostgreSQL"], passing.Technologies);
        Assert.Contains("deploy/db.sql", passing.Paths);
        Assert.Equal(["Kafka"], chosen.Technologies);
    }

    [Fact]
    public void DeclaredOrInferred_AStandardTitledWithoutATechnology_IsAboutWhatItsTopLevelSectionsAreHeadedWith()
    {
        var standard = Document(DocumentKind.Standard, "Provisioning machines", "## Ansible\n\nPlaybooks live next to the service.\n\n### Running Kafka\n\nSee the Kafka guide.\n\n## Chef\n\nRetired.\n");
        var decision = Document(DocumentKind.Decision, "Provisioning machines", "## Ansible\n\nWe looked at it.\n");

        Assert.Equal(["Ansible", "Chef"], Scope(standard)!.Technologies);
        Assert.True(Scope(standard)!.Inferred);
        Assert.Null(Scope(decision)); // a decision's sections are its template's, not its subject
    }

    [Theory]
    [InlineData("Programming languages", "We write services in Python or Java and queue work on Kafka.", new[] { "Python", "Java" })]
    [InlineData("Use configuration management", "Describe hosts with Ansible, and use Python for the glue.", new[] { "Ansible" })]
    [InlineData("Tracing", "Use OpenTelemetry for distributed tracing; spans cross Kafka topics.", new[] { "OpenTelemetry" })]
    [InlineData("Remove the embedded test database", "Tests run against PostgreSQL from now on.", new string[0])]
    public void DeclaredOrInferred_ATitleNamingAKindOfTechnology_IsAboutTheMembersOfThatKindItsBodyNames(string title, string body, string[] expected)
    {
        var scope = Scope(Document(DocumentKind.Decision, title, body));

        Assert.Equal(expected, scope?.Technologies ?? []);
    }

    [Theory]
    [InlineData("We will remove the load balancer hosts and send traffic through ELBs instead.", new[] { "ELB" })]
    [InlineData("We will remove the load balancer hosts; nginx stays.", new string[0])]
    public void DeclaredOrInferred_AGenericWordOfTheTitle_NamesWhatTheRecordCallsIt(string body, string[] expected)
    {
        var scope = Scope(Document(DocumentKind.Decision, "Remove the load balancer tier", body));

        Assert.Equal(expected, scope?.Technologies ?? []);
    }

    [Fact]
    public void Infer_AHyphenatedNameOfTheTitle_NamesItsTechnology() =>
        Assert.Equal(["Redis"], DocumentScope.Infer("Merge orders-redis into shared-redis")!.Technologies);

    [Fact]
    public void DeclaredOrInferred_ATitleThatNamesATechnology_NeverReadsTheBody()
    {
        var scope = DocumentScope.DeclaredOrInferred(null, DocumentKind.Standard, "Logging with Splunk", null, () => throw new InvalidOperationException("the body was read"));

        Assert.Equal(["Splunk"], scope!.Technologies);
    }

    private static DocumentScope? Scope(KnowledgeDocument document) =>
        DocumentScope.DeclaredOrInferred(null, document.Kind, document.Title, null, () => document);

    /// <summary>A decision or standard parsed from a title and a Markdown body, as the loader reads it.</summary>
    private static KnowledgeDocument Document(DocumentKind kind, string title, string body)
    {
        var document = kind == DocumentKind.Decision
            ? MarkdownKnowledgeParser.Parse("k", "decisions/0001-record.md", $"# 1. {title}\n\n## Status\n\nAccepted\n\n{body}")
            : MarkdownKnowledgeParser.Parse("k", "standards/record.md", $"# {title}\n\n{body}");
        Assert.Equal(kind, document.Kind);
        return document;
    }

    [Theory]
    [InlineData("Jenkinsfile", "", "technology Jenkins")]
    [InlineData(".github/workflows/ci.yml", "", "technology GitHub Actions")]
    [InlineData("deploy/main.tf", "", "technology Terraform")]
    [InlineData("services/orders/app.yaml", "queue: kafka://broker:9092", "technology Kafka")]
    [InlineData("services/billing/Invoice.cs", "", "component billing")]
    [InlineData("infra/modules/db.tf", "", "path infra/**")]
    [InlineData("README.md", "just prose", null)]
    // a folder named after a technology holds files of every kind; the file's own name says what it is
    [InlineData("images/kafka/Dockerfile", "RUN apt-get install -y curl", null)]
    [InlineData("deploy/kafka-topics.yaml", "partitions: 12", "technology Kafka")]
    public void CoversFile_ByPathConventionTextOrComponent(string path, string added, string? why)
    {
        var scope = new DocumentScope(["billing"], ["Jenkins", "GitHub Actions", "Terraform", "Kafka"], ["infra/**"]);
        var paths = new DocumentScope([], [], ["infra/**"]);

        Assert.Equal(why, (why?.StartsWith("path", StringComparison.Ordinal) == true ? paths : scope).CoversFile(path, added));
    }
}
