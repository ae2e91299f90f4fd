using ArchMcp.Core.Model;
using ArchMcp.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ArchMcp.Core.Tests.Indexing;

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

    [Fact]
    public async Task Watch_WhenTopFolderRenamedAwayAndAFileTakesItsName_KeepsReloadingTheRoot()
    {
        await _service.StartAsync();
        await _service.RefreshAsync();
        var away = Path.Combine(Path.GetTempPath(), "archmcp-tests", "away-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.Move(_folder.FullPath("decisions"), away);
            File.WriteAllText(_folder.FullPath("decisions"), "a file where the folder was");
            await Until(async () => (await ListAsync()).Count == 0);

            File.AppendAllText(_folder.FullPath("standards/rest-api-rules.md"), "\nPayloads are mirrored to the Zanzibar archive.\n");
            await Until(async () => (await SearchAsync("zanzibar")).Hits.FirstOrDefault()?.Path == "standards/rest-api-rules.md");

            File.Delete(_folder.FullPath("decisions"));
            Directory.Move(away, _folder.FullPath("decisions"));
            await Until(async () => (await ListAsync()).Count == 9);
        }
        finally
        {
            if (Directory.Exists(away))
            {
                Directory.Delete(away, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Watch_AfterAStormOfEdits_AnswersEqualAFreshIndexOnceTheFilesAreQuiet()
    {
        await _service.StartAsync();
        await _service.RefreshAsync();
        var rng = new Random(29);
        var files = Directory.EnumerateFiles(_folder.Path, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < 400; i++)
        {
            switch (rng.Next(4))
            {
                case 0:
                    File.AppendAllText(files[rng.Next(files.Count)], $"\nStorm note {i}: kafka gateway retries {i % 7}.\n");
                    break;
                case 1:
                    _folder.Write($"decisions/{100 + i:D4}-storm-{i}.md", $"# {100 + i}. Storm {i}\n\nDate: 2024-02-01\n\n## Status\n\nAccepted\n\n## Decision\n\nWe route kafka events through the gateway {i}.\n");
                    break;
                case 2:
                    var victims = Directory.GetFiles(_folder.FullPath("decisions"), "*-storm-*.md");
                    if (victims.Length > 0)
                    {
                        File.Delete(victims[rng.Next(victims.Length)]);
                    }

                    break;
                default:
                    var moving = Directory.GetFiles(_folder.FullPath("decisions"), "*-storm-*.md");
                    if (moving.Length > 0)
                    {
                        var from = moving[rng.Next(moving.Length)];
                        File.Move(from, from.Replace("-storm-", "-moved-", StringComparison.Ordinal), overwrite: true);
                    }

                    break;
            }

            if (i % 20 == 0)
            {
                // pacing, not waiting: spreads the storm over time so refreshes run while files still change
                await Task.Delay(5);
            }
        }

        // the files are quiet from here on: a fresh index of them is the reference
        var freshIndex = Path.Combine(Path.GetTempPath(), "archmcp-tests", "fresh-" + Guid.NewGuid().ToString("N"));
        using var fresh = new KnowledgeService(
            Options.Create(new KnowledgeOptions { Roots = [_folder.Path], IndexPath = freshIndex, Watch = false }),
            NullLogger<KnowledgeService>.Instance);
        await fresh.RefreshAsync();
        var expected = await AnswersAsync(fresh);
        var served = "";
        await Signals.UntilChangedAsync(_service, async () => (served = await AnswersAsync(_service)) == expected, Patience);

        Assert.Equal(expected, served);
    }

    private static async Task<string> AnswersAsync(KnowledgeService service)
    {
        var answers = new List<string>();
        foreach (var query in new[] { "kafka events", "gateway retries", "storm note", "postgres", "api rules" })
        {
            answers.Add(System.Text.Json.JsonSerializer.Serialize(await service.SearchAsync(new SearchRequest { Query = query, Limit = 10 })));
        }

        answers.Add(System.Text.Json.JsonSerializer.Serialize((await service.ListDecisionsAsync(new DecisionQuery { Limit = 1000 })).Items));
        return string.Join('\n', answers);
    }

    private Task<SearchResult> SearchAsync(string query) => _service.SearchAsync(new SearchRequest { Query = query });

    private async Task<List<DecisionSummary>> ListAsync() => [.. (await _service.ListDecisionsAsync(new DecisionQuery { Limit = 100 })).Items];

    /// <summary>Waits for the watcher's refresh to make <paramref name="done"/> true, woken by the service's Changed event.</summary>
    private async Task Until(Func<Task<bool>> done) =>
        Assert.True(await Signals.UntilChangedAsync(_service, done, Patience), "the change did not reach the index in time");
}
