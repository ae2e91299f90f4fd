using ArchMcp.Core.Catalog;
using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;
using ArchMcp.Core.Search;

namespace ArchMcp.Core.Tests.Loading;

/// <summary>The identifiers, besides its id, that a reader cites a decision or a guide page by; minimal fixtures.</summary>
public class AliasTests
{
    private static KnowledgeDocument Parse(string path, string content) => MarkdownKnowledgeParser.Parse("fixtures", path, content);

    [Fact]
    public void Parse_WhenNumberOnlyInFileName_CitesTheNumberStemSlugAndPath()
    {
        var doc = Parse("086-archive-probe.md", """
            # Archive the probe project

            Status: Accepted

            ## Proposal

            Archive it.
            """);

        Assert.Equal("ADR-0086", doc.Id);
        Assert.Equal(["86", "086", "086-archive-probe", "archive-probe", "086-archive-probe.md"], doc.Aliases);
    }

    [Fact]
    public void Parse_WhenTitleStartsWithTheSourcesOwnName_CitesThatName()
    {
        var doc = Parse("ENH/9/README.md", """
            # ENH-9: Signed envelopes

            | Status | Accepted |
            | --- | --- |

            ## Motivation

            Sign things.
            """);

        Assert.Equal("ADR-0009", doc.Id);
        Assert.Contains("ENH-9", doc.Aliases);
    }

    [Fact]
    public void Parse_WhenDecisionLogWithoutNumbers_CitesTheDecisionSectionNotItsDrivers()
    {
        var doc = Parse("records/2022-08-17-drop-embedded-db/README.md", """
            # Drop the embedded test database

            ## Decision Drivers

            Speed.

            ## Decision

            Tests use the real database.
            """);

        Assert.Contains("records/2022-08-17-drop-embedded-db/README.md :: Decision", doc.Aliases);
        Assert.DoesNotContain("records/2022-08-17-drop-embedded-db/README.md :: Decision Drivers", doc.Aliases);
    }

    [Fact]
    public void Parse_WhenGuidePageNamesTheChecklistCodeItElaborates_ItsSectionsAnswerToTheCode()
    {
        var doc = Parse("reliability/redundancy.md", """
            # Designing for redundancy

            | **RL:05** | Add redundancy at different levels. |
            |---|---|

            ## Replicate the data tier

            Keep a replica in a second zone.

            ## Spread compute

            Run at least two instances.
            """);

        Assert.Equal(["RL:05"], doc.Aliases);
        Assert.NotEmpty(doc.Rules);
        Assert.All(doc.Rules, r => Assert.Equal(["RL:05"], r.Aliases));
    }

    [Fact]
    public void Parse_WhenPageNamesSeveralCodes_IsAnOverviewWithoutAlias()
    {
        var doc = Parse("reliability/overview.md", """
            # Reliability overview

            | **RL:01** | Keep it simple. |
            |---|---|
            | **RL:02** | Know your flows. |

            ## Start here

            Read the guides.
            """);

        Assert.Empty(doc.Aliases);
        Assert.All(doc.Rules, r => Assert.Empty(r.Aliases));
    }

    [Fact]
    public void ResolveDecision_WhenReferenceIsTheSourcesOwnName_FindsTheDecision()
    {
        var doc = Parse("ENH/9/README.md", """
            # ENH-9: Signed envelopes

            Status: Accepted

            ## Motivation

            Sign things.
            """);
        var catalog = KnowledgeCatalog.Build([doc]);

        Assert.Equal(doc.Path, catalog.ResolveDecision("ENH-9")?.Path);
        Assert.Equal(doc.Path, catalog.ResolveDecision("proposal 9")?.Path);
    }

    [Theory]
    [InlineData("which ADRs are still drafts?", "draft")]
    [InlineData("which design docs have status Final?", "final")]
    [InlineData("which enhancements are still drafts?", "draft")]
    [InlineData("which ADRs are still at RFC stage rather than decided?", "rfc")]
    [InlineData("which proposals were accepted?", "accepted")]
    public void Interpret_WhenQueryListsRecordsByStatus_ReadsTheStatusAsked(string query, string status) =>
        Assert.Equal(status, QueryInterpreter.Interpret(query).StatusWord);

    [Theory]
    [InlineData("API-001", "API-001")]
    [InlineData("what does XYZ-AC-01.02 ask?", "XYZ-AC-01.02")]
    [InlineData("XYZ-AC-01", "XYZ-AC-01")]
    [InlineData("which checklist item is RE:07?", "RE:07")]
    public void Interpret_WhenQueryNamesARequirementId_ReadsTheWholeId(string query, string id) =>
        Assert.Equal([id], QueryInterpreter.Interpret(query).RuleIds);

    [Fact]
    public void Interpret_WhenQueryNamesAProposalByNumber_ReadsTheNumber() =>
        Assert.Equal([86], QueryInterpreter.Interpret("proposal 86").DecisionNumbers);
}
