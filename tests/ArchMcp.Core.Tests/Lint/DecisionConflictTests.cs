using ArchMcp.Core.Catalog;
using ArchMcp.Core.Lint;
using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Tests.Lint;

public class DecisionConflictTests
{
    private static LintReport Lint(params (string Path, string Content)[] files) =>
        KnowledgeLinter.Lint(KnowledgeCatalog.Build(files.Select(f => MarkdownKnowledgeParser.Parse("k", f.Path, f.Content))));

    private static string Adr(int n, string title, string status, string extra = "") =>
        $"# {n}. {title}\n\nDate: 2024-01-0{n}\n\n## Status\n\n{status}\n\n{extra}\n\n## Decision\n\nWe do it.\n";

    [Fact]
    public void Lint_WhenTwoAcceptedDecisionsChooseDifferentOptionsForSameSubject_ReportsConflict()
    {
        var report = Lint(
            ("decisions/0001-kafka.md", Adr(1, "Use Kafka for order events", "Accepted")),
            ("decisions/0002-rabbit.md", Adr(2, "Use RabbitMQ for order events", "Accepted")),
            ("decisions/0003-pg.md", Adr(3, "Use PostgreSQL for order storage", "Accepted")));

        var finding = Assert.Single(report.Findings, f => f.Code == LintCodes.ConflictingDecisions);
        Assert.Equal("decisions/0002-rabbit.md", finding.Path);
        Assert.Contains("ADR-0001", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_WhenOneChoiceSupersedesTheOther_ReportsNoConflict()
    {
        var report = Lint(
            ("decisions/0001-kafka.md", Adr(1, "Use Kafka for order events", "Superseded by [2. Use RabbitMQ for order events](0002-rabbit.md)")),
            ("decisions/0002-rabbit.md", Adr(2, "Use RabbitMQ for order events", "Accepted", "Supersedes [1. Use Kafka for order events](0001-kafka.md)")));

        Assert.DoesNotContain(report.Findings, f => f.Code is LintCodes.ConflictingDecisions or LintCodes.ReplacedStillInForce or LintCodes.SupersessionCycle);
    }

    [Fact]
    public void Lint_WhenDecisionsSupersedeEachOtherInACircle_ReportsCycleOnce()
    {
        var report = Lint(
            ("decisions/0001-a.md", Adr(1, "A", "Superseded by [2. B](0002-b.md)")),
            ("decisions/0002-b.md", Adr(2, "B", "Superseded by [3. C](0003-c.md)")),
            ("decisions/0003-c.md", Adr(3, "C", "Superseded by [1. A](0001-a.md)")));

        var finding = Assert.Single(report.Findings, f => f.Code == LintCodes.SupersessionCycle);
        Assert.Equal("error", finding.Severity);
        Assert.Contains("ADR-0001", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_WhenSuccessorSaysItReplacesAnAcceptedDecision_ReportsReplacedStillInForce()
    {
        var report = Lint(
            ("decisions/0001-a.md", Adr(1, "Run our own Redis", "Accepted")),
            ("decisions/0002-b.md", Adr(2, "Use managed Redis", "Accepted", "Supersedes [1. Run our own Redis](0001-a.md)")));

        var finding = Assert.Single(report.Findings, f => f.Code == LintCodes.ReplacedStillInForce);
        Assert.Equal("decisions/0001-a.md", finding.Path);
    }

    [Fact]
    public void Lint_WhenDecisionSaysItIsReplacedButStatusIsAccepted_ReportsReplacedStillInForce()
    {
        var report = Lint(
            ("decisions/0001-a.md", Adr(1, "Run our own Redis", "Accepted", "Superseded by [2. Use managed Redis](0002-b.md)")),
            ("decisions/0002-b.md", Adr(2, "Use managed Redis", "Accepted")));

        var finding = Assert.Single(report.Findings, f => f.Code == LintCodes.ReplacedStillInForce);
        Assert.Equal("decisions/0001-a.md", finding.Path);
    }
}
