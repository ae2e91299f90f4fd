using ArchMcp.Core.Changes;
using ArchMcp.Core.Model;
using ArchMcp.Tests.Shared;

namespace ArchMcp.Core.Tests.Changes;

/// <summary>
/// What changed since a ref or a date, over git histories the tests write: a status change, a supersession, a new
/// rule, a changed level — each with the commit that made it — and nothing for an edit that changes no meaning.
/// </summary>
public sealed class KnowledgeHistoryTests : IDisposable
{
    private readonly GitHistory _git = new();

    public void Dispose() => _git.Dispose();

    private static string Decision(int number, string title, string status, string extra = "") =>
        $"# {number}. {title}\n\n## Status\n\n{status}\n{extra}\n## Context\n\nWe need a store for orders.\n\n## Decision\n\nWe will use it.\n";

    private static string Standard(params string[] rules) =>
        "# API rules\n\n" + string.Concat(rules.Select(r => $"### {r}\n\nBecause clients depend on it.\n\n"));

    private KnowledgeHistory History() => new([new KnowledgeRoot("k", _git.Path)], 1_000_000);

    private Task<ChangesResult> SinceAsync(string since) => History().SinceAsync(new ChangesRequest { Since = since }, CancellationToken.None);

    /// <summary>Five commits after the first: status, supersession, new rule, changed level, a reflowed paragraph.</summary>
    private (string First, string Status, string Supersede, string NewRule, string Level, string Reflow) WriteHistory()
    {
        _git.Write("decisions/0001-use-postgres.md", Decision(1, "Use Postgres", "Proposed"));
        _git.Write("decisions/0002-use-kafka.md", Decision(2, "Use Kafka", "Accepted"));
        _git.Write("standards/api.md", Standard("MUST version public APIs [API-001]", "SHOULD page long lists [API-002]"));
        var first = _git.Commit("first", new DateOnly(2026, 1, 1));
        _git.Write("decisions/0001-use-postgres.md", Decision(1, "Use Postgres", "Accepted"));
        var status = _git.Commit("accept 1", new DateOnly(2026, 1, 2));
        _git.Write("decisions/0002-use-kafka.md", Decision(2, "Use Kafka", "Superseded by [ADR-0003](0003-use-pulsar.md)"));
        _git.Write("decisions/0003-use-pulsar.md", Decision(3, "Use Pulsar", "Accepted", "\nSupersedes [ADR-0002](0002-use-kafka.md)\n"));
        var supersede = _git.Commit("pulsar replaces kafka", new DateOnly(2026, 1, 3));
        _git.Write("standards/api.md", Standard("MUST version public APIs [API-001]", "SHOULD page long lists [API-002]", "MUST NOT expose internal ids [API-003]"));
        var newRule = _git.Commit("new rule", new DateOnly(2026, 1, 4));
        _git.Write("standards/api.md", Standard("MUST version public APIs [API-001]", "MUST page long lists [API-002]", "MUST NOT expose internal ids [API-003]"));
        var level = _git.Commit("paging is a must", new DateOnly(2026, 1, 5));
        _git.Write("decisions/0001-use-postgres.md", Decision(1, "Use Postgres", "Accepted").Replace("a store for orders", "a store\nfor orders", StringComparison.Ordinal));
        var reflow = _git.Commit("reflow", new DateOnly(2026, 1, 6));
        return (first, status, supersede, newRule, level, reflow);
    }

    [Fact]
    public async Task SinceTheFirstCommit_ListsEachChangeWithTheCommitThatMadeItNewestFirst()
    {
        var c = WriteHistory();

        var result = await SinceAsync(c.First);

        Assert.Equal(
            [
                (c.Level, "level", "rule", "API-002", "level SHOULD → MUST"),
                (c.NewRule, "added", "rule", "API-003", "new MUST NOT rule"),
                (c.Supersede, "superseded", "decision", "ADR-0002", "status accepted → superseded (by ADR-0003)"),
                (c.Supersede, "added", "decision", "ADR-0003", "new decision (accepted)"),
                (c.Status, "status", "decision", "ADR-0001", "status proposed → accepted"),
            ],
            result.Changes.Select(x => (x.Commit, x.Change, x.Kind, x.Id, x.Summary)));
        Assert.Equal(5, result.Total);
        Assert.Equal("2026-01-04T12:00:00Z", result.Changes[1].Date);
        Assert.Equal("standards/api.md", result.Changes[1].Path);
    }

