using ArchMcp.Core.Indexing;
using ArchMcp.Core.Model;
using ArchMcp.Core.Tests.Harness;
using ArchMcp.Search;

namespace ArchMcp.Core.Tests.Indexing;

/// <summary>Incremental refresh, a second engine on the same index folder, schema changes and change events.</summary>
public sealed class RefreshTests : IDisposable
{
    private const int FixtureFiles = 17;

    private readonly EngineHarness _engine = new();

    public void Dispose() => _engine.Dispose();

    [Fact]
    public async Task Refresh_WhenIndexIsNew_ParsesEveryFileAndCountsKinds()
    {
        var progress = new ProgressLog();
        var before = DateTimeOffset.UtcNow;

        var info = await _engine.Service.RefreshAsync(progress);

        Assert.Equal(FixtureFiles, progress.Parsed);
        Assert.True(info.Ready);
        Assert.Equal(FixtureFiles, info.Documents);
        Assert.Equal(9, info.Decisions);
        Assert.Equal(3, info.Standards);
        Assert.Equal(1, info.References);
        // dotnet-naming: DO, DO NOT, AVOID, CONSIDER, SHOULD; rest-api-rules: six headings; segas-logging: SEGAS-00015
        // and SEGAS-00016; the observability guide's sections: Short-term storage, Dashboards, Must Do (its Links
        // section has no normative word and is no rule)
        Assert.Equal(16, info.Rules);
        Assert.Equal(_engine.IndexPath, info.IndexPath);
        Assert.InRange(info.IndexedAt!.Value, before, DateTimeOffset.UtcNow);
        Assert.True(File.Exists(Path.Combine(_engine.IndexPath, IndexLock.FileName)));
    }

    [Fact]
    public async Task Refresh_WhenNothingChanged_ParsesNothing()
    {
        await _engine.Service.RefreshAsync();
        var progress = new ProgressLog();

        await _engine.Service.RefreshAsync(progress);

        Assert.Equal(0, progress.Parsed);
    }

    [Fact]
    public async Task Lint_IsMadeOncePerIndexSnapshot_AndAgainAfterARefreshChangedIt()
    {
        await _engine.Service.RefreshAsync();
        var first = await _engine.Service.LintAsync();
        var again = await _engine.Service.LintAsync();
        File.WriteAllText(_engine.Folder.FullPath("decisions/0042-no-status.md"), "# 42. A decision without a status\n\nWe will see.\n");

        await _engine.Service.RefreshAsync();
        var after = await _engine.Service.LintAsync();

        Assert.Same(first, again);
        Assert.NotSame(first, after);
        Assert.Contains(after.Findings, f => f.Path == "decisions/0042-no-status.md");
    }

    [Fact]
    public async Task Refresh_WhenOneFileEdited_ReparsesOnlyItAndFindsTheNewWord()
    {
        var before = await _engine.Service.RefreshAsync();
        File.AppendAllText(_engine.Folder.FullPath("decisions/0001-use-kafka-for-events.md"), "\nTopics are replicated to the Zanzibar cluster.\n");
        var progress = new ProgressLog();

        var after = await _engine.Service.RefreshAsync(progress);
        var result = await _engine.SearchAsync("zanzibar");

        Assert.Equal(1, progress.Parsed);
        Assert.Equal("decisions/0001-use-kafka-for-events.md", Assert.Single(progress.Reports).CurrentPath);
        Assert.Equal("ADR-0001", result.Hits[0].Id);
        Assert.Equal(before.Documents, after.Documents);
        Assert.Equal(before.Decisions, after.Decisions);
        Assert.Equal(before.Rules, after.Rules);
    }

    [Fact]
    public async Task Refresh_WhenFileTouchedWithoutChange_RaisesNoChangedEvent()
    {
        await _engine.Service.RefreshAsync();
        var raised = new List<KnowledgeChangedEventArgs>();
        _engine.Service.Changed += (_, e) => raised.Add(e);
        File.SetLastWriteTimeUtc(_engine.Folder.FullPath("decisions/0001-use-kafka-for-events.md"), DateTime.UtcNow.AddMinutes(5));

        await _engine.Service.RefreshAsync();

        Assert.Empty(raised);
    }

