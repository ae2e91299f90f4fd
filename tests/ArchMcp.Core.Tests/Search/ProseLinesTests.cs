using ArchMcp.Search;

namespace ArchMcp.Core.Tests.Search;

/// <summary>Lines worth quoting: prose, not metadata, dates, status words, code or diagram source.</summary>
public class ProseLinesTests
{
    [Theory]
    [InlineData("Date: 2022-11-03")]
    [InlineData("* Deciders: Ann, Bo, Cy and the platform guild")]
    [InlineData("- Status: superseded by ADR-0009")]
    [InlineData("2022-11-03")]
    [InlineData("3 November 2022")]
    [InlineData("✅ Accepted")]
    [InlineData("graph LR")]
    [InlineData("  Client[Web client] --> Gateway")]
    [InlineData("services.AddSingleton<IClock, SystemClock>();")]
    [InlineData("retries = 3 ")]
    [InlineData("end")]
    public void IsProse_WhenMetadataDateStatusOrCode_IsFalse(string line)
    {
        Assert.False(ProseLines.IsProse(line));
    }

    [Theory]
    [InlineData("We will keep audit logs for a year.")]
    [InlineData("Chosen option: \"Postgres\", because the team knows it")]
    [InlineData("Every public endpoint needs an owner and a runbook")]
    [InlineData("Retries:")]
    public void IsProse_WhenASentence_IsTrue(string line)
    {
        Assert.True(ProseLines.IsProse(line));
    }

    [Fact]
    public void Keep_BlanksTheLinesThatAreNotProseButKeepsTheEndsOfWrappedSentences()
    {
        var kept = ProseLines.Keep("Status: accepted\nDate: 2022-11-03\nThe gateway checks tokens\nfor you.\nRejected\nShort line\nand more.");

        Assert.Equal("\n\nThe gateway checks tokens\nfor you.\n\nShort line\nand more.", kept);
    }

    [Fact]
    public void Keep_WhenNothingIsProse_GivesTheTextAsItIs()
    {
        Assert.Equal("Accepted", ProseLines.Keep("Accepted"));
    }
}
