using ArchMcp.Core.Tests.Harness;
using ArchMcp.Search;
using Lucene.Net.Index;

namespace ArchMcp.Core.Tests.Indexing;

/// <summary>
/// After a build and updates, Lucene's own check finds every file of every segment whole, its checksum footer included.
/// </summary>
public sealed class IndexFilesTests
{
    [Fact]
    public async Task Index_WhenBuiltAndThenUpdated_PassesLucenesCheckOfEveryFile()
    {
        using var engine = new EngineHarness();
        await engine.Service.RefreshAsync();
        await engine.ReindexFirstFileAsync("\n\nOne more line.\n");
        await engine.ReindexFirstFileAsync("\n\nAnd another.\n");

        using var directory = LuceneKnowledgeIndex.OpenDirectory(Path.Combine(engine.IndexPath, "lucene"));
        var status = new CheckIndex(directory).DoCheckIndex();

        Assert.True(status.Clean, $"the index fails Lucene's check: {status.TotLoseDocCount} entries lost, missing segments: {status.MissingSegments}");
        // the build's segments and the last update's (an update's segment whose entries all went with the next is dropped)
        Assert.True(status.SegmentInfos.Count >= 2, $"{status.SegmentInfos.Count} segments: the update should have written one");
    }
}
