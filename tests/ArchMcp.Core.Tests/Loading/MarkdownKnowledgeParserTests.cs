using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;
using ArchMcp.Tests.Shared;

namespace ArchMcp.Core.Tests.Loading;

public class MarkdownKnowledgeParserTests
{
    private static KnowledgeDocument Fixture(string path) =>
        MarkdownKnowledgeParser.Parse("fixtures", path, File.ReadAllText(Path.Combine(TempKnowledgeFolder.FixturesPath, path)));

    [Fact]
    public void Parse_WhenNygardRecord_ReadsNumberTitleDateStatusAndAmendment()
    {
        var doc = Fixture("decisions/0001-use-kafka-for-events.md");

        Assert.Equal(DocumentKind.Decision, doc.Kind);
        Assert.Equal("ADR-0001", doc.Id);
        Assert.Equal("Use Kafka for domain events", doc.Title);
        Assert.Equal(new DateOnly(2021, 3, 4), doc.Date);
        Assert.Equal(DecisionStatus.Accepted, doc.Decision!.Status);
        Assert.Equal("Accepted", doc.Decision.RawStatus);
        Assert.Equal(7, doc.Decision.StatusLine);
        Assert.Contains(doc.Decision.Relations, r => r.Kind == RelationKind.AmendedBy && r.Target == "0006-partition-events-by-tenant.md");
    }

    [Fact]
    public void Parse_WhenStatusSaysSupersededByLink_MapsStatusAndRelation()
    {
        var doc = Fixture("decisions/0002-use-postgres-on-vms.md");

        Assert.Equal("Run PostgreSQL on our own VMs", doc.Title);
        Assert.Equal(DecisionStatus.Superseded, doc.Decision!.Status);
        Assert.Equal("Superseded by Use managed PostgreSQL", doc.Decision.RawStatus);
        var relation = Assert.Single(doc.Decision.Relations);
        Assert.Equal(RelationKind.SupersededBy, relation.Kind);
        Assert.Equal("0005-use-managed-postgresql.md", relation.Target);
    }

    [Fact]
    public void Parse_WhenMadr4FrontMatter_ReadsStatusDateDecisionMakersAndTags()
    {
        var doc = Fixture("decisions/0003-choose-api-gateway.md");

        Assert.Equal(DecisionStatus.Proposed, doc.Decision!.Status);
        Assert.Equal(new DateOnly(2022, 1, 15), doc.Date);
        Assert.Equal("Ana Lima, Tom Berg", doc.Decision.DecisionMakers);
        Assert.Equal(["api", "gateway", "security"], doc.Tags);
        Assert.Equal("proposed", doc.FrontMatter["status"]);
        Assert.Equal(7, doc.TitleLine);
    }

    [Fact]
    public void Parse_WhenMadr2Bullets_ReadsStatusDecidersDateAndStripsTitlePrefix()
    {
        var doc = Fixture("decisions/0004-grpc-between-services.md");

        Assert.Equal("Use gRPC between internal services", doc.Title);
        Assert.Equal(DecisionStatus.Accepted, doc.Decision!.Status);
        Assert.Equal("Platform team", doc.Decision.DecisionMakers);
        Assert.Equal(new DateOnly(2022, 2, 20), doc.Date);
    }

    [Fact]
    public void Parse_WhenEmojiStatusAfterDecisionAndProseSupersedes_ReadsBoth()
    {
        var doc = Fixture("decisions/0005-use-managed-postgresql.md");

        Assert.Equal("Use managed PostgreSQL", doc.Title);
        Assert.Equal(DecisionStatus.Accepted, doc.Decision!.Status);
        Assert.Equal("Accepted", doc.Decision.RawStatus);
        Assert.Contains(doc.Decision.Relations, r => r.Kind == RelationKind.Supersedes && r.Target == "ADR-0002");
    }

    [Fact]
    public void Parse_WhenFrontMatterAmends_AddsRelation()
    {
        var doc = Fixture("decisions/0006-partition-events-by-tenant.md");

        Assert.Contains(doc.Decision!.Relations, r => r.Kind == RelationKind.Amends && r.Target == "0001-use-kafka-for-events.md");
    }

    [Fact]
    public void Parse_WhenHeadingAndFileNumbersDiffer_KeepsFileNumberAndReportsMismatch()
    {
        var doc = Fixture("decisions/adr-007-cache-product-data.md");

        Assert.Equal("ADR-0007", doc.Id);
        Assert.Equal(7, doc.Decision!.Number);
        Assert.Equal((9, 7), doc.Decision.NumberMismatch);
        Assert.Equal("Cache product data at the edge", doc.Title);
        Assert.Equal(DecisionStatus.Proposed, doc.Decision.Status);
        Assert.Equal(new DateOnly(2023, 7, 27), doc.Date);
    }

