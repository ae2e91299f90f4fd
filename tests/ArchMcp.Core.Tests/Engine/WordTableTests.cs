using ArchMcp.Core.Indexing;

namespace ArchMcp.Core.Tests.Engine;

/// <summary>The word table behind the analysis memo: every word kept is found with its own value, nothing else is.</summary>
public sealed class WordTableTests
{
    [Fact]
    public void Find_AfterManyWordsAndGrowth_ReturnsEachWordsOwnValue()
    {
        var table = new WordTable<string>(100_000);
        var words = Enumerable.Range(0, 50_000).Select(i => $"w{i:x}").ToList();
        foreach (var w in words)
        {
            table.Add(w, w.ToUpperInvariant());
        }

        Assert.Equal(words.Count, table.Count);
        Assert.All(words, w => Assert.Equal(w.ToUpperInvariant(), table.Find(w.AsSpan())));
        Assert.Null(table.Find("w".AsSpan()));
        Assert.Null(table.Find("w0x".AsSpan()));
        Assert.Null(table.Find("".AsSpan()));
    }

    [Fact]
    public void Add_WhenFullOrTheWordIsTooLong_KeepsNothingMore()
    {
        var table = new WordTable<string>(3);
        foreach (var w in new[] { "a", "bb", "ccc", "dddd" })
        {
            table.Add(w, w);
        }

        table.Add(new string('x', WordTable<string>.MaxLength + 1), "long");

        Assert.True(table.IsFull);
        Assert.Equal("ccc", table.Find("ccc".AsSpan()));
        Assert.Null(table.Find("dddd".AsSpan()));
        Assert.Null(table.Find(new string('x', WordTable<string>.MaxLength + 1).AsSpan()));
    }

    [Fact]
    public void Find_WhenTheSpanIsPartOfALongerText_MatchesOnlyTheSpan()
    {
        var table = new WordTable<string>(16);
        table.Add("service".AsSpan(), "s");

        Assert.Equal("s", table.Find("the service layer".AsSpan(4, 7)));
        Assert.Null(table.Find("the service layer".AsSpan(4, 6)));
    }
}
