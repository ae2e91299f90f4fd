using ArchMcp.Core.Changes;
using ArchMcp.Core.Model;
using ArchMcp.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ArchMcp.Core.Tests.Changes;

/// <summary>
/// Search and lookup cards say when their file last changed and in which commit: over a git history the test writes,
/// after a commit the index never saw, and in a root that is not a git working copy (the file's date, no commit).
/// </summary>
public sealed class ProvenanceTests : IDisposable
{
    private readonly GitHistory _git = new();
    private readonly TempKnowledgeFolder _index = new(null);
    private readonly List<KnowledgeService> _services = [];

    public void Dispose()
    {
        _services.ForEach(s => s.Dispose());
        _git.Dispose();
        _index.Dispose();
    }

    private KnowledgeService Service(string root)
    {
        var service = new KnowledgeService(
            Options.Create(new KnowledgeOptions { Roots = [root], IndexPath = _index.Path, Watch = false }), NullLogger<KnowledgeService>.Instance);
        _services.Add(service);
        return service;
    }

    private static string Decision(int number, string title, string body) =>
        $"# {number}. {title}\n\n## Status\n\nAccepted\n\n## Context\n\n{body}\n\n## Decision\n\nWe will use it.\n";

    [Fact]
    public async Task Cards_InAGitWorkingCopy_NameTheLastCommitThatChangedTheirFile()
    {
        _git.Write("decisions/0001-use-postgres.md", Decision(1, "Use Postgres", "Orders need a relational store."));
        _git.Write("decisions/0002-use-kafka.md", Decision(2, "Use Kafka", "Services publish events."));
        var first = _git.Commit("first", new DateOnly(2026, 1, 1));
        _git.Write("decisions/0002-use-kafka.md", Decision(2, "Use Kafka", "Services publish events to many consumers."));
        var second = _git.Commit("kafka context", new DateOnly(2026, 2, 1));
        var service = Service(_git.Path);

        var postgres = (await service.SearchAsync(new SearchRequest { Query = "relational store for orders" })).Hits[0];
        var kafka = await service.GetDecisionAsync(new GetDecisionRequest { Reference = "2" });

        Assert.Equal(("decisions/0001-use-postgres.md", "2026-01-01"), (postgres.Path, postgres.Changed));
        Assert.StartsWith(postgres.Commit!, first, StringComparison.Ordinal);
        Assert.Equal("2026-02-01", kafka.Changed);
        Assert.StartsWith(kafka.Commit!, second, StringComparison.Ordinal);
        Assert.InRange(kafka.Commit!.Length, 7, 40);
    }

    [Fact]
    public async Task Cards_AfterACommitTheIndexNeverSaw_NameTheNewCommit()
    {
        _git.Write("decisions/0001-use-postgres.md", Decision(1, "Use Postgres", "Orders need a relational store."));
        _git.Commit("first", new DateOnly(2026, 1, 1));
        var service = Service(_git.Path);
        Assert.Equal("2026-01-01", (await service.GetDecisionAsync(new GetDecisionRequest { Reference = "1" })).Changed);

        _git.Write("decisions/0001-use-postgres.md", Decision(1, "Use Postgres", "Orders and invoices need a relational store."));
        var edit = _git.Commit("invoices too", new DateOnly(2026, 3, 1));
        var decision = await service.GetDecisionAsync(new GetDecisionRequest { Reference = "1" });

        Assert.Equal("2026-03-01", decision.Changed);
        Assert.StartsWith(decision.Commit!, edit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cards_OutsideGit_GiveTheFileDateAndNoCommit()
    {
        using var folder = new TempKnowledgeFolder(null);
        folder.Write("standards/api.md", "# API standard\n\n### MUST version public APIs [API-001]\n\nClients depend on it.\n");
        File.SetLastWriteTimeUtc(folder.FullPath("standards/api.md"), new DateTime(2025, 3, 4, 10, 0, 0, DateTimeKind.Utc));
        var service = Service(folder.Path);

        var hit = (await service.SearchAsync(new SearchRequest { Query = "API version" })).Hits[0];
        var rule = (await service.GetRuleAsync("API-001")).Rule!;

        Assert.Equal(("2025-03-04", (string?)null), (hit.Changed, hit.Commit));
        Assert.Equal(("2025-03-04", (string?)null), (rule.Changed, rule.Commit));
    }

    [Fact]
    public void AddNewest_FromALogNewestFirst_KeepsEachPathsFirstCommit()
    {
        var map = new Dictionary<(string Root, string Path), Provenance>();
        const string log = "\u0001bbb2222\t2026-02-01\0\na.md\0\0\u0001aaa1111\t2026-01-01\0\na.md\0sub/b.md\0";

        FileProvenance.AddNewest(map, "k", log);

        Assert.Equal(new Provenance("2026-02-01", "bbb2222"), map[("k", "a.md")]);
        Assert.Equal(new Provenance("2026-01-01", "aaa1111"), map[("k", "sub/b.md")]);
        Assert.Equal(2, map.Count);
    }
}
