using ArchMcp.Core.Catalog;
using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Tests.Loading;

/// <summary>Relations between decisions written in prose and tables rather than in a status line; minimal fixtures.</summary>
public class ProseRelationTests
{
    private static KnowledgeDocument Parse(string path, string content) => MarkdownKnowledgeParser.Parse("k", path, content);

    private const string Successor = """
        # 12. Publish events on a bus

        Status: Accepted

        ## Decision

        Use the bus.
        """;

    private static KnowledgeCatalog Catalog(string path, string content) =>
        KnowledgeCatalog.Build([Parse(path, content), Parse("adr/0012-event-bus.md", Successor)]);

    [Fact]
    public void Parse_WhenBodySentenceSaysSupersededByANumber_ReadsTheRelation()
    {
        var doc = Parse("adr/0003-poll-the-database.md", """
            # 3. Poll the database

            Status: Accepted

            ## Decision

            We poll every minute. This decision has since been superseded by ADR 12.
            """);

        Assert.Contains(doc.Decision!.Relations, r => r.Kind == RelationKind.SupersededBy && r.Target == "ADR-0012");
    }

    [Fact]
    public void Catalog_WhenBodySentenceSaysReplacedByALink_TheDecisionIsNotInForce()
    {
        var catalog = Catalog("adr/0003-poll-the-database.md", """
            # 3. Poll the database

            Status: Accepted

            ## Decision

            We poll every minute.

            > Note: replaced by [publishing events](0012-event-bus.md) in 2023.
            """);

        var replaced = catalog.ResolveDecision("3")!;
        Assert.Equal("ADR-0012", Assert.Single(replaced.SupersededBy).Id);
        Assert.False(replaced.InForce);
        Assert.True(catalog.ResolveDecision("12")!.InForce);
    }

    [Fact]
    public void Catalog_WhenAnAcceptedSuccessorSaysItSupersedesThisOne_TheDecisionIsNotInForce()
    {
        var catalog = KnowledgeCatalog.Build([
            Parse("adr/0003-poll-the-database.md", "# 3. Poll the database\n\nStatus: Accepted\n\n## Decision\n\nPoll.\n"),
            Parse("adr/0012-event-bus.md", "# 12. Publish events\n\nStatus: Accepted\n\n## Decision\n\nThis supersedes ADR-3.\n"),
        ]);

        Assert.False(catalog.ResolveDecision("3")!.InForce);
    }

    [Fact]
    public void Catalog_WhenOnlyAProposalSaysItSupersedesThisOne_TheDecisionStaysInForce()
    {
        var catalog = KnowledgeCatalog.Build([
            Parse("adr/0003-poll-the-database.md", "# 3. Poll the database\n\nStatus: Accepted\n\n## Decision\n\nPoll.\n"),
            Parse("adr/0012-event-bus.md", "# 12. Publish events\n\nStatus: Proposed\n\n## Decision\n\nThis supersedes ADR-3.\n"),
        ]);

        Assert.True(catalog.ResolveDecision("3")!.InForce);
    }

    [Fact]
    public void Catalog_WhenRevisionHistoryRowSaysDeprecatedInFavourOfAnother_TheDecisionIsNotInForce()
    {
        var catalog = Catalog("adr/0003-poll-the-database.md", """
            # 3. Poll the database

            Status: Accepted

            ## Decision

            We poll every minute.

            ## Revision history

            | Version | Date       | Change                                  |
            | ------- | ---------- | --------------------------------------- |
            | 1.0     | 2021-02-01 | First version                           |
            | 1.1     | 2023-05-09 | Deprecated in favour of ADR-0012        |
            """);

        var replaced = catalog.ResolveDecision("3")!;
        Assert.Equal("ADR-0012", Assert.Single(replaced.SupersededBy).Id);
        Assert.False(replaced.InForce);
    }

    [Fact]
    public void Parse_WhenMetadataRowNamesTheDecisionsItUpdates_ReadsOneAmendsRelationEach()
    {
        var doc = Parse("adr/0014-retry-budget.md", """
            # 14. Retry budget

            | Status  | Accepted           |
            | ------- | ------------------ |
            | Updates | ADR-0003, ADR-0012 |

            ## Decision

            Retry three times.
            """);

        var amends = doc.Decision!.Relations.Where(r => r.Kind == RelationKind.Amends).Select(r => r.Target).ToList();
        Assert.Equal(["ADR-0003", "ADR-0012"], amends);
    }

    [Fact]
    public void Parse_WhenMetadataLineNamesTheDecisionsThatUpdateThisOne_ReadsAmendedBy()
    {
        var doc = Parse("rfcs/0003-poll.md", """
            # 3. Poll the database

            Status: Accepted
            Updated by: #12 and #14

            ## Decision

            Poll.
            """);

        var amendedBy = doc.Decision!.Relations.Where(r => r.Kind == RelationKind.AmendedBy).Select(r => r.Target).ToList();
        Assert.Equal(["ADR-0012", "ADR-0014"], amendedBy);
    }

    [Fact]
    public void Catalog_WhenLinkTargetIsMisspeltButItsTextNamesTheNumber_ResolvesByTheNumber()
    {
        var catalog = Catalog("adr/0003-poll-the-database.md", """
            # 3. Poll the database

            Status: Superseded by [ADR-0012](0012-evnt-bus.md)

            ## Decision

            Poll.
            """);

        var replaced = catalog.ResolveDecision("3")!;
        Assert.Equal("ADR-0012", Assert.Single(replaced.SupersededBy).Id);
    }

    [Fact]
    public void Parse_WhenProseSaysADecisionWasMadeInFavourOfAnOption_ReadsNoRelation()
    {
        var doc = Parse("adr/0003-poll-the-database.md", """
            # 3. Poll the database

            Status: Accepted

            ## Decision

            We decided in favour of ADR 2's polling interval and updates every 5 minutes.
            """);

        Assert.Empty(doc.Decision!.Relations);
    }
}
