using ArchMcp.Core.Checklists;
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
