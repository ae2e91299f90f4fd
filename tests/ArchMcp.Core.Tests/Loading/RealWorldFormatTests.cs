using ArchMcp.Core.Catalog;
using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Tests.Loading;

/// <summary>Formats found in real decision logs, each on a minimal fixture written from the format's description.</summary>
public class RealWorldFormatTests
{
    private static KnowledgeDocument Parse(string path, string content) => MarkdownKnowledgeParser.Parse("fixtures", path, content);

    [Fact]
    public void Parse_WhenKeyValueTableWithEmptyHeaderRow_ReadsStatusAsMetadata()
    {
        var doc = Parse("design/faster-sync.md", """
            # Faster sync: Design Doc

            |        |                     |
            | ------ | ------------------- |
            | Author | Jo Example          |
            | Status | Final (not started) |

            ## Purpose

            Make sync faster.
            """);

        Assert.Equal(DocumentKind.Decision, doc.Kind);
        Assert.Equal(DecisionStatus.Accepted, doc.Decision!.Status);
        Assert.Equal("Final (not started)", doc.Decision.RawStatus);
        Assert.Equal(6, doc.Decision.StatusLine);
    }

    [Fact]
    public void Parse_WhenBlockquotedTableAndIdOnlyFrontMatterTitle_ReadsNumberStatusAndDate()
    {
        var doc = Parse("docs/_adrs/scan-for-secrets.md", """
            ---
            title: ADR-002
            ---

            > |        |              |
            > | ------ | ------------ |
            > | Date   | `05/06/2023` |
            > | Status | `RFC`        |

            ## Context

            Secrets leak.
            """);

        Assert.Equal(DocumentKind.Decision, doc.Kind);
        Assert.Equal("ADR-0002", doc.Id);
        Assert.Equal(DecisionStatus.Proposed, doc.Decision!.Status);
        Assert.Equal("RFC", doc.Decision.RawStatus);
        Assert.Equal(new DateOnly(2023, 6, 5), doc.Date);
    }

    [Theory]
    [InlineData("docs/adrs/adr-006-hosted-runners.md", "---\ntitle: ADR-006\ndescription: Runners hosted by the CI provider\n---\n", "Runners hosted by the CI provider")]
    [InlineData("docs/adrs/adr-006-hosted-runners.md", "---\ntitle: ADR-006\n---\n", "Hosted runners")]
    [InlineData("docs/adrs/adr-006-hosted-runners.md", "# ADR-006\n", "Hosted runners")]
    [InlineData("docs/adrs/0006.md", "# ADR-006\n", "ADR-006")]
    [InlineData("docs/adrs/adr-006-hosted-runners.md", "---\ntitle: ADR-006\ndescription: \"A long description that reads like a paragraph of prose rather than a title, as site generators often carry in front matter.\"\n---\n", "Hosted runners")]
    public void Parse_WhenTheTitleIsOnlyAnId_TheSubjectComesFromTheSummaryOrTheFileName(string path, string head, string title)
    {
        var doc = Parse(path, head + "\n| | |\n|---|---|\n| Status | Decided |\n\n## Decision\n\nUse the hosted runners.\n");

        Assert.Equal(title, doc.Title);
        Assert.Equal("ADR-0006", doc.Id);
    }

