using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Tests.Loading;

/// <summary>The outcome of a decision record — what was chosen and why, and what was turned down — in each template's form.</summary>
public class OutcomeExtractorTests
{
    private static DecisionOutcome? OutcomeOf(string path, string markdown) =>
        MarkdownKnowledgeParser.Parse("r", path, markdown).Decision?.Outcome;

    [Fact]
    public void Parse_WhenMadrChosenOption_QuotesItWithItsReasonAndTheOtherOptionsAsRejected()
    {
        var outcome = OutcomeOf("adr/0004-pick-a-queue.md", """
            ---
            status: accepted
            date: 2024-02-01
            ---
            # Pick a message queue

            ## Context and Problem Statement

            Orders are lost when the billing service restarts.

            ## Considered Options

            * RabbitMQ
            * Amazon SQS
            * A table polled by cron

            ## Decision Outcome

            Chosen option: "Amazon SQS", because it is managed and keeps
            messages for fourteen days.

            ### Consequences

            * Good, because nobody patches brokers.
            """);

        Assert.NotNull(outcome);
        Assert.Equal("Chosen option: \"Amazon SQS\", because it is managed and keeps messages for fourteen days.", outcome.Text);
        Assert.Equal(19, outcome.Line);
        Assert.Equal(["RabbitMQ", "A table polled by cron"], outcome.Rejected);
    }

    [Fact]
    public void Parse_WhenMadrProsAndConsHeadsEachOption_RejectsTheOtherOptionsNotTheirArguments()
    {
        var outcome = OutcomeOf("adr/0008-pick-a-cache.md", """
            # Pick a cache

            ## Decision Outcome

            Chosen option: "Option 2: Redis", because it is managed.

            ## Pros and Cons of the Options

            ### Option 1: Memcached

            * Good, because it is simple.
            * Bad, because it has no persistence.

            ### Option 2: Redis

            * Good, because it keeps data across restarts.
            """);

        Assert.NotNull(outcome);
        Assert.Equal("Chosen option: \"Option 2: Redis\", because it is managed.", outcome.Text);
        Assert.Equal(["Option 1: Memcached"], outcome.Rejected);
    }

    [Theory]
    [InlineData("[Kafka](https://example.org/kafka) – a durable log", "Kafka")]
    [InlineData("Option 2: Use Kafka", "Use Kafka")]
    [InlineData("Alternative B - `Kafka`", "Kafka")]
    [InlineData("3. Kafka, run by us", "Kafka")]
    [InlineData("Optional caching in the client", "Optional caching in the client")]
    public void OptionName_DropsLabelsLinksAndDescriptions(string option, string name) =>
        Assert.Equal(name, OutcomeExtractor.OptionName(option));

    [Fact]
    public void Parse_WhenNygardDecisionSection_QuotesTheWeWillSentenceNotTheStatusOrDate()
    {
        var outcome = OutcomeOf("docs/adr/0007-use-one-region.md", """
            # 7. Use one region

            Date: 2023-05-02

            ## Status

            Accepted

            ## Context

            We will need more capacity next year. Two regions double the cost.

            ## Decision

            After a long discussion in March 2023,
            we will run every service in one region. A second region is added only for disaster recovery.

            ## Consequences

            Failover is manual.
            """);

        Assert.NotNull(outcome);
        Assert.Equal("After a long discussion in March 2023, we will run every service in one region.", outcome.Text);
        Assert.Equal(15, outcome.Line);
        Assert.Empty(outcome.Rejected);
    }

    [Fact]
    public void Parse_WhenDecisionSectionHasNoWeWill_QuotesItsFirstProseSentenceSkippingMetadataAndCode()
    {
        var outcome = OutcomeOf("decisions/0002-cache-pages.md", """
            # 2. Cache product pages

            ## Decision

            Status: accepted

            ```mermaid
            graph TD
              A[Browser] --> B[CDN]
            ```

            Product pages are served from the CDN for five minutes. Prices come from the API.

            ## Rejected alternatives

            ### Render pages at the edge

            Too costly.

            ### Cache in the browser only

            Stale prices.
            """);

        Assert.NotNull(outcome);
        Assert.Equal("Product pages are served from the CDN for five minutes.", outcome.Text);
        Assert.Equal(12, outcome.Line);
        Assert.Equal(["Render pages at the edge", "Cache in the browser only"], outcome.Rejected);
    }

    [Fact]
    public void Parse_WhenYStatement_QuotesWhatWasDecidedAndTheNeglectedOption()
    {
        var outcome = OutcomeOf("decisions/0003-session-store.md", """
            # 3. Session store

            ## Decision

            In the context of the checkout service, facing lost sessions on deploys, we decided for Redis and neglected sticky sessions, to achieve zero-downtime deploys, accepting one more component to run.
            """);

        Assert.NotNull(outcome);
        Assert.StartsWith("We decided for Redis and neglected sticky sessions, to achieve zero-downtime deploys", outcome.Text, StringComparison.Ordinal);
        Assert.Equal(5, outcome.Line);
        Assert.Equal(["sticky sessions"], outcome.Rejected);
    }

    [Fact]
    public void Parse_WhenRecordStatesNoOutcome_HasNone()
    {
        var outcome = OutcomeOf("decisions/0005-open-question.md", """
            # 5. Open question

            ## Status

            Proposed

            ## Context

            Builds take forty minutes and nobody knows why.
            """);

        Assert.Null(outcome);
    }
}
