using ArchMcp.Search;

namespace ArchMcp.Core.Tests.Indexing;

/// <summary>The one key format Core and the search index share: a root's name and a path, split back exactly.</summary>
public sealed class IndexKeyTests
{
    [Theory]
    [InlineData("main", "docs/adr/0001-use-kafka.md")]
    [InlineData("team-a", "")]
    [InlineData("", "standards/api.md")]
    public void TrySplit_OfAKey_GivesBackItsRootAndPath(string root, string path)
    {
        var key = IndexKey.Of(root, path);

        Assert.True(IndexKey.TrySplit(key, out var splitRoot, out var splitPath));
        Assert.Equal(root, splitRoot);
        Assert.Equal(path, splitPath);
    }

    [Fact]
    public void TrySplit_WhenTextHasNoSeparator_IsFalse()
    {
        Assert.False(IndexKey.TrySplit("docs/adr/0001-use-kafka.md", out var root, out var path));
        Assert.Equal("", root);
        Assert.Equal("", path);
    }
}