    [Fact]
    public async Task Refresh_WhenRuleAdded_CountsItAndResolvesIt()
    {
        var before = await _engine.Service.RefreshAsync();
        File.AppendAllText(_engine.Folder.FullPath("standards/rest-api-rules.md"), "\n## MUST use UTF-8 in every body [179]\n\nNo other encodings.\n");

        var after = await _engine.Service.RefreshAsync();
        var rule = await _engine.Service.GetRuleAsync("179");

        Assert.Equal(before.Rules + 1, after.Rules);
        Assert.Equal("MUST", rule.Rule!.Level);
    }

    [Fact]
    public async Task Refresh_WhenFileAdded_IndexesItAndCountsIt()
    {
        var before = await _engine.Service.RefreshAsync();
        _engine.Folder.Write("decisions/0009-use-redis-for-sessions.md", "# 9. Use Redis for sessions\n\nDate: 2024-05-01\n\n## Status\n\nAccepted\n\n## Decision\n\nSessions live in Redis with a 30 minute expiry.\n");
        var progress = new ProgressLog();

        var after = await _engine.Service.RefreshAsync(progress);

        Assert.Equal(1, progress.Parsed);
        Assert.Equal(before.Decisions + 1, after.Decisions);
        Assert.Equal("ADR-0009", (await _engine.SearchAsync("redis sessions")).Hits[0].Id);
    }

    [Fact]
    public async Task Refresh_WhenAsciiDocFileAdded_IndexesItAsADecisionCitingItsLines()
    {
        var before = await _engine.Service.RefreshAsync();
        _engine.Folder.Write("decisions/0010-use-nats-for-telemetry.adoc",
            "= 10. Use NATS for telemetry\n:status: accepted\n:date: 2024-06-01\n\n== Context\n\nTelemetry floods the broker.\n\n== Decision\n\nTelemetry goes through a Quokka relay.\n");

        var after = await _engine.Service.RefreshAsync();
        var hit = (await _engine.SearchAsync("quokka relay")).Hits[0];

        Assert.Equal(before.Decisions + 1, after.Decisions);
        Assert.Equal("ADR-0010", hit.Id);
        Assert.Equal("decisions/0010-use-nats-for-telemetry.adoc", hit.Path);
    }

    [Fact]
    public async Task Refresh_WhenFileDeleted_RemovesItFromTheIndex()
    {
        var before = await _engine.Service.RefreshAsync();
        File.Delete(_engine.Folder.FullPath("decisions/0004-grpc-between-services.md"));

        var after = await _engine.Service.RefreshAsync();
        var result = await _engine.SearchAsync("gRPC protocol buffers", 10);

        Assert.Equal(before.Decisions - 1, after.Decisions);
        Assert.Equal(before.Documents - 1, after.Documents);
        Assert.DoesNotContain(result.Hits, h => h.Id == "ADR-0004");
        await Assert.ThrowsAsync<DecisionNotFoundException>(() => _engine.Service.GetDecisionAsync(new GetDecisionRequest { Reference = "ADR-0004" }));
    }

    [Fact]
    public async Task Refresh_WhenFileRenamed_MovesItToTheNewPath()
    {
        await _engine.Service.RefreshAsync();
        Directory.CreateDirectory(_engine.Folder.FullPath("decisions/archive"));
        File.Move(_engine.Folder.FullPath("decisions/0008-drop-soap.md"), _engine.Folder.FullPath("decisions/archive/0008-drop-soap.md"));

        var info = await _engine.Service.RefreshAsync();
        var result = await _engine.SearchAsync("SOAP endpoints");
        var decision = await _engine.Service.GetDecisionAsync(new GetDecisionRequest { Reference = "ADR-0008" });

        Assert.Equal(9, info.Decisions);
        Assert.Equal("decisions/archive/0008-drop-soap.md", Assert.Single(result.Hits, h => h.Id == "ADR-0008").Path);
        Assert.DoesNotContain(result.Hits, h => h.Path == "decisions/0008-drop-soap.md");
        Assert.Equal("decisions/archive/0008-drop-soap.md", decision.Path);
    }