    [Fact]
    public void Parse_WhenLog4brainsFile_UsesSlugWithoutDateAsIdAndReadsBullets()
    {
        var doc = Fixture("decisions/20240115-adopt-opentelemetry.md");

        Assert.Equal("adopt-opentelemetry", doc.Id);
        Assert.Null(doc.Decision!.Number);
        Assert.Equal(DecisionStatus.Accepted, doc.Decision.Status);
        Assert.Equal(new DateOnly(2024, 1, 15), doc.Date);
        Assert.Equal(["observability", "tracing"], doc.Tags);
    }

    [Fact]
    public void Parse_WhenYStatementOutsideDecisionFolder_DetectsDecision()
    {
        var doc = MarkdownKnowledgeParser.Parse("r", "notes/caching.md",
            "# Caching\n\nIn the context of the shop, facing slow pages, we decided for a CDN to achieve speed, accepting staleness.\n");

        Assert.Equal(DocumentKind.Decision, doc.Kind);
    }

    [Fact]
    public void Parse_WhenStatusSectionAndNumberedHeadingOutsideDecisionFolder_DetectsDecision()
    {
        var doc = MarkdownKnowledgeParser.Parse("r", "docs/0012-use-redis.md", "# 12. Use Redis\n\n## Status\n\nDeprecated\n\n## Context\n\nx\n");

        Assert.Equal(DocumentKind.Decision, doc.Kind);
        Assert.Equal(DecisionStatus.Deprecated, doc.Decision!.Status);
        Assert.Equal("ADR-0012", doc.Id);
    }

    [Fact]
    public void Parse_WhenRelationLinkTextEndsTheParagraphWithWhitespace_ReadsTheRelation()
    {
        // the link's text ends in a line break that trimming the paragraph cuts off; its span once reached past the text
        var doc = MarkdownKnowledgeParser.Parse("r", "decisions/0009-use-mtls.md",
            "# 9. Use mTLS\n\n## Status\n\nAccepted. Supersedes [ADR 3<br>](https://wiki.example.com/adr/3)\n\n## Context\n\nx\n");

        Assert.DoesNotContain(doc.Findings, f => f.Code == LintCodes.ParserFailure);
        Assert.Equal(DecisionStatus.Accepted, doc.Decision!.Status);
        var relation = Assert.Single(doc.Decision.Relations);
        Assert.Equal(RelationKind.Supersedes, relation.Kind);
        Assert.Equal("ADR 3", relation.Target);
    }

    [Theory]
    [InlineData("Accepted", DecisionStatus.Accepted)]
    [InlineData("approved", DecisionStatus.Accepted)]
    [InlineData("Adopted", DecisionStatus.Accepted)]
    [InlineData("Agreed", DecisionStatus.Accepted)]
    [InlineData("Done", DecisionStatus.Accepted)]
    [InlineData("implemented", DecisionStatus.Accepted)]
    [InlineData("✅ Accepted", DecisionStatus.Accepted)]
    [InlineData("Proposed", DecisionStatus.Proposed)]
    [InlineData("Pending", DecisionStatus.Proposed)]
    [InlineData("Draft", DecisionStatus.Proposed)]
    [InlineData("open", DecisionStatus.Proposed)]
    [InlineData("Under review", DecisionStatus.Proposed)]
    [InlineData("In progress", DecisionStatus.Proposed)]
    [InlineData("on hold", DecisionStatus.Proposed)]
    [InlineData("WIP", DecisionStatus.Proposed)]
    [InlineData("🚧 proposed", DecisionStatus.Proposed)]
    [InlineData("Rejected", DecisionStatus.Rejected)]
    [InlineData("❌ Rejected", DecisionStatus.Rejected)]
    [InlineData("declined", DecisionStatus.Rejected)]
    [InlineData("Abandoned", DecisionStatus.Rejected)]
    [InlineData("Deprecated", DecisionStatus.Deprecated)]
    [InlineData("retired", DecisionStatus.Deprecated)]
    [InlineData("Obsolete", DecisionStatus.Deprecated)]
    [InlineData("withdrawn", DecisionStatus.Deprecated)]
    [InlineData("Superseded", DecisionStatus.Superseded)]
    [InlineData("Partly superseded", DecisionStatus.Superseded)]
    [InlineData("superseded by [x](0002-x.md)", DecisionStatus.Superseded)]
    [InlineData("Replaced", DecisionStatus.Superseded)]
    [InlineData("Bananas", DecisionStatus.Unknown)]
    [InlineData("", DecisionStatus.Unknown)]
    public void Map_WhenStatusWording_ReturnsLifecycleState(string raw, DecisionStatus expected) =>
        Assert.Equal(expected, StatusMapper.Map(raw));

