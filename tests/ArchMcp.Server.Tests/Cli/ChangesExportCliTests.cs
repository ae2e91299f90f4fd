using ArchMcp.Server.Cli;
using ArchMcp.Tests.Shared;

namespace ArchMcp.Server.Tests.Cli;

/// <summary>`archmcp changes` over a git history written here, and `archmcp export` with --check, in-process.</summary>
[Collection(CliCollection.Name)]
public sealed class ChangesExportCliTests : IDisposable
{
    private readonly GitHistory _git = new();

    public void Dispose() => _git.Dispose();

    private Task<CliResult> RunAsync(params string[] args) =>
        CliFixture.RunRawAsync([.. args, "--knowledge", _git.Path, "--index", Path.Combine(_git.Path, ".index")]);

    private static string Decision(string status) =>
        $"# 1. Use Postgres\n\n## Status\n\n{status}\n\n## Context\n\nWe need a store.\n\n## Decision\n\nWe will use Postgres.\n";

    [Fact]
    public async Task Changes_SinceARef_PrintsEachChangeWithItsCommit_AsTextAndJson()
    {
        _git.Write("decisions/0001-use-postgres.md", Decision("Proposed"));
        var first = _git.Commit("propose", new DateOnly(2026, 3, 1));
        _git.Write("decisions/0001-use-postgres.md", Decision("Accepted"));
        var second = _git.Commit("accept", new DateOnly(2026, 3, 2));

        var text = await RunAsync("changes", "--since", first);
        var json = await RunAsync("changes", "--since", first, "--format", "json");

        Assert.Equal(ExitCodes.Success, text.ExitCode);
        Assert.StartsWith($"2026-03-02  {second[..7]}  decision ADR-0001: status proposed → accepted — Use Postgres  decisions/0001-use-postgres.md:", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 of 1 changes", text.Stdout, StringComparison.Ordinal);
        var change = Assert.Single(json.Json().GetProperty("changes").EnumerateArray());
        Assert.Equal(second, change.GetProperty("commit").GetString());
        Assert.Equal("status", change.GetProperty("change").GetString());
    }

    [Fact]
    public async Task Changes_SinceABadRef_IsOneLineSayingWhatToPass_ExitTwo()
    {
        _git.Write("decisions/0001-use-postgres.md", Decision("Accepted"));
        _git.Commit("accept", new DateOnly(2026, 3, 1));

        var result = await RunAsync("changes", "--since", "no-such-branch");

        Assert.Equal(ExitCodes.InvalidOptions, result.ExitCode);
        var line = Assert.Single(result.ErrorLines, l => l.StartsWith("archmcp: ", StringComparison.Ordinal));
        Assert.Contains("'no-such-branch' is not a commit", line, StringComparison.Ordinal);
        Assert.Contains("or a date as YYYY-MM-DD", line, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Export_Check_FailsBeforeExport_PassesAfter_FailsAfterAnEdit()
    {
        _git.Write("decisions/0001-use-postgres.md", Decision("Accepted"));
        _git.Write("standards/api.md", "# API rules\n\n### MUST version public APIs [API-001]\n\nText.\n");
        using var repo = new TempKnowledgeFolder(null);

        var before = await RunAsync("export", "--target", "copilot", "--out", repo.Path, "--check");
        var export = await RunAsync("export", "--target", "copilot", "--out", repo.Path);
        var after = await RunAsync("export", "--target", "copilot", "--out", repo.Path, "--check");
        File.AppendAllText(repo.FullPath(".github/instructions/architecture.instructions.md"), "- a hand edit\n");
        var edited = await RunAsync("export", "--target", "copilot", "--out", repo.Path, "--check");

        Assert.Equal((ExitCodes.Findings, "differs: .github/instructions/architecture.instructions.md"), (before.ExitCode, before.Stdout.Trim()));
        Assert.False(File.Exists(repo.FullPath("AGENTS.md")));
        Assert.Equal((ExitCodes.Success, "written: .github/instructions/architecture.instructions.md"), (export.ExitCode, export.Stdout.Trim()));
        Assert.Contains("- **API-001** MUST: version public APIs", File.ReadAllText(repo.FullPath(".github/instructions/architecture.instructions.md")), StringComparison.Ordinal);
        Assert.Equal((ExitCodes.Success, "up to date: .github/instructions/architecture.instructions.md"), (after.ExitCode, after.Stdout.Trim()));
        Assert.Equal(ExitCodes.Findings, edited.ExitCode);
        Assert.Contains("differ from the decision log", edited.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_AnUnknownTarget_IsAUsageError()
    {
        var result = await RunAsync("export", "--target", "vim", "--out", _git.Path);

        Assert.Equal(ExitCodes.InvalidOptions, result.ExitCode);
        Assert.Contains("vim", result.Stderr, StringComparison.Ordinal);
    }
}