    [Fact]
    public async Task Refresh_WhenContentChanged_RaisesChangedWithTheChangedUri()
    {
        await _engine.Service.RefreshAsync();
        var raised = new List<KnowledgeChangedEventArgs>();
        _engine.Service.Changed += (_, e) => raised.Add(e);
        File.AppendAllText(_engine.Folder.FullPath("decisions/0001-use-kafka-for-events.md"), "\nRetention is seven days.\n");

        await _engine.Service.RefreshAsync();

        var e = Assert.Single(raised);
        Assert.Equal(["arch://decisions/ADR-0001"], e.ChangedUris);
        Assert.False(e.ListChanged);
    }

    [Fact]
    public async Task Refresh_WhenFilesAddedAndDeleted_RaisesChangedWithListChanged()
    {
        await _engine.Service.RefreshAsync();
        var raised = new List<KnowledgeChangedEventArgs>();
        _engine.Service.Changed += (_, e) => raised.Add(e);
        File.Delete(_engine.Folder.FullPath("decisions/0008-drop-soap.md"));
        _engine.Folder.Write("decisions/0009-use-redis.md", "# 9. Use Redis\n\nDate: 2024-05-01\n\n## Status\n\nAccepted\n");

        await _engine.Service.RefreshAsync();

        var e = Assert.Single(raised);
        Assert.True(e.ListChanged);
        Assert.Contains("arch://decisions/ADR-0008", e.ChangedUris);
        Assert.Contains("arch://decisions/ADR-0009", e.ChangedUris);
    }

    [Fact]
    public async Task SecondService_WhenIndexCommitted_ReadsItWithoutReparsing()
    {
        var first = await _engine.Service.RefreshAsync();
        var second = _engine.NewService();
        var progress = new ProgressLog();

        var info = await second.RefreshAsync(progress);
        var result = await second.SearchAsync(new SearchRequest { Query = "why do we use Kafka" });

        Assert.Equal(0, progress.Parsed);
        Assert.Equal(first.Documents, info.Documents);
        Assert.Equal(first.Rules, info.Rules);
        Assert.Equal("ADR-0001", result.Hits[0].Id);
    }

    [Fact]
    public async Task SecondService_WhenItCommitsAChange_FirstServiceSeesItOnRefresh()
    {
        await _engine.Service.RefreshAsync();
        var second = _engine.NewService();
        await second.RefreshAsync();
        File.AppendAllText(_engine.Folder.FullPath("decisions/0003-choose-api-gateway.md"), "\nThe Quokka proxy was rejected early.\n");
        await second.RefreshAsync();
        var progress = new ProgressLog();

        await _engine.Service.RefreshAsync(progress);
        var result = await _engine.SearchAsync("quokka");

        Assert.Equal(0, progress.Parsed);
        Assert.Equal("ADR-0003", result.Hits[0].Id);
    }

    [Fact]
    public async Task TwoServices_WhenRefreshingTogether_BothSucceedAndTheIndexStaysReadable()
    {
        var a = _engine.Service;
        var b = _engine.NewService();

        var infos = await Task.WhenAll(a.RefreshAsync(), b.RefreshAsync(), Task.Run(() => a.RefreshAsync()), Task.Run(() => b.RefreshAsync()));

        Assert.All(infos, i => Assert.Equal(FixtureFiles, i.Documents));
        var third = _engine.NewService();
        Assert.Equal(FixtureFiles, (await third.GetIndexInfoAsync()).Documents);
    }

    [Fact]
    public async Task Refresh_WhenIndexHasAnotherSchema_RebuildsIt()
    {
        var first = _engine.NewService();
        await first.RefreshAsync();
        _engine.Close(first);
        using (var index = new LuceneKnowledgeIndex(_engine.IndexPath))
        {
            using (var batch = index.OpenBatch(recreate: false))
            {
                batch.Commit("0-old");
            }

            Assert.Equal("0-old", index.Commit.Schema);
        }

        var progress = new ProgressLog();
        var info = await _engine.NewService().RefreshAsync(progress);

        Assert.Equal(FixtureFiles, progress.Parsed);
        Assert.Equal(FixtureFiles, info.Documents);
        using (var index = new LuceneKnowledgeIndex(_engine.IndexPath))
        {
            index.Open();
            Assert.Equal(KnowledgeIndexer.Schema, index.Commit.Schema);
        }
    }

