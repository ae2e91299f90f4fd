using ArchMcp.Core.Checklists;

namespace ArchMcp.Core.Tests.Checklists;

/// <summary>
/// The products a record's title or outcome names that no vocabulary knows, told from the words of the domain by the
/// share of the knowledge base's files that hold them.
/// </summary>
public sealed class TitleNamesTests
{
    /// <summary>Shares of files holding each word (lower case); a word not listed is in every file.</summary>
    private static Func<string, double> Shares(params (string Word, double Share)[] shares) =>
        word => shares.FirstOrDefault(s => s.Word == word.ToLowerInvariant()) is { Word: not null } hit ? hit.Share : 1.0;

    [Fact]
    public void Of_RareTitleWords_AreNames_TheDomainsWordsAreNot()
    {
        var share = Shares(("inkstone", 0.01), ("quillpen", 0.02), ("renderer", 0.30), ("larkspur", 0.95), ("replace", 0.20));

        var names = TitleNames.Of("Larkspur: replace Inkstone with Quillpen as renderer", null, share);

        Assert.Equal(["Inkstone", "Quillpen"], names);
    }

    [Fact]
    public void Of_TwoRareWordsSideBySide_AreAlsoOneNameWrittenJoined()
    {
        var names = TitleNames.Of("Move to Blue Heron for builds", null, Shares(("blue", 0.01), ("heron", 0.01)));

        Assert.Equal(["Blue", "Heron", "BlueHeron"], names);
    }

    [Fact]
    public void Of_AVersionedProductWord_AlsoNamesItsProductLine_WhenThatIsRareToo()
    {
        var rare = TitleNames.Of("Use zephyr12-slim as a base image", null, Shares(("zephyr12", 0.01), ("zephyr", 0.02), ("slim", 0.03)));
        var common = TitleNames.Of("Use zephyr12-slim as a base image", null, Shares(("zephyr12", 0.01), ("zephyr", 0.40), ("slim", 0.03)));

        Assert.Equal(["zephyr12", "zephyr", "slim", "zephyr12slim"], rare);
        Assert.DoesNotContain("zephyr", common);
    }

    [Fact]
    public void Of_IdentifiersTheOutcomeWritesInCode_AreNamesWhole_WhenRare()
    {
        var share = Shares(("fastwireclient", 0.01), ("larkclient", 0.5), ("wrapper", 0.01));

        var names = TitleNames.Of("Outbound calls", "A `LarkClient` will wrap `FastWireClient` and `retry.max`.", share);
        var plain = TitleNames.Of("Outbound calls", "A LarkClient will wrap FastWireClient, the Wrapper of choice.", share);

        Assert.Equal(["FastWireClient"], names);
        Assert.Equal(["FastWireClient"], plain);
    }

    [Theory]
    [InlineData("Go ok on 42")]
    [InlineData("Drop it")]
    // the verb stating the decision's action is English however few records use it
    [InlineData("Replace Deprecate Migrate")]
    public void Of_ShortWordsAndNumbers_AreNeverNames(string title) =>
        Assert.Empty(TitleNames.Of(title, null, _ => 0.001));
}
