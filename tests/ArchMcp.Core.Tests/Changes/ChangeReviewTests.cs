using ArchMcp.Core.Changes;
using ArchMcp.Core.Model;
using ArchMcp.Core.Tests.Harness;

namespace ArchMcp.Core.Tests.Changes;

/// <summary>
/// A change reviewed against a knowledge folder written here: the records governing each file by declared or
/// inferred scope, and the design review's violations in the added lines, at their line in the new file.
/// </summary>
public sealed class ChangeReviewTests : IDisposable
{
    private readonly EngineHarness _engine = new(EngineHarness.Empty);

    public ChangeReviewTests()
    {
        _engine.Folder.Write("decisions/0001-use-github-actions.md",
            "# 1. Use GitHub Actions instead of Jenkins\n\n## Status\n\nAccepted\n\n## Context\n\nTwo CI tools cost twice.\n\n## Decision\n\nWe will build every repository with GitHub Actions and retire Jenkins.\n");
        _engine.Folder.Write("decisions/0002-billing-in-cents.md",
            "---\nscope:\n  paths: [\"services/billing/**\"]\n---\n# 2. Keep amounts in cents\n\n## Status\n\nAccepted\n\n## Decision\n\nWe will keep amounts as integer cents.\n");
        _engine.Folder.Write("standards/security.md",
            "# Security standard\n\n### MUST encrypt all network traffic in transit with TLS 1.2 or higher [SEC-001]\n\nPlain HTTP is not allowed, also inside the network.\n");
    }

    public void Dispose() => _engine.Dispose();

    private const string Diff = """
        diff --git a/Jenkinsfile b/Jenkinsfile
        new file mode 100644
        --- /dev/null
        +++ b/Jenkinsfile
        @@ -0,0 +1,3 @@
        +pipeline {
        +  agent any
        +}
        diff --git a/services/billing/config.yaml b/services/billing/config.yaml
        index 1111111..2222222 100644
        --- a/services/billing/config.yaml
        +++ b/services/billing/config.yaml
        @@ -7,2 +7,3 @@ payments:
           timeoutMs: 2000
        +  baseUrl: http://payments.internal/charges
           retries: 2
        """;

    [Fact]
    public async Task ReviewChange_GovernsByInferredAndDeclaredScope_AndCitesViolationsAtTheirNewLine()
    {
        var result = await _engine.Service.ReviewChangeAsync(new ChangeReviewRequest { Diff = Diff });

        var jenkins = result.Files[0];
        var governing = Assert.Single(jenkins.Governing);
        Assert.Equal(("ADR-0001", "technology Jenkins, inferred", true, "decisions/0001-use-github-actions.md:1"), (governing.Id, governing.Why, governing.Inferred, governing.Cite));
        var replaced = Assert.Single(jenkins.Findings);
        Assert.Equal(("ADR-0001", Verdicts.Violated, 1), (replaced.Id, replaced.Review.Verdict, replaced.Line));

        var billing = result.Files[1];
        Assert.Equal(("ADR-0002", "path services/billing/**", false), (billing.Governing.Single().Id, billing.Governing.Single().Why, billing.Governing.Single().Inferred));
        var tls = Assert.Single(billing.Findings);
        Assert.Equal(("SEC-001", "MUST", 8, "standards/security.md:3"), (tls.Id, tls.Level, tls.Line, tls.Cite));
        Assert.Equal("baseUrl: http://payments.internal/charges", tls.Review.Design!.Quote);
        Assert.Equal(("high", 2), (result.Summary.Overall, result.Summary.Violated));
    }

