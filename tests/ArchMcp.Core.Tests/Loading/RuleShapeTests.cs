using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Tests.Loading;

/// <summary>Rules in the shapes standards write them; minimal fixtures written from each shape's description.</summary>
public class RuleShapeTests
{
    private static KnowledgeDocument Parse(string path, string content) => MarkdownKnowledgeParser.Parse("k", path, content);

    [Fact]
    public void Parse_WhenNumberedListStatesRules_ReadsOneRulePerItem()
    {
        var doc = Parse("standards/services.md", """
            # Service standard

            ## Health

            Every service is watched.

            1. Services MUST expose a health endpoint.
            2. Services SHOULD report their version there.
            3. Dashboards are nice to have.
            """);

        Assert.Collection(doc.Rules,
            r =>
            {
                Assert.Equal("standards/services.md :: Health / 1", r.Id);
                Assert.Equal(RuleLevel.Must, r.Level);
                Assert.Equal("Services MUST expose a health endpoint.", r.Statement);
                Assert.Equal(7, r.Line);
                Assert.Equal("Health", r.SectionHeading);
            },
            r =>
            {
                Assert.Equal("standards/services.md :: Health / 2", r.Id);
                Assert.Equal(RuleLevel.Should, r.Level);
            });
    }

    [Fact]
    public void Parse_WhenBoldRequirementPrecedesTheFirstSection_ReadsItAsARule()
    {
        var doc = Parse("standards/logging.md", """
            # Logging

            **All services MUST write their logs as JSON lines.**

            ## Fields

            The fields are listed below. Each field SHOULD be present.
            """);

        var rule = Assert.Single(doc.Rules, r => !r.Implicit);
        Assert.Equal(RuleLevel.Must, rule.Level);
        Assert.Equal("All services MUST write their logs as JSON lines.", rule.Statement);
        Assert.Equal(3, rule.Line);
        Assert.Contains(doc.Rules, r => r.Statement == "Fields");
    }

