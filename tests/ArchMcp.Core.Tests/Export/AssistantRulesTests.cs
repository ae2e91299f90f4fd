using ArchMcp.Core.Export;
using ArchMcp.Core.Tests.Harness;
using ArchMcp.Tests.Shared;

namespace ArchMcp.Core.Tests.Export;

/// <summary>
/// The assistant's own rule files from a knowledge folder written here: decisions in force and MUST rules in, others
/// out; scoped documents in files applied to their globs; the budget; the marked section of AGENTS.md; --check.
/// </summary>
public sealed class AssistantRulesTests : IDisposable
{
    private readonly EngineHarness _engine = new(EngineHarness.Empty);
    private readonly TempKnowledgeFolder _out = new(null);

    public AssistantRulesTests()
    {
        _engine.Folder.Write("decisions/0001-use-postgres.md", Decision(1, "Use Postgres for orders", "Accepted"));
        _engine.Folder.Write("decisions/0002-use-grpc.md", Decision(2, "Use gRPC between services", "Proposed"));
        _engine.Folder.Write("decisions/0003-use-soap.md", Decision(3, "Use SOAP for partners", "Deprecated"));
        _engine.Folder.Write("decisions/0004-bill-in-cents.md", "---\nscope:\n  paths: [\"services/billing/**\"]\n---\n" + Decision(4, "Keep amounts in cents", "Accepted"));
        _engine.Folder.Write("standards/api.md", "# API rules\n\n### MUST version public APIs [API-001]\n\nText.\n\n### SHOULD page long lists [API-002]\n\nText.\n\n### MAY use ETags [API-003]\n\nText.\n");
        _engine.Folder.Write("standards/billing.md", "---\nscope:\n  paths: [\"services/billing/**\", \"libs/money/**\"]\n---\n# Billing rules\n\n### MUST NOT use floating point for money [BIL-001]\n\nText.\n");
    }

    public void Dispose()
    {
        _engine.Dispose();
        _out.Dispose();
    }

    private static string Decision(int number, string title, string status) =>
        $"# {number}. {title}\n\n## Status\n\n{status}\n\n## Context\n\nWhy.\n\n## Decision\n\nWe will do it.\n";

    private Task<IReadOnlyList<RuleFile>> FilesAsync(AssistantTarget target) => _engine.Service.AssistantRuleFilesAsync(target);

