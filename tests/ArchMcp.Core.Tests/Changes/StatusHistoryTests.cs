using ArchMcp.Core.Changes;
using ArchMcp.Tests.Shared;

namespace ArchMcp.Core.Tests.Changes;

/// <summary>A decision's status at each commit of its file, over git histories the tests write, and outside git.</summary>
public sealed class StatusHistoryTests : IDisposable
{
    private readonly GitHistory _git = new();

    public void Dispose() => _git.Dispose();

    private static string Decision(string status) => $"# 4. Use queues\n\n## Status\n\n{status}\n\n## Context\n\nOrders arrive in bursts.\n\n## Decision\n\nWe will queue them.\n";

    private static StatusHistoryReader History() => new(1_000_000);

    [Fact]
    public async Task EachCommit_GivesTheStatusThenAndMarksTheCommitsThatChangedIt_NewestFirst()
    {
        _git.Write("adr/0004-use-queues.md", Decision("Proposed"));
        var proposed = _git.Commit("propose", new DateOnly(2026, 2, 1));
        _git.Write("adr/0004-use-queues.md", Decision("Proposed") + "\nMore context.\n");
        var edited = _git.Commit("edit", new DateOnly(2026, 2, 2));
        _git.Write("adr/0004-use-queues.md", Decision("Accepted"));
        var accepted = _git.Commit("accept", new DateOnly(2026, 2, 3));
        _git.Write("adr/other.md", "# Other\n");
        _git.Commit("unrelated", new DateOnly(2026, 2, 4));

        var history = await History().StatusHistoryAsync("s1", new KnowledgeRoot("k", _git.Path), "adr/0004-use-queues.md", CancellationToken.None);

        Assert.True(history.FromGit);
        Assert.Null(history.Note);
        Assert.Equal(
            [
                ("2026-02-03T12:00:00Z", accepted[..7], "accepted", true),
                ("2026-02-02T12:00:00Z", edited[..7], "proposed", false),
                ("2026-02-01T12:00:00Z", proposed[..7], "proposed", true),
            ],
            history.Commits.Select(c => (c.Date, c.Commit, c.Status, c.Changed)));
    }

    [Fact]
    public async Task ARenamedFile_KeepsItsHistory()
    {
        _git.Write("adr/queues.md", Decision("Proposed"));
        _git.Commit("propose", new DateOnly(2026, 2, 1));
        _git.Git("mv", "adr/queues.md", "adr/0004-use-queues.md");
        _git.Write("adr/0004-use-queues.md", Decision("Accepted"));
        _git.Commit("accept and rename", new DateOnly(2026, 2, 2));

        var history = await History().StatusHistoryAsync("s1", new KnowledgeRoot("k", _git.Path), "adr/0004-use-queues.md", CancellationToken.None);

        Assert.Equal(["accepted", "proposed"], history.Commits.Select(c => c.Status));
    }

    [Fact]
    public async Task ALongHistory_IsCutToTheLastCommitsAndSaysSo()
    {
        for (var day = 1; day <= StatusHistoryReader.StatusCommits + 2; day++)
        {
            _git.Write("adr/0004-use-queues.md", Decision(day % 2 == 0 ? "Accepted" : "Proposed"));
            _git.Commit($"day {day}", new DateOnly(2026, 3, day));
        }

        var history = await History().StatusHistoryAsync("s1", new KnowledgeRoot("k", _git.Path), "adr/0004-use-queues.md", CancellationToken.None);

        Assert.Equal(StatusHistoryReader.StatusCommits, history.Commits.Count);
        Assert.Equal("2026-03-22T12:00:00Z", history.Commits[0].Date);
        Assert.False(history.Commits[^1].Changed);
        Assert.Contains($"last {StatusHistoryReader.StatusCommits} commits", history.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameStamp_IsAnsweredFromMemory_AndANewStampReadsGitAgain()
    {
        _git.Write("adr/0004-use-queues.md", Decision("Proposed"));
        _git.Commit("propose", new DateOnly(2026, 2, 1));
        var history = History();
        var root = new KnowledgeRoot("k", _git.Path);
        var first = await history.StatusHistoryAsync("s1", root, "adr/0004-use-queues.md", CancellationToken.None);
        _git.Write("adr/0004-use-queues.md", Decision("Accepted"));
        _git.Commit("accept", new DateOnly(2026, 2, 2));

        var again = await history.StatusHistoryAsync("s1", root, "adr/0004-use-queues.md", CancellationToken.None);
        var renewed = await history.StatusHistoryAsync("s2", root, "adr/0004-use-queues.md", CancellationToken.None);

        Assert.Same(first, again);
        Assert.Equal(["accepted", "proposed"], renewed.Commits.Select(c => c.Status));
    }

    [Fact]
    public async Task OutsideGit_HasNoCommitsAndSaysWhy()
    {
        using var folder = new TempKnowledgeFolder(null);
        folder.Write("adr/0004-use-queues.md", Decision("Accepted"));
        var root = new KnowledgeRoot("plain", folder.Path);

        var history = await new StatusHistoryReader(1_000_000).StatusHistoryAsync("s1", root, "adr/0004-use-queues.md", CancellationToken.None);

        Assert.False(history.FromGit);
        Assert.Empty(history.Commits);
        Assert.Equal("No status history: root 'plain' is not a git working copy.", history.Note);
    }
}