    [Fact]
    public async Task SinceADate_ListsTheChangesOfCommitsAuthoredFromThatDay()
    {
        var c = WriteHistory();

        var result = await SinceAsync("2026-01-04");

        Assert.Equal([c.Level, c.NewRule], result.Changes.Select(x => x.Commit));
    }

    [Fact]
    public async Task ARuleReworded_And_ADecisionRemoved_AreListed()
    {
        WriteHistory();
        _git.Write("standards/api.md", Standard("MUST version every public API [API-001]", "MUST page long lists [API-002]", "MUST NOT expose internal ids [API-003]"));
        _git.Delete("decisions/0002-use-kafka.md");
        var last = _git.Commit("reword and remove", new DateOnly(2026, 1, 7));

        var result = await SinceAsync("HEAD~1");

        Assert.Equal(
            [("removed", "ADR-0002"), ("edited", "API-001")],
            result.Changes.Select(x => (x.Change, x.Id)));
        Assert.All(result.Changes, x => Assert.Equal(last, x.Commit));
    }

    [Fact]
    public async Task AtHead_NothingChanged()
    {
        WriteHistory();

        var result = await SinceAsync("HEAD");

        Assert.Empty(result.Changes);
        Assert.Contains("git history", Assert.Single(result.Notes), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-such-branch")]
    [InlineData("0123456789abcdef0123456789abcdef01234567")]
    public async Task ARefThatIsNoCommit_IsAnErrorSayingWhatToPass(string since)
    {
        WriteHistory();

        var ex = await Assert.ThrowsAsync<InvalidQueryException>(() => SinceAsync(since));

        Assert.Contains($"'{since}' is not a commit in the git repository of root 'k'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("YYYY-MM-DD", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--output=/tmp/x")]
    [InlineData("main two")]
    public async Task SomethingThatCannotBeARef_IsRefusedBeforeGitRuns(string since)
    {
        var ex = await Assert.ThrowsAsync<InvalidQueryException>(() => SinceAsync(since));

        Assert.Contains("'since' must be a git ref", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutGit_FilesModifiedSinceTheDateAreListedByTheirTimesAndTheNoteSaysSo()
    {
        using var folder = new TempKnowledgeFolder(null);
        File.SetLastWriteTimeUtc(folder.Write("decisions/0001-use-postgres.md", Decision(1, "Use Postgres", "Accepted")), new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc));
        File.SetLastWriteTimeUtc(folder.Write("decisions/0002-use-kafka.md", Decision(2, "Use Kafka", "Deprecated")), new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc));
        var history = new KnowledgeHistory([new KnowledgeRoot("plain", folder.Path)], 1_000_000);

        var result = await history.SinceAsync(new ChangesRequest { Since = "2026-01-01" }, CancellationToken.None);

        var change = Assert.Single(result.Changes);
        Assert.Equal(("modified", "ADR-0002", null, "file modified; status now deprecated"), (change.Change, change.Id, change.Commit, change.Summary));
        Assert.Contains("not a git working copy", Assert.Single(result.Notes), StringComparison.Ordinal);
        var ex = await Assert.ThrowsAsync<InvalidQueryException>(() => history.SinceAsync(new ChangesRequest { Since = "main" }, CancellationToken.None));
        Assert.Contains("not a git working copy", ex.Message, StringComparison.Ordinal);
        Assert.Contains("or a date as YYYY-MM-DD", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefOneRootCannotRead_IsNotedThere_WhileTheOtherRootAnswers()
    {
        var c = WriteHistory();
        using var plain = new TempKnowledgeFolder(null);
        plain.Write("decisions/0001-use-redis.md", Decision(1, "Use Redis", "Accepted"));
        var history = new KnowledgeHistory([new KnowledgeRoot("k", _git.Path), new KnowledgeRoot("plain", plain.Path)], 1_000_000);

        var result = await history.SinceAsync(new ChangesRequest { Since = c.NewRule }, CancellationToken.None);

        Assert.Equal([c.Level], result.Changes.Select(x => x.Commit));
        Assert.Contains(result.Notes, n => n.StartsWith("Not listed: root 'plain'", StringComparison.Ordinal) && n.Contains("not a git working copy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ALimit_KeepsTheNewestAndCountsTheRest()
    {
        var c = WriteHistory();

        var result = await History().SinceAsync(new ChangesRequest { Since = c.First, Limit = 2 }, CancellationToken.None);

        Assert.Equal(5, result.Total);
        Assert.Equal([c.Level, c.NewRule], result.Changes.Select(x => x.Commit));
    }
}
