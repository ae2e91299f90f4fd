using ArchMcp.Core.Catalog;
using ArchMcp.Core.Lint;
using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;
using ArchMcp.Tests.Shared;

namespace ArchMcp.Core.Tests.Lint;

/// <summary>Lint on unfinished or unread records: unreadable dates, template placeholders, decisions not read as such.</summary>
public sealed class RecordHealthTests
{
    private static LintReport LintFolder(params (string Path, string Content)[] files)
    {
        using var folder = new TempKnowledgeFolder(null);
        foreach (var (path, content) in files)
        {
            folder.Write(path, content);
        }

        var findings = new List<Finding>();
        var docs = KnowledgeLoader.LoadAll(new KnowledgeRoot("k", folder.Path), 1 << 22, findings).Select(f => f.Document!).ToList();
        return KnowledgeLinter.Lint(KnowledgeCatalog.Build(docs), findings);
    }

    [Theory]
    [InlineData("Date: sometime in spring\n", "sometime in spring", 3)]
    [InlineData("Date: 2021-13-45\n", "2021-13-45", 3)]
    public void Date_WhenWrittenButUnreadable_IsReportedAsUnreadableNotMissing(string dateLine, string quoted, int line)
    {
        var report = LintFolder(("decisions/0001-a.md", $"# 1. A\n\n{dateLine}\n## Status\n\nAccepted\n"));

        var finding = Assert.Single(report.Findings, f => f.Path == "decisions/0001-a.md");
        Assert.Equal(LintCodes.UnreadableDate, finding.Code);
        Assert.Equal(line, finding.Line);
        Assert.Contains($"'{quoted}'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Date_WhenFrontMatterDateUnreadable_IsReportedAsUnreadable()
    {
        var report = LintFolder(("decisions/0001-a.md", "---\nstatus: accepted\ndate: last week\n---\n# A\n\n## Context\n\nC.\n"));

        Assert.Equal([LintCodes.UnreadableDate], report.Findings.Select(f => f.Code));
    }

    [Fact]
    public void Date_WhenAbsent_IsStillMissing()
    {
        var report = LintFolder(("decisions/0001-a.md", "# 1. A\n\n## Status\n\nAccepted\n"));

        Assert.Equal([LintCodes.MissingDate], report.Findings.Select(f => f.Code));
    }

    [Fact]
    public void Placeholders_WhenLeftInARecord_AreReportedByLine()
    {
        var report = LintFolder(("decisions/0001-a.md", """
            # 1. {short title of solved problem}

            Date: <date>

            ## Status

            Accepted

            ## Context

            [Describe the context and problem statement in two or three sentences]

            TODO: write the consequences

            ```
            {title}
            ```

            See [the guide](guide.md) and <https://example.com>; use <details> when needed.
            - [ ] a checkbox
            Example: `<option 1>`

            | Option | Cost | Verdict |
            | --- | --- | --- |
            | Kafka | TBD | chosen |
            """));

        var lines = report.Findings.Where(f => f.Code == LintCodes.TemplatePlaceholder).Select(f => f.Line);
        Assert.Equal([1, 3, 11, 13], lines);
    }

    [Fact]
    public void Placeholders_WhenStatusIsTheTemplateChoiceList_AreReportedInsteadOfUnknownStatus()
    {
        var report = LintFolder(("decisions/0001-a.md", "# 1. A\n\nDate: 2024-01-02\n\n## Status\n\nproposed | accepted | rejected\n"));

        var finding = Assert.Single(report.Findings);
        Assert.Equal(LintCodes.TemplatePlaceholder, finding.Code);
    }

    [Fact]
    public void Placeholders_WhenInATemplate_AreNotReported()
    {
        var report = LintFolder(("templates/adr.md", "# {title}\n\nDate: <date>\n\n## Status\n\nproposed | accepted | rejected\n"));

        Assert.DoesNotContain(report.Findings, f => f.Code == LintCodes.TemplatePlaceholder);
    }

    [Fact]
    public void Lookalike_WhenNumberedLikeTheDecisionsBesideIt_IsReported()
    {
        const string Decision = "# Title\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nC.\n\n## Decision\n\nD.\n";
        var report = LintFolder(
            ("proposals/001-one.md", Decision),
            ("proposals/002-two.md", Decision),
            ("proposals/003-three.md", "# Three\n\nWe should look at this one day.\n"),
            ("proposals/README.md", "# Proposals\n\nThe list.\n"),
            ("proposals/000-template.md", "# Template\n"),
            ("guides/001-setup.md", "# Setup\n\nInstall it.\n"));

        var finding = Assert.Single(report.Findings, f => f.Code == LintCodes.NotReadAsDecision);
        Assert.Equal("proposals/003-three.md", finding.Path);
        Assert.Contains("archmcp inspect proposals/003-three.md", finding.Message, StringComparison.Ordinal);
    }
}
