using ArchMcp.Core.Search;

namespace ArchMcp.Core.Tests.Search;

/// <summary>The cited line of a snippet: where its sentence starts in the file, not the heading above it.</summary>
public class QuoteLineTests
{
    private const string Markdown = """
        # 4. Queue orders

        ## Decision

        Orders are queued in **SQS**. Every consumer
        is idempotent, so a message read twice
        does no harm.
        """;

    [Fact]
    public void Find_WhenTheQuoteStartsMidLineAfterMarkup_GivesThatLine()
    {
        Assert.Equal(5, QuoteLine.Find(Markdown, 3, "Orders are queued in **SQS**."));
    }

    [Fact]
    public void Find_WhenTheQuoteRunsOverLineBreaks_GivesTheLineItStartsOn()
    {
        Assert.Equal(5, QuoteLine.Find(Markdown, 3, "Every **consumer** is idempotent, so a message read twice does no harm."));
    }

    [Fact]
    public void Find_WhenTheWordsAlsoStandAboveTheSection_GivesTheLineFromTheSectionOn()
    {
        const string twice = "# Title\n\nEvery consumer is idempotent here.\n\n## Decision\n\nSo: every Consumer\nis IDEMPOTENT here.\n";
        Assert.Equal(3, QuoteLine.Find(twice, 1, "Every consumer is idempotent here."));
        Assert.Equal(7, QuoteLine.Find(twice, 5, "every consumer is idempotent here"));
    }

    [Fact]
    public void Find_WhenTheQuoteHasFewerWordsThanTheRun_MatchesThemAll()
    {
        Assert.Equal(6, QuoteLine.Find(Markdown, 1, "a message read"));
    }

    [Fact]
    public void Find_WhenTheSectionLineIsPastTheEnd_GivesNull()
    {
        Assert.Null(QuoteLine.Find(Markdown, 40, "Orders are queued"));
    }

    [Fact]
    public void Find_WhenTheWordsAreNotThere_GivesNull()
    {
        Assert.Null(QuoteLine.Find(Markdown, 3, "Payments are retried nightly."));
    }
}