    [Fact]
    public async Task Renderings_CarryFileLineAndCitation()
    {
        var result = await _engine.Service.ReviewChangeAsync(new ChangeReviewRequest { Diff = Diff });

        Assert.Contains("::error file=services/billing/config.yaml,line=8,title=MUST SEC-001::", ChangeReviewOutput.GitHub(result), StringComparison.Ordinal);
        Assert.Contains("| `services/billing/config.yaml:8` | MUST | **SEC-001** (`standards/security.md:3`)", ChangeReviewOutput.Markdown(result), StringComparison.Ordinal);
        Assert.Contains("services/billing/config.yaml:8: MUST SEC-001:", ChangeReviewOutput.Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetDecision_ShowsTheScope_InferredOrDeclared()
    {
        var inferred = await _engine.Service.GetDecisionAsync(new GetDecisionRequest { Reference = "ADR-0001" });
        var declared = await _engine.Service.GetDecisionAsync(new GetDecisionRequest { Reference = "ADR-0002" });

        Assert.Equal("technologies: GitHub Actions, Jenkins; inferred: true", inferred.Scope);
        Assert.Equal("paths: services/billing/**", declared.Scope);
    }

    [Fact]
    public async Task ReviewChange_WhenTheEditedLineAlreadyBrokeTheRule_ReportsNothing_WhenItIntroducesIt_ReportsIt()
    {
        const string edit = "--- a/services/billing/config.yaml\n+++ b/services/billing/config.yaml\n@@ -1,1 +1,1 @@\n-  baseUrl: http://payments.internal/charges\n+  baseUrl: http://payments.internal/v2/charges\n";
        const string introduce = "--- a/services/billing/config.yaml\n+++ b/services/billing/config.yaml\n@@ -1,1 +1,1 @@\n-  baseUrl: https://payments.internal/charges\n+  baseUrl: http://payments.internal/charges\n";

        var edited = await _engine.Service.ReviewChangeAsync(new ChangeReviewRequest { Diff = edit });
        var introduced = await _engine.Service.ReviewChangeAsync(new ChangeReviewRequest { Diff = introduce });

        Assert.Empty(edited.Files.Single().Findings);
        Assert.Equal("SEC-001", Assert.Single(introduced.Files.Single().Findings).Id);
    }

    [Fact]
    public async Task ReviewChange_AYamlKeyAddedInsideABlockOnlyAContextLineNames_IsGovernedByWhatTheBlockConfigures()
    {
        _engine.Folder.Write("standards/events.md", "# Event streaming with Kafka\n\n### MUST commit offsets after processing [EVT-1]\n\nNever before.\n");
        const string nested = "--- a/services/orders/app.yml\n+++ b/services/orders/app.yml\n@@ -3,2 +3,3 @@ spring:\n   kafka:\n     consumer:\n+      max-poll-records: 50\n";
        const string sibling = "--- a/services/orders/app.yml\n+++ b/services/orders/app.yml\n@@ -3,2 +3,3 @@ spring:\n   kafka: { brokers: 3 }\n   web:\n+    port: 8080\n";

        var governed = await _engine.Service.ReviewChangeAsync(new ChangeReviewRequest { Diff = nested });
        var notGoverned = await _engine.Service.ReviewChangeAsync(new ChangeReviewRequest { Diff = sibling });

        Assert.Contains(governed.Files.Single().Governing, g => g.Path == "standards/events.md" && g.Why == "technology Kafka, inferred");
        Assert.DoesNotContain(notGoverned.Files.Single().Governing, g => g.Path == "standards/events.md");
    }

    [Fact]
    public async Task ReviewChange_AStandardTitledWithAKindOfTechnology_GovernsTheFilesOfTheMembersItsBodyNames()
    {
        _engine.Folder.Write("standards/languages.md", "# Programming languages\n\nWe write new services in Python; Kafka carries their events.\n");
        const string python = "--- /dev/null\n+++ b/app/report.py\n@@ -0,0 +1,1 @@\n+def total(rows): return sum(rows)\n";
        const string go = "--- /dev/null\n+++ b/app/report.go\n@@ -0,0 +1,1 @@\n+package report\n";

        var governed = await _engine.Service.ReviewChangeAsync(new ChangeReviewRequest { Diff = python });
        var notGoverned = await _engine.Service.ReviewChangeAsync(new ChangeReviewRequest { Diff = go });

        Assert.Contains(governed.Files.Single().Governing, g => g.Path == "standards/languages.md" && g.Why == "technology Python, inferred");
        Assert.DoesNotContain(notGoverned.Files.Single().Governing, g => g.Path == "standards/languages.md");
    }

    [Fact]
    public async Task ReviewChange_AfterTheBodyOfARecordChanges_ReadsWhatItNowNames()
    {
        // what a record's body names is read once per indexed state: a refresh after an edit must see the new body
        _engine.Folder.Write("standards/languages.md", "# Programming languages\n\nWe write new services in Python.\n");
        const string python = "--- /dev/null\n+++ b/app/report.py\n@@ -0,0 +1,1 @@\n+def total(rows): return sum(rows)\n";
        const string ruby = "--- /dev/null\n+++ b/app/report.rb\n@@ -0,0 +1,1 @@\n+def total(rows) = rows.sum\n";
        Assert.Contains((await _engine.Service.ReviewChangeAsync(new ChangeReviewRequest { Diff = python })).Files.Single().Governing, g => g.Path == "standards/languages.md");

        _engine.Folder.Write("standards/languages.md", "# Programming languages\n\nWe write new services in Ruby.\n");
        await _engine.Service.RefreshAsync();

        Assert.DoesNotContain((await _engine.Service.ReviewChangeAsync(new ChangeReviewRequest { Diff = python })).Files.Single().Governing, g => g.Path == "standards/languages.md");
        Assert.Contains((await _engine.Service.ReviewChangeAsync(new ChangeReviewRequest { Diff = ruby })).Files.Single().Governing, g => g.Path == "standards/languages.md");
    }

    [Theory]
    [InlineData("   ", "The diff is empty")]
    [InlineData("Please review my change to the billing service.", "not a unified diff")]
    public async Task ReviewChange_BadInput_IsAClearError(string diff, string message)
    {
        var error = await Assert.ThrowsAsync<InvalidQueryException>(() => _engine.Service.ReviewChangeAsync(new ChangeReviewRequest { Diff = diff }));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReviewChange_LongerThanTheDesignLimit_IsRefused()
    {
        var diff = "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+" + new string('b', ToolContract.MaxDesignChars) + "\n";

        var error = await Assert.ThrowsAsync<InvalidQueryException>(() => _engine.Service.ReviewChangeAsync(new ChangeReviewRequest { Diff = diff }));

        Assert.Contains($"the limit is {ToolContract.MaxDesignChars}", error.Message, StringComparison.Ordinal);
    }
}