    [Theory]
    [InlineData("7. Use Kafka", "Use Kafka", 7)]
    [InlineData("ADR 7: Use Kafka", "Use Kafka", 7)]
    [InlineData("ADR-0007 - Use Kafka", "Use Kafka", 7)]
    [InlineData("ADR-0007: Use Kafka", "Use Kafka", 7)]
    [InlineData("Architecture Decision Record: Use Kafka", "Use Kafka", null)]
    [InlineData("Use 2 regions", "Use 2 regions", null)]
    [InlineData("23 Logging", "Logging", 23)]
    [InlineData("007 Use Kafka", "Use Kafka", 7)]
    [InlineData("2024 Roadmap", "2024 Roadmap", null)]
    [InlineData("3 regions", "3 regions", null)]
    public void CleanTitle_WhenPrefixed_StripsPrefixAndReturnsNumber(string heading, string title, int? number) =>
        Assert.Equal((title, number), DocumentTitle.CleanTitle(heading));

    [Theory]
    [InlineData("decisions/0007-foo.md", 7, "foo")]
    [InlineData("decisions/adr-007-foo.md", 7, "foo")]
    [InlineData("decisions/ADR-7.md", 7, "ADR-7")]
    [InlineData("docs/adr/20201016-use-the-adr-slug.md", null, "use-the-adr-slug")]
    public void Analyze_WhenDecisionFileName_ReadsNumberAndSlug(string path, int? number, string slug)
    {
        var info = FileNames.Analyze(path);
        Assert.Equal(number, info.Number);
        Assert.Equal(slug, info.Slug);
    }

    [Fact]
    public void Parse_WhenNumberOnlyInFileName_UsesIt()
    {
        var doc = MarkdownKnowledgeParser.Parse("r", "adr/ADR-7.md", "# Use Kafka\n\nStatus: accepted\n");

        Assert.Equal("ADR-0007", doc.Id);
        Assert.Equal("Use Kafka", doc.Title);
        Assert.Equal(DecisionStatus.Accepted, doc.Decision!.Status);
    }

    [Fact]
    public void Parse_WhenZalandoStyleRules_ReadsIdsLevelsAndStatements()
    {
        var doc = Fixture("standards/rest-api-rules.md");

        Assert.Equal(DocumentKind.Standard, doc.Kind);
        Assert.Equal("API", doc.Id);
        var byId = doc.Rules.ToDictionary(r => r.Id);
        Assert.Equal(RuleLevel.Must, byId["176"].Level);
        Assert.Equal("support problem JSON", byId["176"].Statement);
        Assert.Contains("problem+json", byId["176"].Text);
        Assert.Equal(RuleLevel.Should, byId["177"].Level);
        Assert.Equal(RuleLevel.MustNot, byId["178"].Level);
        Assert.Equal("MUST not", byId["178"].RawLevel);
        Assert.Equal(RuleLevel.Must, byId["API-001"].Level);
        Assert.Equal("version public APIs with a major version in the path", byId["API-001"].Statement);
        Assert.Equal(RuleLevel.Must, byId["http-url-casing"].Level);
        Assert.Equal(RuleLevel.Should, byId["cursor-pagination"].Level);
        Assert.All(doc.Rules, r => Assert.False(r.Implicit));
        Assert.Equal(6, doc.Rules.Count);
    }

    [Fact]
    public void Parse_WhenFrontMatterIdAndRequirementHeadings_UsesRequirementIds()
    {
        var doc = Fixture("standards/segas-logging.md");

        Assert.Equal("SEGAS-00006", doc.Id);
        Assert.Equal(["SEGAS-00015", "SEGAS-00016"], doc.Rules.Select(r => r.Id));
        Assert.Equal(RuleLevel.Must, doc.Rules[0].Level);
        Assert.Equal("You MUST log every authentication failure", doc.Rules[0].Statement);
    }