    [Fact]
    public void Parse_WhenTheRFC2119BoilerplatePrecedesTheFirstSection_ReadsNoRuleFromIt()
    {
        var doc = Parse("standards/logging.md", """
            # Logging

            **The key words MUST, MUST NOT, SHOULD and MAY are to be read as described in RFC 2119.**

            ## Fields

            Each field SHOULD be present.
            """);

        Assert.DoesNotContain(doc.Rules, r => r.Statement.Contains("RFC 2119", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_WhenChecklistTableRowsCarryCodes_ReadsOneRulePerCode()
    {
        var doc = Parse("reliability/checklist.md", """
            # Reliability checklist

            ## Checklist

            | Code | Recommendation |
            | ---- | -------------- |
            | [RE:01](simplicity.md) | **Keep the design simple.** Fewer parts fail less. |
            | [RE:05](redundancy.md) | **Add redundancy at every layer.** Remove single points of failure. |
            """);

        Assert.Collection(doc.Rules,
            r =>
            {
                Assert.Equal("RE:01", r.Id);
                Assert.Equal("Keep the design simple.", r.Statement);
                Assert.Equal(7, r.Line);
            },
            r =>
            {
                Assert.Equal("RE:05", r.Id);
                Assert.Equal("Add redundancy at every layer.", r.Statement);
                Assert.Equal(RuleLevel.Should, r.Level);
            });
    }

    [Fact]
    public void Parse_WhenChecklistRowsStartWithATickBoxColumn_ReadsTheCodeAfterTheBox()
    {
        var doc = Parse("security/checklist.md", """
            # Security checklist

            ## Checklist

            |&nbsp; | Code | Recommendation |
            |---|---|---|
            | &#9744; | [SE:01](baseline.md) | **Set a security baseline.** Review it yearly. |
            | ☑ | [SE:02](secrets.md) | Keep secrets out of source control. |
            | [ ] | SE:03 | Rotate keys. |
            | ☐ | [SE:04](detect.md) <br> [SE:04](respond.md) | Detect threats and respond to them. |
            | ☐ | Note | Not a code. |
            """);

        Assert.Equal(["SE:01", "SE:02", "SE:03", "SE:04"], doc.Rules.Select(r => r.Id));
        Assert.Equal("Detect threats and respond to them.", doc.Rules[3].Statement);
        Assert.Equal("Set a security baseline.", doc.Rules[0].Statement);
        Assert.Equal("Keep secrets out of source control.", doc.Rules[1].Statement);
        Assert.Contains(doc.Links, l => l.Target == "secrets.md");
    }

    [Fact]
    public void Parse_WhenTheChecklistTableComesRightAfterTheTitle_ReadsItAsRulesNotMetadata()
    {
        var doc = Parse("reliability/checklist.md", """
            # Reliability checklist

            | Code                   | Recommendation                   |
            | ---------------------- | -------------------------------- |
            | [RE:01](simplicity.md) | **Keep the design simple.**      |
            | [RE:02](flows.md)      | **Identify the critical flows.** |
            """);

        Assert.Equal(["RE:01", "RE:02"], doc.Rules.Select(r => r.Id));
        Assert.Contains(doc.Links, l => l.Target == "simplicity.md");
    }

    [Fact]
    public void Parse_WhenAGuidePageNamesOneCodeInItsMetadataRows_AnswersToTheCodeAndHasNoRowRule()
    {
        var doc = Parse("reliability/redundancy.md", """
            # Recommendations for redundancy

            | **RE:05** | Add redundancy at every layer. |
            | --------- | ------------------------------ |

            ## Key strategies

            Replicas SHOULD run in separate zones.
            """);

        Assert.Equal(["RE:05"], doc.Aliases);
        Assert.DoesNotContain(doc.Rules, r => r.Id == "RE:05");
    }

    [Fact]
    public void Parse_WhenAnchorTagPrecedesADoParagraph_TheRuleTakesTheAnchorAsItsId()
    {
        var doc = Parse("guidelines/collections.md", """
            # Collections

            ## Returning collections

            <a name="no-null-collections"></a>
            **DON'T** return null from a collection property; return an empty collection.

            <a id="read-only-views"/>
            **DO** return read-only views of internal lists.
            """);

        Assert.Collection(doc.Rules,
            r =>
            {
                Assert.Equal("no-null-collections", r.Id);
                Assert.Equal(RuleLevel.MustNot, r.Level);
                Assert.Equal(5, r.Line);
            },
            r =>
            {
                Assert.Equal("read-only-views", r.Id);
                Assert.Equal(RuleLevel.Must, r.Level);
                Assert.Equal("return read-only views of internal lists.", r.Statement);
                Assert.Equal(9, r.Line);
            });
    }

    [Fact]
    public void Parse_WhenOneSectionIsAMustHeading_TheOtherNormativeSectionsStayRules()
    {
        var doc = Parse("standards/api.md", """
            # API standard

            ## MUST version every public API

            Put the major version in the path.

            ## Pagination

            Lists SHOULD be paginated with cursors.

            ## History

            Written in 2020.
            """);

        Assert.Contains(doc.Rules, r => r.Statement == "version every public API" && r.Level == RuleLevel.Must);
        var pagination = Assert.Single(doc.Rules, r => r.Statement == "Pagination");
        Assert.Equal(RuleLevel.Should, pagination.Level);
        Assert.DoesNotContain(doc.Rules, r => r.Statement == "History");
    }

    [Fact]
    public void Parse_WhenTheStandardNamesEachRuleWithAnId_ItsOtherSectionsAreNoRules()
    {
        var doc = Parse("standards/api.md", """
            # API standard

            ## Overview

            Every API MUST follow the rules below.

            ## MUST version every public API [API-001]

            Put the major version in the path.
            """);

        Assert.Equal(["API-001"], doc.Rules.Select(r => r.Id));
    }
}