    [Fact]
    public async Task Refresh_WhenIndexFilesAreGarbage_RebuildsIt()
    {
        var first = _engine.NewService();
        await first.RefreshAsync();
        _engine.Close(first);
        foreach (var file in Directory.EnumerateFiles(_engine.IndexPath, "segments*", SearchOption.AllDirectories))
        {
            File.WriteAllBytes(file, [1, 2, 3, 4]);
        }

        var info = await _engine.NewService().RefreshAsync();

        Assert.Equal(FixtureFiles, info.Documents);
    }

    [Fact]
    public async Task Refresh_WhenTheIndexCannotBeWritten_FailsNamingThePath_ReportsBehind_AndAnswersFromTheLastCommit()
    {
        await _engine.Service.RefreshAsync();
        var lockPath = Path.Combine(_engine.IndexPath, IndexLock.FileName);
        File.Delete(lockPath);
        Directory.CreateDirectory(lockPath);
        Assert.Null((await _engine.Service.RefreshAsync()).Behind);
        File.AppendAllText(_engine.Folder.FullPath("decisions/0001-use-kafka-for-events.md"), "\nTopics are replicated to the Zanzibar cluster.\n");

        var error = await Assert.ThrowsAsync<IndexUnavailableException>(() => _engine.Service.RefreshAsync());
        var info = await _engine.Service.GetIndexInfoAsync();

        Assert.Contains(lockPath, error.Message, StringComparison.Ordinal);
        Assert.Equal(error.Message, info.Behind);
        Assert.Equal(FixtureFiles, info.Documents);
        Assert.Equal("ADR-0001", (await _engine.SearchAsync("why do we use Kafka")).Hits[0].Id);

        Directory.Delete(lockPath);
        await _engine.Service.RefreshAsync();
        Assert.Null((await _engine.Service.GetIndexInfoAsync()).Behind);
        Assert.Equal("ADR-0001", (await _engine.SearchAsync("zanzibar")).Hits[0].Id);
    }

    [Fact]
    public async Task Refresh_WhenAPostingsFileHasGarbage_DetectsTheChecksumAndRebuilds()
    {
        var first = _engine.NewService();
        await first.RefreshAsync();
        _engine.Close(first);
        var postings = Directory.EnumerateFiles(Path.Combine(_engine.IndexPath, "lucene"), "*.doc").Order(StringComparer.Ordinal).First();
        var bytes = File.ReadAllBytes(postings);
        bytes[bytes.Length / 2] ^= 0x5A;
        File.WriteAllBytes(postings, bytes);
        using (var index = new LuceneKnowledgeIndex(_engine.IndexPath))
        {
            Assert.Throws<Lucene.Net.Index.CorruptIndexException>(index.Open);
        }

        var progress = new ProgressLog();
        var info = await _engine.NewService().RefreshAsync(progress);

        Assert.Equal(FixtureFiles, progress.Parsed);
        Assert.Equal(FixtureFiles, info.Documents);
        using (var index = new LuceneKnowledgeIndex(_engine.IndexPath))
        {
            index.Open();
            Assert.Null(index.CheckAll());
        }
    }

    [Fact]
    public async Task Refresh_WhenIndexLockedByAnotherWriter_WaitsThenProceeds()
    {
        await _engine.Service.RefreshAsync();
        var held = await IndexLock.TryAcquireAsync(_engine.IndexPath, TimeSpan.Zero, CancellationToken.None);
        Assert.NotNull(held);

        var refresh = _engine.Service.RefreshAsync();
        // the behaviour under test is that nothing happens while the lock is held: no signal marks "still waiting",
        // so the refresh is given a window in which it must not finish
        await Task.Delay(300);
        Assert.False(refresh.IsCompleted);
        held!.Dispose();

        Assert.Equal(FixtureFiles, (await refresh.WaitAsync(TimeSpan.FromSeconds(30))).Documents);
    }
}
