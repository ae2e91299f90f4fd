using ArchMcp.Core.Catalog;
using ArchMcp.Core.Lint;
using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;
using ArchMcp.Tests.Shared;

namespace ArchMcp.Core.Tests.Lint;

public class KnowledgeLinterTests
{
    private static LintReport Lint(params (string Path, string Content)[] files)
    {
        var docs = files.Select(f => MarkdownKnowledgeParser.Parse("k", f.Path, f.Content));
        return KnowledgeLinter.Lint(KnowledgeCatalog.Build(docs));
    }

    [Fact]
    public void Lint_WhenFixtures_ReportsKnownProblemsOnly()
    {
        using var folder = new TempKnowledgeFolder();
        var findings = new List<Finding>();
        var docs = KnowledgeLoader.LoadAll(new KnowledgeRoot("k", folder.Path), 1 << 22, findings).Select(f => f.Document!).ToList();

        var report = KnowledgeLinter.Lint(KnowledgeCatalog.Build(docs), findings);

        Assert.Equal(9, report.Summary.Decisions);
        Assert.Equal(3, report.Summary.Standards);
        Assert.Contains(report.Findings, f => f.Code == LintCodes.NumberMismatch && f.Path == "decisions/adr-007-cache-product-data.md");
        Assert.DoesNotContain(report.Findings, f => f.Code == LintCodes.OneWayRelation);
        Assert.DoesNotContain(report.Findings, f => f.Code is LintCodes.MissingDate or LintCodes.MissingStatus);
        Assert.DoesNotContain(report.Findings, f => f.Severity == "error");
    }

    [Fact]
    public void Lint_WhenANumberIsUsedManyTimes_EachFindingNamesAFewFilesAndCountsTheRest()
    {
        var report = Lint([.. Enumerable.Range(1, 6).Select(i => ($"copy{i}/0001-same.md", "# 1. Same\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n"))]);

        var duplicates = report.Findings.Where(f => f.Code == LintCodes.DuplicateNumber).ToList();
        Assert.Equal(5, duplicates.Count);
        Assert.All(duplicates, f => Assert.Contains("copy1/0001-same.md, copy2/0001-same.md, copy3/0001-same.md and 3 more", f.Message, StringComparison.Ordinal));
        Assert.All(duplicates, f => Assert.DoesNotContain("copy6/", f.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Lint_WhenDecisionLogHasEveryProblem_ReportsEachWithCode()
    {
        var report = Lint(
            ("decisions/0001-a.md", "# 1. A\n\n## Context\n\nNo status, no date.\n"),
            ("decisions/0002-b.md", "# 2. B\n\nDate: 2020-01-01\n\n## Status\n\nBananas\n"),
            ("decisions/0003-c.md", "# 3. C\n\nDate: 2020-01-01\n\n## Status\n\nSuperseded by [Gone](0099-gone.md)\n"),
            ("decisions/0004-d.md", "# 4. D\n\nDate: 2020-01-01\n\n## Status\n\nSuperseded by [E](0005-e.md)\n"),
            ("decisions/0005-e.md", "# 5. E\n\nDate: 2020-01-01\n\n## Status\n\nProposed\n"),
            ("decisions/0006-f.md", "# 6. F\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n"),
            ("decisions/0006-g.md", "# 7. G\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\nSupersedes [H](0008-h.md)\n"),
            ("decisions/0008-h.md", "# 8. H\n\nDate: 2020-01-01\n\n## Status\n\nSuperseded\n"),
            ("decisions/0009-i.md", "# 9. I\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\nSupersedes [H](0008-h.md)\n"),
            ("decisions/0010-j.md", "# 10. J\n\nDate: 2020-01-01\n\n## Status\n\nSuperseded\n"));

        string[] Codes(string path) => report.Findings.Where(f => f.Path == path).Select(f => f.Code).ToArray();

        Assert.Equal([LintCodes.MissingStatus, LintCodes.MissingDate], Codes("decisions/0001-a.md").Order());
        Assert.Equal([LintCodes.UnknownStatus], Codes("decisions/0002-b.md"));
        Assert.Contains(LintCodes.DanglingRelation, Codes("decisions/0003-c.md"));
        Assert.Contains(LintCodes.OneWayRelation, Codes("decisions/0004-d.md"));
        Assert.Contains(LintCodes.SuccessorNotAccepted, Codes("decisions/0004-d.md"));
        Assert.Contains(LintCodes.DuplicateNumber, Codes("decisions/0006-g.md"));
        Assert.Contains(LintCodes.NumberMismatch, Codes("decisions/0006-g.md"));
        Assert.Contains(LintCodes.CompetingSupersession, Codes("decisions/0008-h.md"));
        Assert.Contains(LintCodes.SupersededWithoutSuccessor, Codes("decisions/0010-j.md"));
        Assert.All(report.Findings, f => Assert.False(string.IsNullOrWhiteSpace(f.Message)));
        Assert.Equal(report.Findings.Count(f => f.Severity == "error"), report.Summary.Errors);
        Assert.Equal(report.Findings.Count(f => f.Severity == "warning"), report.Summary.Warnings);
    }

    [SkippableFact]
    public void Lint_WhenGovukAws_WarnsAboutOneWaySupersessionOfAdr4()
    {
        Corpora.Require();
        using var folder = new TempKnowledgeFolder(Corpora.Folder("govuk-aws"));
        var findings = new List<Finding>();
        var docs = KnowledgeLoader.LoadAll(new KnowledgeRoot("govuk-aws", folder.Path), 1 << 22, findings).Select(f => f.Document!).ToList();

        var report = KnowledgeLinter.Lint(KnowledgeCatalog.Build(docs), findings);

        Assert.Equal(38, report.Summary.Decisions);
        Assert.Contains(report.Findings, f => f.Code == LintCodes.OneWayRelation && f.Path.EndsWith("0004-dns-definitions-for-hosts-and-services.md", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Findings, f => f.Code == LintCodes.DanglingRelation);
    }
}