    [Fact]
    public void Parse_WhenMicrosoftStyleBullets_MakesOneRuleEach()
    {
        var doc = Fixture("standards/dotnet-naming.md");

        Assert.Equal(DocumentKind.Standard, doc.Kind);
        var rules = doc.Rules;
        Assert.Equal(5, rules.Count);
        Assert.Equal("standards/dotnet-naming.md :: Names of types", rules[0].Id);
        Assert.Equal(RuleLevel.Must, rules[0].Level);
        Assert.Equal("standards/dotnet-naming.md :: Names of types #2", rules[1].Id);
        Assert.Equal(RuleLevel.MustNot, rules[1].Level);
        Assert.Equal("DO NOT", rules[1].RawLevel);
        Assert.Equal(RuleLevel.ShouldNot, rules[2].Level);
        Assert.Equal(RuleLevel.Should, rules[3].Level);
        Assert.Equal("interface-prefix", rules[4].Id);
        Assert.Equal("YOU SHOULD", rules[4].RawLevel);
        Assert.Equal("prefix interface names with the letter I.", rules[4].Statement);
    }

    [Fact]
    public void Parse_WhenGuideHasNoExplicitRules_MakesImplicitSectionRules()
    {
        var doc = Fixture("guides/observability.html.md");

        Assert.Equal("How to monitor your service", doc.Title);
        Assert.Equal(DocumentKind.Guide, doc.Kind);
        Assert.Equal(new DateOnly(2024, 10, 21), doc.Date);
        Assert.DoesNotContain("<%", doc.Text);
        var rule = Assert.Single(doc.Rules, r => r.Id == "guides/observability.html.md :: Short-term storage");
        Assert.True(rule.Implicit);
        Assert.Equal(RuleLevel.Must, rule.Level);
        Assert.Equal(RuleLevel.Should, doc.Rules.Single(r => r.Id.EndsWith(":: Dashboards", StringComparison.Ordinal)).Level);
        Assert.Equal(RuleLevel.MustNot, doc.Rules.Single(r => r.Id.EndsWith(":: Must Do", StringComparison.Ordinal)).Level);
        Assert.DoesNotContain(doc.Rules, r => r.Id.EndsWith(":: Links", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_WhenReferenceArchitecture_KeepsMermaidSectionsAndLinks()
    {
        var doc = Fixture("reference-architectures/event-driven.md");

        Assert.Equal(DocumentKind.Reference, doc.Kind);
        Assert.Contains("flowchart LR", doc.Text);
        var link = Assert.Single(doc.Links);
        Assert.Equal("../decisions/0001-use-kafka-for-events.md", link.Target);
        Assert.Equal(7, link.Line);
        var section = Assert.Single(doc.Sections, s => s.Heading == "Components");
        Assert.Equal(2, section.Level);
        Assert.Equal(14, section.Line);
        Assert.Equal("components", section.Anchor);
        Assert.Equal("Producers write to Kafka; consumers are idempotent.", section.Text);
    }

    [Theory]
    [InlineData("decisions/README.md", DocumentKind.Guide)]
    [InlineData("decisions/adr-template.md", DocumentKind.Template)]
    [InlineData("templates/adr.md", DocumentKind.Template)]
    [InlineData("decisions/0008-drop-soap.md", DocumentKind.Decision)]
    public void Parse_WhenFixture_DetectsKind(string path, DocumentKind kind) => Assert.Equal(kind, Fixture(path).Kind);

    [Fact]
    public void Parse_WhenFrontMatterIsBrokenYaml_ReportsLineAndStillParsesBody()
    {
        var doc = MarkdownKnowledgeParser.Parse("r", "decisions/0001-x.md", "---\ntitle: ok\nstatus: [accepted\n---\n# 1. Broken\n\n## Status\n\nAccepted\n");

        var finding = Assert.Single(doc.Findings);
        Assert.Equal(LintCodes.BadFrontMatter, finding.Code);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.InRange(finding.Line, 2, 5);
        Assert.Contains("column", finding.Message);
        Assert.Equal("Broken", doc.Title);
        Assert.Equal(DecisionStatus.Accepted, doc.Decision!.Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("---\n")]
    [InlineData("---\n---\n")]
    [InlineData("# \n## \n")]
    [InlineData("```\nunterminated")]
    [InlineData("<a name=\"x\"></a>")]
    [InlineData("---\n- a\n- b\n---\n# T")]
    public void Parse_WhenContentIsOdd_NeverThrowsAndStillNamesTheDocument(string content)
    {
        var doc = MarkdownKnowledgeParser.Parse("r", "decisions/x.md", content);

        Assert.False(string.IsNullOrWhiteSpace(doc.Title), "a listing needs a title to show");
        Assert.False(string.IsNullOrWhiteSpace(doc.Id), "a document needs an id to be fetched by");
        Assert.Equal("decisions/x.md", doc.Path);
    }
}