    [Fact]
    public async Task AgentsMd_IsOneMarkedSection_WithDecisionsInForceAndRulesCitedById_ScopedOnesUnderTheirGlobs()
    {
        var file = Assert.Single(await FilesAsync(AssistantTarget.AgentsMd));

        Assert.Equal(("AGENTS.md", true), (file.Path, file.Section));
        Assert.StartsWith(RuleFiles.Begin + "\n## Architecture decisions and rules\n", file.Content, StringComparison.Ordinal);
        Assert.EndsWith(RuleFiles.End + "\n", file.Content, StringComparison.Ordinal);
        Assert.Contains("- **ADR-0001** (decision) Use Postgres for orders", file.Content, StringComparison.Ordinal);
        Assert.Contains("- **API-001** MUST: version public APIs", file.Content, StringComparison.Ordinal);
        Assert.Contains("- **API-002** SHOULD: page long lists", file.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("ADR-0002", file.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("ADR-0003", file.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("API-003", file.Content, StringComparison.Ordinal);
        Assert.Contains("`get_decision` and `get_rule` by id", file.Content, StringComparison.Ordinal);
        var scoped = file.Content[file.Content.IndexOf("### Files matching", StringComparison.Ordinal)..];
        Assert.StartsWith("### Files matching `libs/money/**`, `services/billing/**`\n\n- **BIL-001** MUST NOT: use floating point for money", scoped, StringComparison.Ordinal);
        Assert.Contains("### Files matching `services/billing/**`\n\n- **ADR-0004** (decision) Keep amounts in cents", scoped, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Copilot_OneInstructionsFilePerScope_WithApplyTo()
    {
        var files = await FilesAsync(AssistantTarget.Copilot);

        Assert.Equal(
            [".github/instructions/architecture.instructions.md", ".github/instructions/architecture-libs-money-services-billing.instructions.md", ".github/instructions/architecture-services-billing.instructions.md"],
            files.Select(f => f.Path));
        Assert.All(files, f => Assert.False(f.Section));
        Assert.StartsWith("---\napplyTo: \"**\"\n---\n\n# Architecture decisions and rules\n", files[0].Content, StringComparison.Ordinal);
        Assert.Contains("API-001", files[0].Content, StringComparison.Ordinal);
        Assert.DoesNotContain("BIL-001", files[0].Content, StringComparison.Ordinal);
        Assert.StartsWith("---\napplyTo: \"libs/money/**,services/billing/**\"\n---\n", files[1].Content, StringComparison.Ordinal);
        Assert.Contains("- **BIL-001** MUST NOT", files[1].Content, StringComparison.Ordinal);
        Assert.DoesNotContain("API-001", files[1].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cursor_GeneralRuleAlwaysApplies_ScopedOnesApplyToTheirGlobs()
    {
        var files = await FilesAsync(AssistantTarget.Cursor);

        Assert.Equal(".cursor/rules/architecture.mdc", files[0].Path);
        Assert.StartsWith("---\ndescription: \"Architecture decisions and rules in force, from the ArchMcp knowledge\"\nglobs:\nalwaysApply: true\n---\n", files[0].Content, StringComparison.Ordinal);
        Assert.Equal(".cursor/rules/architecture-services-billing.mdc", files[2].Path);
        Assert.Contains("\nglobs: services/billing/**\nalwaysApply: false\n---\n", files[2].Content, StringComparison.Ordinal);
        Assert.Contains("ADR-0004", files[2].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverTheBudget_MustRulesComeBeforeShouldOnes_AndTheRestIsCountedAndSentToTheServer()
    {
        var rules = string.Concat(Enumerable.Range(1, 150).Select(n => $"### SHOULD keep rule number {n} short and clear [S-{n:D3}]\n\nText.\n\n"))
            + string.Concat(Enumerable.Range(1, 150).Select(n => $"### MUST follow rule number {n} in every service [M-{n:D3}]\n\nText.\n\n"));
        _engine.Folder.Write("standards/many.md", "# Many rules\n\n" + rules);
        await _engine.Service.RefreshAsync();

        var content = (await FilesAsync(AssistantTarget.Copilot))[0].Content;

        Assert.InRange(content.Length, 1, AssistantRules.TokenBudget * 4);
        Assert.Contains("M-001", content, StringComparison.Ordinal);
        Assert.DoesNotContain("S-150", content, StringComparison.Ordinal);
        var kept = content.Split('\n').Count(l => l.StartsWith("- **", StringComparison.Ordinal));
        Assert.Contains($"\n{1 + 2 + 300 - kept} more decisions and rules (past this file's budget of {AssistantRules.TokenBudget} tokens) are in the ArchMcp MCP server", content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSameKnowledge_GivesTheSameBytes()
    {
        var first = await FilesAsync(AssistantTarget.Cursor);
        var second = await _engine.NewService().AssistantRuleFilesAsync(AssistantTarget.Cursor);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Merge_ReplacesOnlyTheMarkedSection_KeepingTheUsersTextAroundIt()
    {
        var section = $"{RuleFiles.Begin}\nnew\n{RuleFiles.End}\n";
        var existing = $"# Our agents\n\nRun the tests.\n\n{RuleFiles.Begin}\nold\n{RuleFiles.End}\n\n## Style\n\nTabs.\n";

        Assert.Equal($"# Our agents\n\nRun the tests.\n\n{section}\n## Style\n\nTabs.\n", RuleFiles.Merge(existing, section));
        Assert.Equal($"# Our agents\n\nRun the tests.\n\n{section}", RuleFiles.Merge("# Our agents\n\nRun the tests.\n", section));
        Assert.Equal(section, RuleFiles.Merge(null, section));
    }

    [Fact]
    public async Task Check_AfterExportMatches_AfterAnEditDiffers_AndExportKeepsTheUsersText()
    {
        _out.Write("AGENTS.md", "# Our agents\n\nRun the tests.\n");
        var files = await FilesAsync(AssistantTarget.AgentsMd);

        Assert.All(RuleFiles.Sync(files, _out.Path, check: true), s => Assert.False(s.UpToDate));
        Assert.All(RuleFiles.Sync(files, _out.Path, check: false), s => Assert.False(s.UpToDate));
        Assert.All(RuleFiles.Sync(files, _out.Path, check: true), s => Assert.True(s.UpToDate));
        var written = File.ReadAllText(_out.FullPath("AGENTS.md"));
        Assert.StartsWith("# Our agents\n\nRun the tests.\n\n" + RuleFiles.Begin, written, StringComparison.Ordinal);

        File.WriteAllText(_out.FullPath("AGENTS.md"), written.Replace("Use Postgres", "Use MySQL", StringComparison.Ordinal));
        Assert.Equal([new RuleFileState("AGENTS.md", false)], RuleFiles.Sync(files, _out.Path, check: true));
        File.AppendAllText(_out.FullPath("AGENTS.md"), "\n## Our own notes\n");
        RuleFiles.Sync(files, _out.Path, check: false);
        Assert.EndsWith(RuleFiles.End + "\n\n## Our own notes\n", File.ReadAllText(_out.FullPath("AGENTS.md")), StringComparison.Ordinal);
        Assert.All(RuleFiles.Sync(files, _out.Path, check: true), s => Assert.True(s.UpToDate));
    }

    [Fact]
    public async Task AScopeThatIsGone_ItsFileIsStale_CheckFails_ExportRemovesIt_TheUsersOwnFilesStay()
    {
        RuleFiles.Sync(await FilesAsync(AssistantTarget.Copilot), _out.Path, check: false);
        _out.Write(".github/instructions/testing.instructions.md", "---\napplyTo: \"**/*Tests.cs\"\n---\n\nUse xUnit.\n");
        _engine.Folder.Write("standards/billing.md", "# Billing rules\n\n### MUST NOT use floating point for money [BIL-001]\n\nText.\n");
        await _engine.Service.RefreshAsync();
        var files = await FilesAsync(AssistantTarget.Copilot);

        var check = RuleFiles.Sync(files, _out.Path, check: true);
        var export = RuleFiles.Sync(files, _out.Path, check: false);

        var stale = new RuleFileState(".github/instructions/architecture-libs-money-services-billing.instructions.md", UpToDate: false, Stale: true);
        Assert.Contains(stale, check);
        Assert.Contains(stale, export);
        Assert.False(File.Exists(_out.FullPath(stale.Path)));
        Assert.True(File.Exists(_out.FullPath(".github/instructions/testing.instructions.md")));
        Assert.All(RuleFiles.Sync(files, _out.Path, check: true), s => Assert.True(s.UpToDate));
    }
}