    [Theory]
    [InlineData("| Created at | 2025-04-03 |\n| Status | Final |\n", "2025-04-03")]
    [InlineData("| Created at | 2025-04-03 |\n| Date | 2025-05-01 |\n| Status | Final |\n", "2025-05-01")]
    [InlineData("| Created at | YYYY-MM-DD |\n| Status | Final |\n", null)]
    public void Parse_WhenARecordStatesWhenItWasCreated_ThatIsItsDateUnlessItStatesAnother(string rows, string? date)
    {
        var doc = Parse("designs/bridge.md", "# Bridge\n\n| | |\n|---|---|\n" + rows + "\n## Context\n\nWhy.\n\n## Decision\n\nWhat.\n");

        Assert.Equal(DocumentKind.Decision, doc.Kind);
        Assert.Equal(date is null ? null : DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), doc.Date);
    }

    [Theory]
    [InlineData("---\ntitle: Active ADRs\nhas_children: true\npermalink: /adrs/\n---\n")]
    [InlineData("# 12. Use a queue\n")]
    public void Parse_WhenAPageInADecisionFolderHasNoTextBeyondItsTitle_IsNotADecision(string content)
    {
        var doc = Parse("docs/_adrs/active.md", content);

        Assert.Equal(DocumentKind.Guide, doc.Kind);
        Assert.Null(doc.Decision);
    }

    [Fact]
    public void Parse_WhenTableComesAfterTheFirstSection_DoesNotReadItAsMetadata()
    {
        var doc = Parse("guides/http.md", """
            # HTTP guide

            ## Codes

            |        |          |
            | ------ | -------- |
            | Status | Meaning  |
            """);

        Assert.NotEqual(DocumentKind.Decision, doc.Kind);
    }

    [Fact]
    public void Parse_WhenRecordIsTheReadmeOfADatedFolder_ReadsItAsTheDecisionAndItsSubPagesAsGuides()
    {
        const string record = "# Use one API style\n\n## Decision\n\nWe use REST.\n\n## Rationale\n\nIt is known.\n";
        var readme = Parse("decision-records/2022-11-09-api-style/README.md", record);
        var subPage = Parse("decision-records/2022-11-09-api-style/renaming.md", "# Renaming\n\nDetails.\n");
        var yearIndex = Parse("decisions/2023/README.md", "# Decisions of 2023\n\n- one\n");

        Assert.Equal(DocumentKind.Decision, readme.Kind);
        Assert.Equal(new DateOnly(2022, 11, 9), readme.Date);
        Assert.Equal(DocumentKind.Guide, subPage.Kind);
        Assert.Equal(DocumentKind.Guide, yearIndex.Kind);
    }

    [Fact]
    public void Parse_WhenNumberIsOnlyInTheFolderAndASeriesIdTitle_ReadsNumberAndCleanTitle()
    {
        var doc = Parse("XEP/5/README.md", """
            # XEP-5: Replace the signature wrapper

            Status: Accepted

            ## Motivation

            Text.

            ## Proposal

            Text.
            """);

        Assert.Equal(DocumentKind.Decision, doc.Kind);
        Assert.Equal("ADR-0005", doc.Id);
        Assert.Equal("Replace the signature wrapper", doc.Title);
    }

    [Fact]
    public void Parse_WhenNumberedProposalHasNoStatus_ReadsItAsADecisionByItsSections()
    {
        var doc = Parse("086-archive-the-canary.md", """
            # Archive the canary

            ## Current situation

            It runs.

            ## Motivation

            Nobody uses it.

            ## Proposal

            Archive it.

            ## Rejected alternatives

            Keep it.
            """);

        Assert.Equal(DocumentKind.Decision, doc.Kind);
        Assert.Equal("ADR-0086", doc.Id);
        Assert.Equal(86, doc.Decision!.Number);
    }

    [Fact]
    public void Parse_WhenTitleIsOnlyANumber_TakesTheNumber()
    {
        Assert.Equal(("12.", (int?)12), DocumentTitle.CleanTitle("12."));
        Assert.Equal(("ADR-002", (int?)2), DocumentTitle.CleanTitle("ADR-002"));
        Assert.Equal(("Title", (int?)9), DocumentTitle.CleanTitle("ITE-9: Title"));
        Assert.Equal(("Step by step", (int?)null), DocumentTitle.CleanTitle("Step by step"));
    }

    [Fact]
    public void Parse_WhenDateLineHasNoColon_ReadsTheDate()
    {
        var doc = Parse("adr/0003-use-x.md", "# 3. Use X\n\nDate 09/04/2018\n\n## Status\n\nAccepted\n\n## Decision\n\nX.\n");

        Assert.Equal(new DateOnly(2018, 4, 9), doc.Date);
    }

    [Theory]
    [InlineData("10/04/18", 2018, 4, 10)]
    [InlineData("[2023-05-09]", 2023, 5, 9)]
    public void DateText_WhenShortYearOrBracketed_FindsTheDate(string text, int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), DateText.Find(text));

    [Fact]
    public void DateText_WhenVersionNumber_FindsNoDate() => Assert.Null(DateText.Find("version 1.2.3"));

    [Theory]
    [InlineData("RFC", DecisionStatus.Proposed)]
    [InlineData("Incomplete", DecisionStatus.Proposed)]
    [InlineData("*In Development*", DecisionStatus.Proposed)]
    [InlineData("Under review", DecisionStatus.Proposed)]
    [InlineData("Implementing Actions 🛫", DecisionStatus.Accepted)]
    [InlineData("Partially implemented", DecisionStatus.Accepted)]
    [InlineData("Decided", DecisionStatus.Accepted)]
    [InlineData("Final", DecisionStatus.Accepted)]
    public void StatusMapper_WhenStatusWordsTeamsUse_MapsThem(string raw, DecisionStatus expected) =>
        Assert.Equal(expected, StatusMapper.Map(raw));

    [Theory]
    [InlineData("CONTRIBUTING.md")]
    [InlineData("governance/GOVERNANCE.md")]
    [InlineData("decisions/CODE_OF_CONDUCT.md")]
    [InlineData("SECURITY.md")]
    [InlineData("docs/SUMMARY.md")]
    [InlineData("ops/runbooks/restart.md")]
    public void Parse_WhenProcessDocument_IsAGuideWithoutRules(string path)
    {
        var doc = Parse(path, "# Process\n\n## Pull requests\n\nYou MUST open a pull request.\n\n## Status\n\nAccepted\n\n## Decision\n\nX.\n");

        Assert.Equal(DocumentKind.Guide, doc.Kind);
        Assert.Empty(doc.Rules);
    }

    [Fact]
    public void Parse_WhenLowerCaseSecurityChapter_KeepsItsRules()
    {
        var doc = Parse("chapters/security.md", "# Security\n\n## MUST secure endpoints [104]\n\nText.\n");

        Assert.Single(doc.Rules);
    }

    [Fact]
    public void Parse_WhenFolderReadmeHasNoExplicitRules_HasNoRules()
    {
        var doc = Parse("standards/README.md", "# Standards\n\n## How to contribute\n\nYou SHOULD ask first.\n");

        Assert.Empty(doc.Rules);
    }

    [Fact]
    public void Parse_WhenRequirementHeadingsAreOnlyIds_ReadsOneRulePerRequirement()
    {
        var doc = Parse("baseline/controls.md", """
            # Security baseline

            ## Access control

            ### XYZ-AC-01 - Use MFA

            The steps required to reach sensitive actions need a second factor (the control groups its requirements).

            #### XYZ-AC-01.01

            **Requirement:** The system MUST require multi-factor authentication for sensitive actions.

            #### XYZ-AC-01.02

            **Requirement:** Collaborators SHOULD use hardware keys.

            ### UTF-8

            Files MUST be UTF-8.
            """);

        Assert.Equal(DocumentKind.Standard, doc.Kind);
        Assert.Equal(["XYZ-AC-01.01", "XYZ-AC-01.02"], doc.Rules.Select(r => r.Id));
        Assert.Equal(RuleLevel.Must, doc.Rules[0].Level);
        Assert.Equal(RuleLevel.Should, doc.Rules[1].Level);
    }

    [Fact]
    public void Load_WhenFolderHoldsDatedVersionsOfAStandard_OnlyTheNewestKeepsItsRules()
    {
        var dir = Directory.CreateTempSubdirectory("archmcp-versions-");
        try
        {
            var versions = Directory.CreateDirectory(Path.Combine(dir.FullName, "versions"));
            const string standard = "# Baseline\n\n## MUST sign releases [R-01]\n\nSign them.\n";
            foreach (var name in new[] { "2025-01-10.md", "2026-02-01.md", "2026-02-01-rc.md", "2025-01-10-checklist.md" })
            {
                File.WriteAllText(Path.Combine(versions.FullName, name), standard);
            }

            var root = new KnowledgeRoot("k", dir.FullName);
            KnowledgeDocument Load(string name)
            {
                var full = Path.Combine(versions.FullName, name);
                return KnowledgeLoader.Load(root, new SourceFile("k", "versions/" + name, full, new FileInfo(full).Length, DateTimeOffset.UnixEpoch), 1 << 20).Document!;
            }

            Assert.Single(Load("2026-02-01.md").Rules);
            Assert.Single(Load("2025-01-10-checklist.md").Rules); // the only checklist version
            Assert.Empty(Load("2025-01-10.md").Rules);
            Assert.Empty(Load("2026-02-01-rc.md").Rules);
            Assert.Contains("older-version", Load("2025-01-10.md").Tags);

            // an older version is not in force: search ranks it below the current one
            var catalog = KnowledgeCatalog.Build([Load("2025-01-10.md"), Load("2026-02-01.md")]);
            Assert.False(catalog.Find("k", "versions/2025-01-10.md")!.InForce);
            Assert.True(catalog.Find("k", "versions/2026-02-01.md")!.InForce);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Parse_WhenUnderscoreTemplateInADecisionFolder_IsATemplate()
    {
        var doc = Parse("adr/drafts/_template.adoc", "= ADRx: Title\n:status: draft\n\n== Context\n\nText.\n\n== Decision\n\nText.\n");

        Assert.Equal(DocumentKind.Template, doc.Kind);
    }

    [Theory]
    [InlineData("_Draft / In Review / Implementing Actions / Final_")]
    [InlineData("[proposed | rejected | accepted | deprecated]")]
    public void StatusMapper_WhenUnfilledPlaceholderListsTheChoices_IsUnknown(string raw) =>
        Assert.Equal(DecisionStatus.Unknown, StatusMapper.Map(raw));

    [Fact]
    public void StatusMapper_WhenSupersededByAPath_IsStillSuperseded() =>
        Assert.Equal(DecisionStatus.Superseded, StatusMapper.Map("Superseded by [use b](adr/0005-use-b.md)"));

    [Fact]
    public void Parse_WhenTitleLacksTheSpaceAfterTheHash_ReadsItAsTheTitle()
    {
        var doc = Parse("adr/0007-use-kafka.md", "---\nstatus: accepted\n---\n#Use Kafka\n\n## Decision\n\n#kafka is chosen.\n");

        Assert.Equal("Use Kafka", doc.Title);
        Assert.Equal(4, doc.TitleLine);
    }

    [Fact]
    public void Parse_WhenMetadataTableHasNoHeaderRow_ReadsItsRows()
    {
        var doc = Parse("security/fma-bridge.md",
            "# FMA: Bridge\n\n|------------|-------|\n| Author     | Sam   |\n| Created at | 2025-04-03 |\n| Status     | Final |\n\n## Introduction\n\nWhat can fail.\n");

        Assert.Equal(DocumentKind.Decision, doc.Kind);
        Assert.Equal("Final", doc.Decision?.RawStatus);
        Assert.Equal(DecisionStatus.Accepted, doc.Decision?.Status);
        Assert.Equal(6, doc.Decision?.StatusLine);
    }

    [Fact]
    public void Parse_WhenNumberOnlyTitleLacksTheSpaceAfterTheHash_ReadsTheNumber()
    {
        var doc = Parse("adr/retries.md", "#12.\n\n## Status\n\nAccepted\n\n## Context\n\nCalls fail.\n\n## Decision\n\nWe retry twice.\n");

        Assert.Equal(12, doc.Decision?.Number);
        Assert.Equal(1, doc.TitleLine);
    }

    [Fact]
    public void Parse_WhenBoldStatusLine_ReadsTheStatus()
    {
        var doc = Parse("adr/0008-use-x.md", "# 8. Use X\n\n**Status:** Under review\n\n## Context\n\nX.\n\n## Decision\n\nX.\n");

        Assert.Equal(DecisionStatus.Proposed, doc.Decision!.Status);
        Assert.Equal("Under review", doc.Decision.RawStatus);
    }
}
