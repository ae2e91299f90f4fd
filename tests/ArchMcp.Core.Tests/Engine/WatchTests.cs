using ArchMcp.Core.Model;
using ArchMcp.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ArchMcp.Core.Tests.Engine;

/// <summary>
/// While watching, what the watcher saw change is indexed without listing the roots: an edit of the prose, an edit of
/// the header (status), and a moved folder (which needs a full listing) all reach search and listings, and a
/// repeated search is never answered from before the change.
/// </summary>
public sealed class WatchTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly TempKnowledgeFolder _folder = new(TempKnowledgeFolder.FixturesPath);
    private readonly string _index = Path.Combine(Path.GetTempPath(), "archmcp-tests", "watch-" + Guid.NewGuid().ToString("N"));
    private readonly KnowledgeService _service;

    public WatchTests()
    {
        _service = new KnowledgeService(
            Options.Create(new KnowledgeOptions { Roots = [_folder.Path], IndexPath = _index, Watch = true }),
            NullLogger<KnowledgeService>.Instance);
    }

    public void Dispose()
    {
        _service.Dispose();
        _folder.Dispose();
        try
        {
            Directory.Delete(_index, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Watch_WhenProseStatusAndFoldersChange_SearchAndListingFollow()
    {
        await _service.StartAsync();
        await _service.RefreshAsync();
        var kafka = "decisions/0001-use-kafka-for-events.md";
        Assert.Empty((await SearchAsync("zanzibar")).Hits);

        File.AppendAllText(_folder.FullPath(kafka), "\nTopics are replicated to the Zanzibar cluster.\n");
        await Until(async () => (await SearchAsync("zanzibar")).Hits.FirstOrDefault()?.Id == "ADR-0001");

        File.WriteAllText(_folder.FullPath(kafka), File.ReadAllText(_folder.FullPath(kafka)).Replace("\nAccepted\n", "\nDeprecated\n", StringComparison.Ordinal));
        await Until(async () => (await ListAsync()).Single(d => d.Id == "ADR-0001").Status == "deprecated");

        Directory.Move(_folder.FullPath("decisions"), _folder.FullPath("records"));
        await Until(async () => (await ListAsync()).All(d => d.Path.StartsWith("records/", StringComparison.Ordinal)));
        Assert.Equal("records/0001-use-kafka-for-events.md", (await SearchAsync("zanzibar")).Hits[0].Path);
    }

    private Task<SearchResult> SearchAsync(string query) => _service.SearchAsync(new SearchRequest { Query = query });

    private async Task<List<DecisionSummary>> ListAsync() => [.. (await _service.ListDecisionsAsync(new DecisionQuery { Limit = 100 })).Items];

    private static async Task Until(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, "the change did not reach the index in time");
            await Task.Delay(50);
        }
    }
}
