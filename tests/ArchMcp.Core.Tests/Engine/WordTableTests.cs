using ArchMcp.Core.Indexing;

namespace ArchMcp.Core.Tests.Engine;

/// <summary>The word table behind the analysis memo: every word kept is found with its own value, nothing else is.</summary>
public sealed class WordTableTests
{
    [Fact]
    public void Find_AfterManyWordsAndGrowth_ReturnsEachWordsOwnValue()
    {
        var table = new WordTable(100_000);
        var words = Enumerable.Range(0, 50_000).Select(i => $"w{i:x}").ToList();
        for (var i = 0; i < words.Count; i++)
        {
            table.Add(words[i], i * 3);
        }

        Assert.Equal(words.Count, table.Count);
        Assert.All(Enumerable.Range(0, words.Count), i => Assert.Equal(i * 3, table.Find(words[i].AsSpan())));
        Assert.Equal(-1, table.Find("w".AsSpan()));
        Assert.Equal(-1, table.Find("w0x".AsSpan()));
        Assert.Equal(-1, table.Find("".AsSpan()));
    }

    [Fact]
    public void Add_WhenFullOrTheWordIsTooLong_KeepsNothingMore()
    {
        var table = new WordTable(3);
        foreach (var w in new[] { "a", "bb", "ccc", "dddd" })
        {
            table.Add(w, w.Length);
        }

        table.Add(new string('x', WordTable.MaxLength + 1), 9);

        Assert.True(table.IsFull);
        Assert.Equal(3, table.Find("ccc".AsSpan()));
        Assert.Equal(-1, table.Find("dddd".AsSpan()));
        Assert.Equal(-1, table.Find(new string('x', WordTable.MaxLength + 1).AsSpan()));
    }

    [Fact]
    public void Find_WhenTheSpanIsPartOfALongerText_MatchesOnlyTheSpan()
    {
        var table = new WordTable(16);
        table.Add("service".AsSpan(), 7);

        Assert.Equal(7, table.Find("the service layer".AsSpan(4, 7)));
        Assert.Equal(-1, table.Find("the service layer".AsSpan(4, 6)));
    }
}
